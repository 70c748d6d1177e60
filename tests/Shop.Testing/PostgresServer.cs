using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Shop.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster in /tmp on a free loopback port, durability off (tests do not
/// need it), removed when the test process exits. It can be stopped and started again on the same
/// port, for tests of what the shop does while its database is away.
/// </summary>
public sealed class PostgresServer
{
    private const string Prefix = "shop-test-pg-";
    private readonly string bin;
    private readonly string root;
    private readonly int port;
    private readonly bool asRoot = Environment.UserName == "root";

    private PostgresServer(string bin, string root, int port)
    {
        this.bin = bin;
        this.root = root;
        this.port = port;
    }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";

    /// <summary>Where the server binaries (pg_dump, psql, ...) are.</summary>
    public static string BinDirectory => FindBinaries();

    private string Data => Path.Combine(root, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        RemoveStaleClusters();
        var server = new PostgresServer(FindBinaries(), Directory.CreateTempSubdirectory(Prefix).FullName, FreePort());
        if (server.asRoot)
            await RunAsync("chown", "-R", "postgres:", server.root);
        await server.RunAsPostgresAsync(Path.Combine(server.bin, "initdb"), "-D", server.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await server.StartAgainAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopAsync("immediate").GetAwaiter().GetResult();
            Directory.Delete(server.root, recursive: true);
        };
        return server;
    }

    public Task StartAgainAsync() => RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
        $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=600",
        "start");

    /// <summary>Stops the server; "fast" ends every session and shuts down cleanly, as a restart does.</summary>
    public async Task StopAsync(string mode = "fast")
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", Data, "-m", mode, "-w", "stop");
    }

    /// <summary>Clusters of earlier runs whose test host was killed before it could clean up.</summary>
    private static void RemoveStaleClusters()
    {
        foreach (var directory in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(Prefix + "*"))
        {
            var running = File.Exists(Path.Combine(directory.FullName, "data", "postmaster.pid"));
            if (running || directory.CreationTimeUtc > DateTime.UtcNow.AddMinutes(-10))
                continue;
            try
            {
                directory.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another test process is removing it at the same moment.
            }
        }
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql: install the 'postgresql' package, or set SHOP_TEST_POSTGRES.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunAsPostgresAsync(string program, params string[] arguments) =>
        asRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    /// <summary>Runs a program to its end; throws with its output when it fails. Returns its standard output.</summary>
    public static async Task<string> RunAsync(string program, params string[] arguments) => await RunAsync(program, arguments, environment: null);

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await output}{await error}");
        return await output;
    }
}
