using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Shop.Testing;

/// <summary>A small HTTP server on a free loopback port, for stand-ins of outside services.</summary>
public static class LoopbackServer
{
    public static async Task<WebApplication> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        return app;
    }
}
