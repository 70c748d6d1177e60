using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Outbox;

namespace Shop.Tests.Architecture;

/// <summary>Every integration event declares a stable stored name, unique and shaped "module.event-name".</summary>
public sealed partial class IntegrationEventNameTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public void Every_integration_event_declares_a_unique_stable_name()
    {
        var events = typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => typeof(IIntegrationEvent).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false }).ToList();

        Assert.NotEmpty(events);
        var names = events.Select(t => (Type: t, Name: IntegrationEventNameAttribute.Of(t))).ToList();
        Assert.All(names, n => Assert.Matches(Shape(), n.Name));
        Assert.Empty(names.GroupBy(n => n.Name).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.Type.Name))}"));
    }

    [Fact]
    public async Task Messages_waiting_under_a_class_name_take_the_declared_name_and_delivered_ones_keep_theirs()
    {
        var migration = await File.ReadAllTextAsync(Path.Combine(SourceTree.WebProject, "Platform", "Database", "Migrations", "V0041__integration_event_names.sql"));
        var (waiting, delivered) = (Guid.NewGuid(), Guid.NewGuid());
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO platform.outbox_messages (id, type, payload, occurred_at, available_at, attempts, processed_at)
            VALUES (@waiting, @type, '{}', now(), now(), 0, NULL), (@delivered, @type, '{}', now(), now(), 1, now())
            """, new { waiting, delivered, type = typeof(StockLow).FullName });

        await connection.ExecuteAsync(migration);

        Assert.Equal("inventory.stock-low", await connection.ExecuteScalarAsync<string>("SELECT type FROM platform.outbox_messages WHERE id = @waiting", new { waiting }));
        Assert.Equal(typeof(StockLow).FullName, await connection.ExecuteScalarAsync<string>("SELECT type FROM platform.outbox_messages WHERE id = @delivered", new { delivered }));
        Assert.Equal("inventory.stock-low", IntegrationEventNameAttribute.Of(typeof(StockLow)));
    }

    [GeneratedRegex("^[a-z]+\\.[a-z]+(-[a-z]+)*$")]
    private static partial Regex Shape();
}
