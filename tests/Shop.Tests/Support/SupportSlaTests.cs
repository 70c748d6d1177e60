using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;

namespace Shop.Tests.Support;

/// <summary>
/// Response due times in the queue, counted in business hours (India, Monday to Friday 09:00-18:00) from
/// when the customer started waiting, with breaches once the time has passed; the shop's clock is set to a
/// Friday evening and moved over the weekend.
/// </summary>
public sealed class SupportSlaTests : IAsyncLifetime
{
    private static readonly TimeSpan India = TimeSpan.FromHours(5.5);
    // Friday 27 November 2026, 17:30 in India (in the past, so the outbox, which compares with the database's clock, delivers at once).
    private static readonly DateTimeOffset FridayEvening = new(2026, 11, 27, 17, 30, 0, India);
    private readonly AdjustableClock clock = new();
    private ShopAppFactory app = null!;

    public async Task InitializeAsync()
    {
        clock.Advance(FridayEvening - clock.GetUtcNow());
        app = await new ShopAppFactory { ConfigureTestServices = services => services.AddSingleton<TimeProvider>(clock) }
            .WithSettings(("Support:BusinessHours:TimeZone", "Asia/Kolkata"),
                ("Support:BusinessHours:OpeningHours:Monday", "09:00-18:00"), ("Support:BusinessHours:OpeningHours:Tuesday", "09:00-18:00"),
                ("Support:BusinessHours:OpeningHours:Wednesday", "09:00-18:00"), ("Support:BusinessHours:OpeningHours:Thursday", "09:00-18:00"),
                ("Support:BusinessHours:OpeningHours:Friday", "09:00-18:00"),
                ("Support:Sla:Urgent", "01:00:00"), ("Support:Sla:Normal", "08:00:00")).StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_question_asked_late_on_Friday_is_due_on_Monday_and_breaches_once_that_has_passed()
    {
        var (customer, customerEmail) = await app.SignedInClientAsync("weekend");
        var (_, agentEmail) = await app.SignedInClientAsync("agent", "support");
        var agent = await ClientAsync(agentEmail);
        var id = (await CatalogClient.Expect(await customer.PostAsJsonAsync(SupportConsoleTests.Conversations,
            new { topic = "order", message = "My order has not shipped yet." }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        // Normal, 8 business hours: half an hour on Friday, then Monday 09:00 + 7.5 h.
        var item = await RowAsync(agent, id);
        AssertNear(new DateTimeOffset(2026, 11, 30, 16, 30, 0, India), item.GetProperty("responseDueAt").GetDateTimeOffset());
        Assert.False(item.GetProperty("breached").GetBoolean());
        AssertNear(FridayEvening, item.GetProperty("waitingSince").GetDateTimeOffset());

        // Urgent, 1 business hour: Monday 09:30.
        await CatalogClient.Expect(await agent.PostAsJsonAsync($"{SupportConsoleTests.Console}/conversations/{id}/priority", new { priority = "urgent" }), HttpStatusCode.OK);
        item = await RowAsync(agent, id);
        AssertNear(new DateTimeOffset(2026, 11, 30, 9, 30, 0, India), item.GetProperty("responseDueAt").GetDateTimeOffset());
        Assert.False(item.GetProperty("breached").GetBoolean());

        // Saturday and Sunday do not count: on Monday at 09:15 it is not yet due.
        clock.Advance(new DateTimeOffset(2026, 11, 30, 9, 15, 0, India) - clock.GetUtcNow());
        agent = await ClientAsync(agentEmail);
        Assert.False((await RowAsync(agent, id)).GetProperty("breached").GetBoolean());

        clock.Advance(TimeSpan.FromMinutes(30));
        agent = await ClientAsync(agentEmail);
        item = await RowAsync(agent, id);
        Assert.True(item.GetProperty("breached").GetBoolean());
        var page = await (await app.CookieClientAsync(agentEmail)).GetStringAsync("/support/console");
        Assert.Contains("data-testid=\"breached\"", page);
        Assert.Contains("class=\"breached\"", page);

        // Answered, it waits on the customer; their next message starts a new wait with a new due time.
        await CatalogClient.Expect(await agent.PostAsJsonAsync($"{SupportConsoleTests.Console}/conversations/{id}/replies", new { body = "It ships today." }), HttpStatusCode.Created);
        Assert.DoesNotContain(id, (await agent.GetStringAsync($"{SupportConsoleTests.Console}/queue")));
        var answered = (await agent.GetFromJsonAsync<JsonElement>($"{SupportConsoleTests.Console}/queue?status=pending")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.Null, answered.GetProperty("responseDueAt").ValueKind);

        clock.Advance(TimeSpan.FromMinutes(10));
        customer = await ClientAsync(customerEmail);
        agent = await ClientAsync(agentEmail);
        await CatalogClient.Expect(await customer.PostAsJsonAsync($"{SupportConsoleTests.Conversations}/{id}/messages", new { body = "Which courier?" }), HttpStatusCode.Created);
        item = await RowAsync(agent, id);
        AssertNear(new DateTimeOffset(2026, 11, 30, 10, 55, 0, India), item.GetProperty("responseDueAt").GetDateTimeOffset());
        Assert.False(item.GetProperty("breached").GetBoolean());
    }

    private async Task<HttpClient> ClientAsync(string email) => app.BearerClient((await app.LoginAsync(email)).AccessToken);

    private static async Task<JsonElement> RowAsync(HttpClient agent, string id) =>
        (await agent.GetFromJsonAsync<JsonElement>($"{SupportConsoleTests.Console}/queue")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == id);

    // The shop's clock runs on from where the test set it, so instants it stamped are a few seconds later.
    private static void AssertNear(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.InRange(actual, expected, expected.AddMinutes(1));
}
