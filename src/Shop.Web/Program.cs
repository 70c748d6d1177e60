using Shop.Web.Modules.Identity;
using Shop.Web.Modules.Storefront;
using Shop.Web.Platform;
using Shop.Web.Platform.Commands;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddIdentity();
builder.AddStorefront();

var app = builder.Build();

app.UsePlatform();
app.MapPlatform();
app.MapIdentity();

if (await app.RunCommandAsync(args))
    return;

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
