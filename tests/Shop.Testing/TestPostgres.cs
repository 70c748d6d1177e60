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
        var server = new TestPostgres(string.IsNullOrWhiteSpace(given) ? (await PostgresServer.StartAsync()).AdminConnectionString : given);
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
}
