using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Support.Chat;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Support;

/// <summary>
/// Automatic assignment on real PostgreSQL with real parallel requests: chats arriving at once go to the
/// least busy online agents, nobody over their limit, the rest wait and are taken when an agent comes online.
/// </summary>
public sealed class LiveChatAssignmentTests : IAsyncLifetime
{
    private ShopAppFactory app = null!;

    public async Task InitializeAsync() => app = await new ShopAppFactory().StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Twenty_chats_at_once_with_three_agents_taking_five_each_leave_exactly_five_waiting_until_an_agent_comes_online()
    {
        var agents = new List<Guid>();
        for (var i = 0; i < 3; i++)
            agents.Add(await OnlineAgentAsync($"agent{i}", limit: 5));

        var started = await Task.WhenAll(Enumerable.Range(0, 20).Select(StartChatAsync));

        var (assigned, loads) = await AssignmentsAsync(started);
        Assert.Equal(15, assigned.Count(a => a is not null));
        Assert.Equal(5, assigned.Count(a => a is null));
        Assert.All(agents, agent => Assert.Equal(5, loads.GetValueOrDefault(agent)));
        await AssertOneAssignedMessageEachAsync(started);

        // A fourth agent comes online: the waiting five are theirs (limit 5), oldest first.
        var fourth = await OnlineAgentAsync("agent3", limit: 5);
        (assigned, loads) = await AssignmentsAsync(started);
        Assert.All(assigned, a => Assert.NotNull(a));
        Assert.Equal(5, loads[fourth]);
        await AssertOneAssignedMessageEachAsync(started);
    }

    [Fact]
    public async Task When_capacity_remains_no_chat_arriving_at_once_is_left_waiting_and_loads_stay_even()
    {
        var agents = new List<Guid>();
        for (var i = 0; i < 3; i++)
            agents.Add(await OnlineAgentAsync($"agent{i}", limit: 10));
        var away = await OnlineAgentAsync("away", limit: 10);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AgentPresence>().SetStatusAsync(away, AgentStatus.Away);

        var started = await Task.WhenAll(Enumerable.Range(0, 20).Select(StartChatAsync));

        var (assigned, loads) = await AssignmentsAsync(started);
        Assert.All(assigned, a => Assert.NotNull(a));
        Assert.False(loads.ContainsKey(away));
        Assert.All(agents, agent => Assert.InRange(loads[agent], 6, 7));
        await AssertOneAssignedMessageEachAsync(started);
    }

    [Fact]
    public async Task An_agent_whose_instance_stopped_without_a_word_stops_counting_as_online_once_the_sweep_runs()
    {
        var agent = await OnlineAgentAsync("gone", limit: 5);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var presence = scope.ServiceProvider.GetRequiredService<AgentPresence>();
        Assert.True(await presence.IsAnyoneOnlineAsync());
        // Another instance held the connection and stopped refreshing it.
        await db.Set<AgentConnection>().Where(c => c.AgentId == agent)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Instance, "stopped-instance").SetProperty(c => c.LastSeenAt, DateTimeOffset.UtcNow - AgentPresence.Expiry - TimeSpan.FromSeconds(1)));
        Assert.False(await presence.IsAnyoneOnlineAsync());
        await presence.RefreshAsync();
        Assert.False(await db.Set<AgentConnection>().AnyAsync(c => c.AgentId == agent));

        var started = await StartChatAsync(0);
        Assert.Null((await AssignmentsAsync([started])).Assigned.Single());
    }

    [Fact]
    public async Task Threads_between_a_customer_and_a_seller_are_never_assigned_to_support()
    {
        await OnlineAgentAsync("idle", limit: 5);
        Guid thread;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var (conversation, first) = Conversation.Start(Channel.OrderThread, Topic.Product,
                new SupportCustomer(null, "Asha", "asha@example.in"), null, "Is this in stock in blue?", DateTimeOffset.UtcNow);
            conversation.WithSeller(Guid.NewGuid(), Guid.NewGuid());
            db.AddRange(conversation, first);
            await db.SaveChangesAsync();
            thread = conversation.Id;
        }
        var chat = await StartChatAsync(0);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChatAssignment>().AssignWaitingAsync();
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            Assert.Null(await db.Set<Conversation>().Where(c => c.Id == thread).Select(c => c.AssigneeId).SingleAsync());
            Assert.NotNull(await db.Set<Conversation>().Where(c => c.Id == chat).Select(c => c.AssigneeId).SingleAsync());
            Assert.False(await db.Set<SupportMessage>().AnyAsync(m => m.ConversationId == thread && m.AuthorKind == AuthorKind.System));
        }
    }

    private async Task<Guid> OnlineAgentAsync(string who, int limit)
    {
        var (_, email) = await app.SignedInClientAsync(who, "support");
        var id = await app.UserIdAsync(email);
        await using var scope = app.Services.CreateAsyncScope();
        var presence = scope.ServiceProvider.GetRequiredService<AgentPresence>();
        await presence.ConnectedAsync(id, $"test-{Guid.NewGuid():N}");
        await presence.SetLimitAsync(id, limit);
        return id;
    }

    private async Task<Guid> StartChatAsync(int i)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/support/chats",
            new { name = $"Guest {i}", email = $"guest{i}@example.in", message = $"Question number {i}" });
        return (await CatalogClient.Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private async Task<(List<Guid?> Assigned, Dictionary<Guid, int> Loads)> AssignmentsAsync(IReadOnlyList<Guid> conversations)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var rows = await db.Set<Conversation>().AsNoTracking().Where(c => conversations.Contains(c.Id)).Select(c => c.AssigneeId).ToListAsync();
        return (rows, rows.Where(a => a is not null).GroupBy(a => a!.Value).ToDictionary(g => g.Key, g => g.Count()));
    }

    private async Task AssertOneAssignedMessageEachAsync(IReadOnlyList<Guid> conversations)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var assigned = await db.Set<Conversation>().AsNoTracking().Where(c => conversations.Contains(c.Id) && c.AssigneeId != null).Select(c => c.Id).ToListAsync();
        var messages = await db.Set<SupportMessage>().AsNoTracking()
            .Where(m => conversations.Contains(m.ConversationId) && m.AuthorKind == AuthorKind.System && m.Body.StartsWith("Assigned to"))
            .Select(m => m.ConversationId).ToListAsync();
        Assert.Equal(assigned.Order(), messages.Order());
    }
}
