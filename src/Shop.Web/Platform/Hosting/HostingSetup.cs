using Microsoft.Extensions.Options;
using Shop.Web.Platform.Health;

namespace Shop.Web.Platform.Hosting;

/// <summary>One of several identical instances: a name to tell them apart, and a shutdown that lets the load balancer move on first.</summary>
public static class HostingSetup
{
    public static WebApplicationBuilder AddInstanceHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InstanceOptions>()
            .Bind(builder.Configuration.GetSection(InstanceOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<GracefulShutdown>();
        // The drain delay comes out of the shutdown budget, so the budget grows with it.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<InstanceOptions>>((host, instance) =>
            host.ShutdownTimeout = instance.Value.DrainDelay + TimeSpan.FromSeconds(25));
        builder.Services.AddHealthChecks().AddCheck<AcceptingTrafficCheck>("accepting", tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    /// <summary>Every response names the instance that served it, which makes spreading and failover visible.</summary>
    public static WebApplication UseInstanceHeader(this WebApplication app)
    {
        var name = app.Services.GetRequiredService<IOptions<InstanceOptions>>().Value.ResolvedName;
        app.Use((context, next) =>
        {
            context.Response.Headers["X-Shop-Instance"] = name;
            return next(context);
        });
        return app;
    }
}
