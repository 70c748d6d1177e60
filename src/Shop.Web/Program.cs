using Shop.Web.Modules.Analytics;
using Shop.Web.Modules.Cart;
using Shop.Web.Modules.Catalog;
using Shop.Web.Modules.Content;
using Shop.Web.Modules.Currencies;
using Shop.Web.Modules.Identity;
using Shop.Web.Modules.Inventory;
using Shop.Web.Modules.Ledger;
using Shop.Web.Modules.Notifications;
using Shop.Web.Modules.Ordering;
using Shop.Web.Modules.Payments;
using Shop.Web.Modules.Pricing;
using Shop.Web.Modules.Reviews;
using Shop.Web.Modules.Support;
using Shop.Web.Modules.Webhooks;
using Shop.Web.Platform;
using Shop.Web.Platform.Commands;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddNotifications();
builder.AddIdentity();
builder.AddCatalog();
builder.AddInventory();
builder.AddPricing();
builder.AddCurrencies();
builder.AddCart();
builder.AddOrdering();
builder.AddPayments();
builder.AddLedger();
builder.AddReviews();
builder.AddWebhooks();
builder.AddSupport();
builder.AddContent();
builder.AddAnalytics();

var app = builder.Build();

app.UsePlatform();
app.MapPlatform();
app.MapNotifications();
app.MapIdentity();
app.MapCatalog();
app.MapInventory();
app.MapPricing();
app.MapCurrencies();
app.MapCart();
app.MapOrdering();
app.MapPayments();
app.MapLedger();
app.MapReviews();
app.MapWebhooks();
app.MapSupport();
app.MapContent();
app.MapAnalytics();

if (await app.RunCommandAsync(args))
    return;

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
