using Dapper;
using Npgsql;
using Shop.Testing;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Support;

/// <summary>
/// The script that makes buyer-seller threads unique, on a database that already holds duplicates (as
/// simultaneous first messages made them): each subject's threads merge into the oldest, nothing is lost,
/// and a new duplicate is refused afterwards.
/// </summary>
public sealed class SellerMessageMergeTests
{
    private const int UniqueThreads = 27;

    [Fact]
    public async Task Duplicate_threads_merge_into_the_oldest_with_every_message_report_and_the_furthest_read_positions()
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.CreateEmptyDatabaseAsync());
        await connection.OpenAsync();
        foreach (var script in Migrator.Scripts.Where(s => s.Version < UniqueThreads))
            await connection.ExecuteAsync(script.Sql);
        var (customer, seller, otherSeller, order, product) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var start = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        var t1 = await ThreadAsync(connection, customer, seller, order, null, start, "open");
        var t2 = await ThreadAsync(connection, customer, seller, order, null, start.AddMinutes(1), "open");
        var t3 = await ThreadAsync(connection, customer, seller, order, null, start.AddMinutes(2), "pending");
        var p1 = await ThreadAsync(connection, customer, seller, null, product, start, "open");
        var p2 = await ThreadAsync(connection, customer, seller, null, product, start.AddMinutes(5), "open");
        var otherSellers = await ThreadAsync(connection, customer, otherSeller, order, null, start.AddMinutes(3), "open");
        var m1 = await MessageAsync(connection, t1, "customer", "First try", start);
        var m2 = await MessageAsync(connection, t2, "customer", "Second try", start.AddMinutes(1));
        var m3 = await MessageAsync(connection, t3, "customer", "Third try", start.AddMinutes(2));
        var m4 = await MessageAsync(connection, t3, "seller", "Pay me outside the shop", start.AddMinutes(3));
        await MessageAsync(connection, p1, "customer", "Is it oak?", start);
        await MessageAsync(connection, p2, "customer", "Or pine?", start.AddMinutes(5));
        await connection.ExecuteAsync("""
            INSERT INTO support.read_positions VALUES (@t1, 'customer', @m1), (@t2, 'customer', @m2), (@t3, 'customer', @m3), (@t3, @sellerKey, @m4);
            INSERT INTO support.message_reports (id, message_id, conversation_id, reporter_id, reporter_side, reason, status, created_at)
            VALUES (@report, @m4, @t3, @customer, 'customer', 'Off-platform payment', 'open', now());
            """, new { t1, t2, t3, m1, m2, m3, m4, sellerKey = seller.ToString(), report = Guid.NewGuid(), customer });

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync(Migrator.Scripts.Single(s => s.Version == UniqueThreads).Sql, transaction: transaction);
            await transaction.CommitAsync();
        }

        Assert.Equal(new[] { t1, p1, otherSellers }.Order(), (await connection.QueryAsync<Guid>("SELECT id FROM support.conversations")).Order());
        Assert.Equal([m1, m2, m3, m4], await connection.QueryAsync<long>("SELECT id FROM support.messages WHERE conversation_id = @t1 ORDER BY id", new { t1 }));
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM support.messages WHERE conversation_id = @p1", new { p1 }));
        Assert.Equal(t1, await connection.ExecuteScalarAsync<Guid>("SELECT conversation_id FROM support.message_reports"));
        var positions = (await connection.QueryAsync<(string Key, long Message)>(
            "SELECT participant_key, last_read_message_id FROM support.read_positions WHERE conversation_id = @t1", new { t1 })).ToDictionary(p => p.Key, p => p.Message);
        Assert.Equal(new Dictionary<string, long> { ["customer"] = m3, [seller.ToString()] = m4 }, positions);
        var survivor = await connection.QuerySingleAsync<(string Status, DateTime LastMessageAt)>(
            "SELECT status, last_message_at FROM support.conversations WHERE id = @t1", new { t1 });
        Assert.Equal(("pending", start.AddMinutes(3).UtcDateTime), (survivor.Status, survivor.LastMessageAt.ToUniversalTime()));

        var again = await Assert.ThrowsAsync<PostgresException>(() => ThreadAsync(connection, customer, seller, order, null, start.AddHours(1), "open"));
        Assert.Equal("ux_conversations_seller_thread_order", again.ConstraintName);
        await Assert.ThrowsAsync<PostgresException>(() => ThreadAsync(connection, customer, seller, null, product, start.AddHours(1), "open"));
        await ThreadAsync(connection, customer, seller, null, Guid.NewGuid(), start.AddHours(1), "open");
    }

    private static async Task<Guid> ThreadAsync(NpgsqlConnection connection, Guid customer, Guid seller, Guid? order, Guid? product, DateTimeOffset at, string status)
    {
        var id = Guid.CreateVersion7(at);
        await connection.ExecuteAsync("""
            INSERT INTO support.conversations (id, channel, status, priority, customer_id, topic, order_id, product_id, seller_id, created_at, updated_at, last_message_at)
            VALUES (@id, 'orderthread', @status, 'normal', @customer, @topic, @order, @product, @seller, @at, @at, @at)
            """, new { id, status, customer, topic = order is null ? "product" : "order", order, product, seller, at });
        return id;
    }

    private static Task<long> MessageAsync(NpgsqlConnection connection, Guid conversation, string author, string body, DateTimeOffset at) =>
        connection.ExecuteScalarAsync<long>("""
            INSERT INTO support.messages (conversation_id, author_kind, body, created_at) VALUES (@conversation, @author, @body, @at) RETURNING id;
            UPDATE support.conversations SET last_message_at = @at WHERE id = @conversation;
            """, new { conversation, author, body, at });
}
