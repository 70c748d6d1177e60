using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Testing;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Platform;

/// <summary>
/// The SQL scripts and the EF model describe the same schema: the database the scripts build has
/// the same tables, columns, types, nullability, keys, foreign keys and indexes as one EF creates
/// from its model. A model change without a script (or the reverse) fails here.
/// </summary>
public sealed class SchemaMatchesModelTests
{
    // Tables the migrator itself owns, outside the EF model.
    private static readonly string[] TablesOutsideTheModel = ["platform.schema_migrations"];

    [Fact]
    public async Task Migrated_schema_equals_the_schema_the_EF_model_expects()
    {
        var migrated = await TestPostgres.CreateMigratedDatabaseAsync();
        var fromModel = await TestPostgres.CreateEmptyDatabaseAsync();
        await using (var db = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseNpgsql(fromModel).Options))
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());

        var expected = await DescribeAsync(fromModel);
        var actual = await DescribeAsync(migrated);

        Assert.Equal([], expected.Except(actual));
        Assert.Equal([], actual.Except(expected));
        Assert.NotEmpty(actual);
    }

    private static async Task<IReadOnlyList<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var facts = await connection.QueryAsync<(string Table, string Fact)>("""
            SELECT c.table_schema || '.' || c.table_name,
                   format('column %s %s %s', c.column_name, format_type(a.atttypid, a.atttypmod),
                          CASE WHEN c.is_nullable = 'YES' THEN 'null' ELSE 'not null' END)
              FROM information_schema.columns c
              JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
             WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
            UNION ALL
            SELECT con.conrelid::regclass::text, format('constraint %s %s', con.conname, pg_get_constraintdef(con.oid))
              FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND con.contype IN ('p', 'f', 'u')
            UNION ALL
            SELECT schemaname || '.' || tablename, format('index %s', indexdef)
              FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
            """);
        return facts.Where(f => !TablesOutsideTheModel.Contains(f.Table))
            .Select(f => $"{f.Table}: {f.Fact}")
            .Order()
            .ToList();
    }
}
