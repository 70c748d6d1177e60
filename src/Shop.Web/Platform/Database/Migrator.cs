using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Shop.Web.Platform.Database;

/// <summary>
/// Applies the versioned SQL scripts embedded in this assembly (Migrations/V0001__name.sql, ...) in
/// order, each in its own transaction, recording version and checksum in platform.schema_migrations.
/// A session-level advisory lock serialises concurrent migrators, so each script runs exactly once
/// however many instances start together. An applied script whose text changed is refused.
/// </summary>
public sealed class Migrator(NpgsqlDataSource dataSource, ILogger<Migrator> logger)
{
    private const long AdvisoryLockKey = 0x5_4F_50_4D_49_47; // "SHOPMIG"

    private const string HistoryTableSql = """
        CREATE SCHEMA IF NOT EXISTS platform;
        CREATE TABLE IF NOT EXISTS platform.schema_migrations (
            version     integer     PRIMARY KEY,
            name        text        NOT NULL,
            checksum    text        NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        );
        """;

    public static IReadOnlyList<MigrationScript> Scripts { get; } = MigrationScript.LoadEmbedded(typeof(Migrator).Assembly);

    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@AdvisoryLockKey)", new { AdvisoryLockKey });
        try
        {
            await connection.ExecuteAsync(HistoryTableSql);
            var pending = Pending(Scripts, await AppliedAsync(connection));
            foreach (var script in pending)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(
                    "INSERT INTO platform.schema_migrations (version, name, checksum) VALUES (@Version, @Name, @Checksum)",
                    script, transaction);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Version} {Name}", script.Version, script.Name);
            }
            return pending;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@AdvisoryLockKey)", new { AdvisoryLockKey });
        }
    }

    /// <summary>The scripts not yet applied; throws when an applied script was changed or is unknown.</summary>
    public async Task<IReadOnlyList<MigrationScript>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('platform.schema_migrations') IS NOT NULL");
        return Pending(Scripts, exists ? await AppliedAsync(connection) : []);
    }

    private static async Task<IReadOnlyList<AppliedMigration>> AppliedAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<AppliedMigration>("SELECT version, name, checksum FROM platform.schema_migrations ORDER BY version")).AsList();

    internal static IReadOnlyList<MigrationScript> Pending(IReadOnlyList<MigrationScript> scripts, IReadOnlyList<AppliedMigration> applied)
    {
        var byVersion = scripts.ToDictionary(s => s.Version);
        foreach (var done in applied)
        {
            if (!byVersion.TryGetValue(done.Version, out var script))
                throw new MigrationException($"The database has migration {done.Version} ({done.Name}) that this build does not know. Is an older build running against a newer database?");
            if (script.Checksum != done.Checksum)
                throw new MigrationException($"Migration {done.Version} ({done.Name}) was changed after it was applied (checksum {done.Checksum} in the database, {script.Checksum} in this build). Add a new migration instead of editing an applied one.");
        }
        var appliedVersions = applied.Select(a => a.Version).ToHashSet();
        return scripts.Where(s => !appliedVersions.Contains(s.Version)).ToList();
    }
}

public sealed record AppliedMigration(int Version, string Name, string Checksum);

public sealed record MigrationScript(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>Reads resources named Migrations/V{version}__{name}.sql, ordered by version.</summary>
    public static IReadOnlyList<MigrationScript> LoadEmbedded(Assembly assembly)
    {
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal)))
        {
            var fileName = Path.GetFileNameWithoutExtension(resource["Migrations/".Length..]);
            var separator = fileName.IndexOf("__", StringComparison.Ordinal);
            if (!fileName.StartsWith('V') || separator < 0 || !int.TryParse(fileName[1..separator], out var version))
                throw new MigrationException($"Migration resource '{resource}' is not named V<version>__<name>.sql.");
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            scripts.Add(new MigrationScript(version, fileName[(separator + 2)..], reader.ReadToEnd()));
        }
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new MigrationException($"Two migrations share version {duplicate.Key}.");
        return scripts.OrderBy(s => s.Version).ToList();
    }
}

public sealed class MigrationException(string message) : Exception(message);
