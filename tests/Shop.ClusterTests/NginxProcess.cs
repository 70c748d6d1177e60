using System.Diagnostics;
using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>
/// A real nginx in front of the instances, configured by deploy/nginx/render.sh from the same site
/// file a server uses, in its own folder and unprivileged (as root, it runs as nobody).
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private readonly Process process;
    private readonly string prefix;

    private NginxProcess(Process process, string prefix, int port)
    {
        this.process = process;
        this.prefix = prefix;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public string AccessLog => Path.Combine(prefix, "logs", "access.log");

    public static async Task<NginxProcess> StartAsync(IEnumerable<int> instancePorts)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException("nginx is not installed: ./shop test installs it (apt-get install nginx).");
        var prefix = Directory.CreateTempSubdirectory("shop-test-nginx-").FullName;
        foreach (var folder in new[] { "logs", "tmp", "cache" })
            Directory.CreateDirectory(Path.Combine(prefix, folder));
        var port = PostgresServer.FreePort();
        var config = await PostgresServer.RunAsync("bash",
            [Repository.Deploy("nginx/render.sh"), "--listen", $"127.0.0.1:{port}", "--standalone", prefix, .. instancePorts.Select(p => $"127.0.0.1:{p}")],
            environment: null);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), config);

        var asRoot = Environment.UserName == "root";
        if (asRoot)
            await PostgresServer.RunAsync("chown", "-R", "nobody:", prefix);
        string[] nginx = [Binary, "-p", prefix, "-e", Path.Combine(prefix, "logs", "error.log"), "-c", Path.Combine(prefix, "nginx.conf"), "-g", "daemon off;"];
        var start = new ProcessStartInfo(asRoot ? "setpriv" : Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in asRoot ? ["--reuid=nobody", $"--regid={NobodyGroup()}", "--clear-groups", "--", .. nginx] : nginx[1..])
            start.ArgumentList.Add(argument);
        var started = new NginxProcess(Process.Start(start)!, prefix, port);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            if (started.process.HasExited)
                throw new InvalidOperationException($"nginx exited: {await started.process.StandardError.ReadToEndAsync()}");
            try
            {
                return (await client.GetAsync(new Uri(started.Address, "/health/live"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "nginx to answer");
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // TERM: the master stops its workers too (a KILLed master would leave them behind).
            await PostgresServer.RunAsync("kill", "-TERM", process.Id.ToString());
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(prefix, recursive: true);
    }

    private static string NobodyGroup() =>
        File.ReadLines("/etc/passwd").Select(line => line.Split(':')).First(fields => fields[0] == "nobody")[3];
}
