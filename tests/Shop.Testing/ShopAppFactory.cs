using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Shop.Testing;

/// <summary>
/// The real application over its own freshly cloned database (one per test class). Derive or use
/// <see cref="WithSettings"/> to change configuration, <see cref="ConfigureTestServices"/> to add
/// test-only services such as outbox handlers.
/// </summary>
public class ShopAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> settings = new()
    {
        ["Outbox:PollInterval"] = "00:00:00.250",
        ["Outbox:RetryBaseDelay"] = "00:00:00.050",
        ["RateLimits:AuthenticationPermitsPerMinute"] = "1000",
        ["RateLimits:AccountAttemptsPerWindow"] = "1000",
        ["Email:Delivery"] = "Pickup",
        ["Payments:Sandbox:WebhookSecret"] = "sandbox-test-secret",
        // Only webhook tests run the delivery worker; in every other app it would hold a connection for nothing.
        ["Webhooks:DeliveryEnabled"] = "false",
        // Nothing balances load in front of a test host: stop at once.
        ["Instance:DrainDelay"] = "00:00:00",
    };

    private SmtpTestServer? smtp;

    public string ConnectionString { get; private set; } = "";

    public string MailDirectory { get; } = Directory.CreateTempSubdirectory("shop-test-mail-").FullName;

    /// <summary>Uses an existing database instead of a new one (a second instance of the same shop).</summary>
    public string? SharedConnectionString { get; init; }

    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    /// <summary>False when the app listens on a real port (it then calls itself there).</summary>
    protected virtual bool UsesTestServer => true;

    public ShopAppFactory WithSettings(params (string Key, string? Value)[] values)
    {
        foreach (var (key, value) in values)
            settings[key] = value;
        return this;
    }

    public virtual async Task InitializeAsync() =>
        ConnectionString = SharedConnectionString ?? await TestPostgres.CreateMigratedDatabaseAsync();

    /// <summary>Sends mail over SMTP to <paramref name="server"/> (before start), or reads mail from a replacement server on the same port (after).</summary>
    public ShopAppFactory WithSmtp(SmtpTestServer server)
    {
        smtp = server;
        return WithSettings(("Email:Delivery", "Smtp"), ("Email:Host", "127.0.0.1"), ("Email:Port", server.Port.ToString()));
    }

    /// <summary>Every message the shop has delivered so far (to its SMTP server, or else its pickup folder).</summary>
    public IReadOnlyList<ReceivedMail> Mail() => smtp is not null ? smtp.Mail() : Directory.Exists(MailDirectory)
        ? Directory.GetFiles(MailDirectory, "*.eml").Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f))).OrderBy(f => f.Time)
            .Select(f => ReceivedMail.Parse(File.ReadAllText(f.File))).ToList()
        : [];

    /// <summary>Waits for the outbox to deliver a message to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(string to, string subject)
    {
        var mail = await Eventually.GetAsync(
            () => Task.FromResult(Mail().LastOrDefault(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal))),
            m => m is not null, $"mail to {to} about '{subject}'");
        return mail!;
    }

    /// <summary>Creates the database and starts the host, for tests that build their own factory.</summary>
    public async Task<ShopAppFactory> StartAsync()
    {
        await InitializeAsync();
        _ = Services;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve the build's static assets (compressed variants live in obj/) as a published app would.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Shop", ConnectionString);
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        // The sandbox gateway calls the shop back over HTTP; in memory, that means through this test server.
        if (UsesTestServer)
            builder.ConfigureServices(services => services.AddHttpClient(Shop.Web.Modules.Payments.Sandbox.SandboxGateway.Code)
                .ConfigureHttpClient(client => client.BaseAddress = new Uri("http://localhost"))
                .ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler()));
        if (ConfigureTestServices is not null)
            builder.ConfigureServices(ConfigureTestServices);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailDirectory))
            Directory.Delete(MailDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
