using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Shop.Testing;

/// <summary>
/// A real SMTP server (Debian's python3-aiosmtpd) on a free loopback port, storing what it receives
/// in a maildir that tests read.
/// </summary>
public sealed class SmtpTestServer : IAsyncLifetime, IAsyncDisposable
{
    private Process? process;
    private int? requestedPort;

    public int Port { get; private set; }

    /// <summary>A server on a given port: a test can point the shop at a port where no server listens yet, then start one there.</summary>
    public static async Task<SmtpTestServer> StartAsync(int port)
    {
        var server = new SmtpTestServer { requestedPort = port };
        await server.InitializeAsync();
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string Maildir { get; } = Path.Combine(Directory.CreateTempSubdirectory("shop-test-smtp-").FullName, "mail");

    public async Task InitializeAsync()
    {
        Port = requestedPort ?? FreePort();
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
            start.ArgumentList.Add(argument);
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd (install python3-aiosmtpd).");
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
                throw new InvalidOperationException("aiosmtpd exited: " + await process.StandardError.ReadToEndAsync());
            using var client = new TcpClient();
            try { await client.ConnectAsync(IPAddress.Loopback, Port); return true; }
            catch (SocketException) { return false; }
        }, "the SMTP server to listen");
    }

    /// <summary>The raw RFC 5322 text of every message received so far.</summary>
    public IReadOnlyList<ReceivedMail> Mail() => Messages().Select(ReceivedMail.Parse).ToList();

    public IReadOnlyList<string> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Order().Select(File.ReadAllText).ToList() : [];
    }

    public async Task<IReadOnlyList<string>> WaitForMessagesAsync(int count) =>
        await Eventually.GetAsync(() => Task.FromResult(Messages()), m => m.Count >= count, $"{count} message(s) at the SMTP server");

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
            process.Kill(entireProcessTree: true);
        process?.Dispose();
        Directory.Delete(Path.GetDirectoryName(Maildir)!, recursive: true);
        return Task.CompletedTask;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
