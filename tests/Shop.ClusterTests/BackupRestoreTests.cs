using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>deploy/backup.sh and deploy/restore.sh against the cluster's live database.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BackupRestoreTests(ShopCluster cluster)
{
    [Fact]
    public async Task A_backup_restored_into_a_new_database_holds_every_row_and_order_of_the_original()
    {
        await PlaceOrdersAsync(2);
        await cluster.WaitForOutboxAsync();
        var source = new NpgsqlConnectionStringBuilder(cluster.ConnectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = source.Host!, ["PGPORT"] = source.Port.ToString(), ["PGUSER"] = source.Username!, ["PGPASSWORD"] = source.Password ?? "",
            ["PGDATABASE"] = source.Database!, ["PG_BIN"] = PostgresServer.BinDirectory, ["SHOP_ENV"] = "/nonexistent", ["BACKUP_KEEP"] = "1",
        };
        var folder = Directory.CreateTempSubdirectory("shop-backup-").FullName;
        try
        {
            await using var original = cluster.Database();
            // The instances keep flushing buffered activity in the background, so the dump is compared with a
            // database that held still while it was taken: counts before and after the dump agree.
            var (dump, rows) = await QuietBackupAsync(original, folder, environment);
            var target = $"restored_{Guid.NewGuid():N}"[..20];
            await PostgresServer.RunAsync("bash", [Repository.Deploy("restore.sh"), dump, target], environment);

            await using var restored = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = target, Pooling = false }.ConnectionString);
            Assert.True(rows["ordering.orders"] >= 2 && rows["catalog.products"] > 0 && rows["identity.users"] > 0, string.Join(", ", rows));
            var restoredRows = await RowCountsAsync(restored);
            Assert.True(rows.Count == restoredRows.Count && rows.All(row => restoredRows.GetValueOrDefault(row.Key, -1) == row.Value),
                "Tables that differ: " + string.Join(", ", rows.Where(row => restoredRows.GetValueOrDefault(row.Key, -1) != row.Value)
                    .Select(row => $"{row.Key} {row.Value} → {restoredRows.GetValueOrDefault(row.Key, -1)}")));
            const string orders = "SELECT number, total, status FROM ordering.orders ORDER BY number";
            Assert.Equal(await original.QueryAsync<(string, decimal, string)>(orders), await restored.QueryAsync<(string, decimal, string)>(orders));

            // Never over an existing database.
            await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresServer.RunAsync("bash", [Repository.Deploy("restore.sh"), dump, target], environment));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task PlaceOrdersAsync(int count)
    {
        using var guest = cluster.Client(new ResponseRecorder());
        var variantId = await guest.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/catalog/products?pageSize=1") is var listing
            ? (await guest.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/catalog/products/{listing.GetProperty("items")[0].GetProperty("slug").GetString()}"))
                .GetProperty("variants")[0].GetProperty("id").GetGuid()
            : default;
        await using (var db = cluster.Database())
            await db.ExecuteAsync("UPDATE inventory.stock_items SET on_hand = reserved + 1000 WHERE variant_id = @variantId", new { variantId });
        for (var i = 0; i < count; i++)
        {
            using var shopper = cluster.Client(new ResponseRecorder());
            var added = await shopper.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 1 });
            shopper.DefaultRequestHeaders.Add("X-Cart-Token", added.Headers.GetValues("X-Cart-Token").Single());
            Assert.Equal(HttpStatusCode.Created, (await shopper.CheckoutAsync(idempotencyKey: Guid.NewGuid().ToString())).StatusCode);
        }
    }

    private static async Task<(string Dump, Dictionary<string, long> Rows)> QuietBackupAsync(
        NpgsqlConnection original, string folder, Dictionary<string, string> environment)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await RowCountsAsync(original);
            var dump = (await PostgresServer.RunAsync("bash", [Repository.Deploy("backup.sh"), folder], environment)).Trim();
            var after = await RowCountsAsync(original);
            if (before.Count == after.Count && before.All(row => after.GetValueOrDefault(row.Key, -1) == row.Value) || attempt == 5)
                return (dump, after);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(NpgsqlConnection db)
    {
        var tables = await db.QueryAsync<string>("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
             WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
            """);
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
            counts[table] = await db.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
        return counts;
    }
}
