using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shop.Web.Platform.Database;

namespace Shop.Testing;

/// <summary>
/// One PostgreSQL server per test run: the one named by SHOP_TEST_POSTGRES (a superuser connection
/// string), or a throwaway cluster this class starts in a temporary folder and stops at exit.
/// A migrated template database is built once; every test class gets its own clone of it.
/// </summary>
public sealed class TestPostgres
{
    private const string TemplateName = "shop_template";
    private static readonly Lazy<Task<TestPostgres>> Shared = new(StartAsync);
    private static readonly SemaphoreSlim CreateLock = new(1, 1);

    private TestPostgres(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    public string AdminConnectionString { get; }

    public static Task<TestPostgres> InstanceAsync() => Shared.Value;

    /// <summary>A new database with every migration applied.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync() => await (await InstanceAsync()).CreateDatabaseAsync(TemplateName);

    /// <summary>A new database with nothing in it.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync() => await (await InstanceAsync()).CreateDatabaseAsync("template0");

    /// <remarks>
    /// Every test database has its own pool, which outlives the test; idle connections close within
    /// seconds so that a whole run stays far below the server's connection limit.
    /// </remarks>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = database, MaxPoolSize = 30, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 2,
        }.ConnectionString;

    private async Task<string> CreateDatabaseAsync(string template)
    {
        var name = $"shop_test_{Guid.NewGuid():N}"[..30];
        // PostgreSQL refuses to copy a template that another CREATE DATABASE is reading.
        await CreateLock.WaitAsync();
        try
        {
            await using var admin = new NpgsqlConnection(AdminConnectionString);
            await admin.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        }
        finally
        {
            CreateLock.Release();
        }
        return ConnectionStringFor(name);
    }

    private static async Task<TestPostgres> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable("SHOP_TEST_POSTGRES");
        var server = new TestPostgres(string.IsNullOrWhiteSpace(given) ? await TemporaryCluster.StartAsync() : given);
        await server.BuildTemplateAsync();
        return server;
    }

    private async Task BuildTemplateAsync()
    {
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
            await admin.ExecuteAsync($"CREATE DATABASE {TemplateName} TEMPLATE template0");
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStringFor(TemplateName)) { Pooling = false };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await new Migrator(dataSource, NullLogger<Migrator>.Instance).MigrateAsync();
    }

    /// <summary>A cluster in /tmp with durability off (tests do not need it), on a free loopback port.</summary>
    private static class TemporaryCluster
    {
        public static async Task<string> StartAsync()
        {
            var bin = FindBinaries();
            RemoveStaleClusters();
            var root = Directory.CreateTempSubdirectory(Prefix).FullName;
            var data = Path.Combine(root, "data");
            var port = FreePort();
            var asRoot = Environment.UserName == "root";
            if (asRoot)
                await RunAsync("chown", "-R", "postgres:", root);

            await RunAsPostgresAsync(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            await RunAsPostgresAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
                $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=600",
                "start");

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                RunAsPostgresAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
                Directory.Delete(root, recursive: true);
            };
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
        }

        private const string Prefix = "shop-test-pg-";

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

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static Task RunAsPostgresAsync(bool asRoot, string program, params string[] arguments) =>
            asRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);
    }

    internal static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }
}
