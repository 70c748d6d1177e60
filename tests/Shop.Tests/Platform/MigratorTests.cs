using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shop.Testing;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Platform;

public sealed class MigratorTests
{
    private static Migrator MigratorFor(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<Migrator>.Instance);

    [Fact]
    public async Task A_fresh_database_gets_every_script_once_in_order()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateEmptyDatabaseAsync());

        var applied = await MigratorFor(dataSource).MigrateAsync();

        Assert.Equal(Migrator.Scripts.Select(s => s.Version), applied.Select(s => s.Version));
        await using var connection = await dataSource.OpenConnectionAsync();
        var history = (await connection.QueryAsync<(int Version, string Checksum)>("SELECT version, checksum FROM platform.schema_migrations ORDER BY version")).ToList();
        Assert.Equal(Migrator.Scripts.Select(s => (s.Version, s.Checksum)), history);
    }

    [Fact]
    public async Task An_up_to_date_database_gets_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync());

        Assert.Empty(await MigratorFor(dataSource).MigrateAsync());
        Assert.Empty(await MigratorFor(dataSource).PendingAsync());
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_script_exactly_once()
    {
        var connectionString = await TestPostgres.CreateEmptyDatabaseAsync();
        var dataSources = Enumerable.Range(0, 6).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();

        var results = await Task.WhenAll(dataSources.Select(ds => Task.Run(() => MigratorFor(ds).MigrateAsync())));

        Assert.Equal(Migrator.Scripts.Count, results.Sum(r => r.Count));
        await using var connection = await dataSources[0].OpenConnectionAsync();
        Assert.Equal(Migrator.Scripts.Count, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM platform.schema_migrations"));
        foreach (var ds in dataSources)
            await ds.DisposeAsync();
    }

    [Fact]
    public async Task A_changed_applied_script_is_refused_loudly()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync());
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("UPDATE platform.schema_migrations SET checksum = 'edited' WHERE version = 1");

        var error = await Assert.ThrowsAsync<MigrationException>(() => MigratorFor(dataSource).MigrateAsync());

        Assert.Contains("Migration 1 (platform) was changed after it was applied", error.Message);
    }

    [Fact]
    public async Task A_database_ahead_of_this_build_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync());
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("INSERT INTO platform.schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')");

        var error = await Assert.ThrowsAsync<MigrationException>(() => MigratorFor(dataSource).MigrateAsync());

        Assert.Contains("9999", error.Message);
    }

    [Fact]
    public async Task A_failing_script_rolls_back_and_is_not_recorded()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateEmptyDatabaseAsync());
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("CREATE SCHEMA identity; CREATE TABLE identity.roles (x int)"); // collides with V0002

        await Assert.ThrowsAsync<PostgresException>(() => MigratorFor(dataSource).MigrateAsync());

        await using var check = await dataSource.OpenConnectionAsync();
        Assert.Equal([1], await check.QueryAsync<int>("SELECT version FROM platform.schema_migrations"));
        Assert.False(await check.ExecuteScalarAsync<bool>("SELECT to_regclass('identity.users') IS NOT NULL"));
    }

    [Fact]
    public void Scripts_are_numbered_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, Migrator.Scripts.Count), Migrator.Scripts.Select(s => s.Version));
    }
}
