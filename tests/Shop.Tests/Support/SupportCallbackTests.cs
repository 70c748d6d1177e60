using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Support.Callbacks;

namespace Shop.Tests.Support;

/// <summary>
/// Call-backs over HTTP on real PostgreSQL and SMTP: slots within business hours, refused numbers and
/// times with field errors, the confirmation, support's list and outcomes (notes stay with support), and
/// reminders sent once even when several instances look at the same moment.
/// </summary>
public sealed class SupportCallbackTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>, IAsyncLifetime
{
    private const string Callbacks = "/api/v1/support/callbacks";
    private ShopAppFactory app = null!;

    public async Task InitializeAsync() =>
        app = await new ShopAppFactory().WithSmtp(smtp).WithSettings([.. SupportTestSettings.Always, ("Support:Callbacks:ReminderLead", "2.00:00:00")]).StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_guest_books_a_free_slot_gets_a_confirmation_and_the_slot_is_no_longer_offered()
    {
        var guest = app.CreateClient();
        var slots = await guest.GetFromJsonAsync<JsonElement>($"{Callbacks}/slots");
        Assert.Equal("Asia/Kolkata", slots.GetProperty("timeZone").GetString());
        var free = slots.GetProperty("slots").EnumerateArray().Where(s => s.GetProperty("free").GetBoolean()).ToList();
        Assert.True(free.Count > 48, $"only {free.Count} slots offered round the clock");
        var start = free[3].GetProperty("start").GetDateTimeOffset();
        Assert.True(start > DateTimeOffset.UtcNow.AddMinutes(29));

        var email = ApiClient.NewEmail("caller");
        var booked = await CatalogClient.Expect(await guest.PostAsJsonAsync(Callbacks,
            new { phone = "+91 98765-43210", slotStart = start, topic = "payment", note = "About my refund.", name = "Ravi Kumar", email }), HttpStatusCode.Created);
        Assert.Equal("+919876543210", booked.GetProperty("phone").GetString());
        var id = booked.GetProperty("conversationId").GetString()!;
        var access = booked.GetProperty("accessToken").GetString()!;

        var mail = await app.WaitForMailAsync(email, "Your call-back is booked");
        Assert.Contains("Hello Ravi Kumar,", mail.Text);
        Assert.Contains("+919876543210", mail.Text);
        Assert.Contains("About my refund.", mail.Text);
        Assert.Contains($"{SupportTestSettings.PublicUrl}/account/support/{id}?access=", mail.Text);
        var conversation = await guest.GetFromJsonAsync<JsonElement>($"/api/v1/support/conversations/{id}?access={Uri.EscapeDataString(access)}");
        Assert.Equal("callback", conversation.GetProperty("channel").GetString());

        var after = await guest.GetFromJsonAsync<JsonElement>($"{Callbacks}/slots");
        Assert.False(after.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("start").GetDateTimeOffset() == start).GetProperty("free").GetBoolean());
        var second = await app.CreateClient().PostAsJsonAsync(Callbacks,
            new { phone = "+91 98765 43211", slotStart = start, topic = "order", name = "Someone Else", email = ApiClient.NewEmail("other") });
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("just taken", await second.Content.ReadAsStringAsync());
        Assert.Equal(0, SupportTestSettings.MailCount(app, email, "We received your question"));
    }

    [Fact]
    public async Task Bad_numbers_times_outside_hours_in_the_past_or_off_the_grid_and_missing_guest_details_are_refused_by_field()
    {
        var client = app.CreateClient();
        var slot = (await client.GetFromJsonAsync<JsonElement>($"{Callbacks}/slots")).GetProperty("slots")[0].GetProperty("start").GetDateTimeOffset();

        async Task<JsonElement> RefusedAsync(object body)
        {
            var response = await client.PostAsJsonAsync(Callbacks, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("errors");
        }

        var noCountry = await RefusedAsync(new { phone = "98765 43210", slotStart = slot, topic = "order", name = "A", email = "a@example.in" });
        Assert.Contains("country code", noCountry.GetProperty("Phone")[0].GetString());
        var letters = await RefusedAsync(new { phone = "+91 CALL ME", slotStart = slot, topic = "order", name = "A", email = "a@example.in" });
        Assert.Contains("digits", letters.GetProperty("Phone")[0].GetString());
        var tooShort = await RefusedAsync(new { phone = "+91 123", slotStart = slot, topic = "order", name = "A", email = "a@example.in" });
        Assert.Contains("8 to 15 digits", tooShort.GetProperty("Phone")[0].GetString());
        var past = await RefusedAsync(new { phone = "+919876543210", slotStart = DateTimeOffset.UtcNow.AddHours(-1), topic = "order", name = "A", email = "a@example.in" });
        Assert.Contains("passed", past.GetProperty("SlotStart")[0].GetString());
        var offGrid = await RefusedAsync(new { phone = "+919876543210", slotStart = slot.AddMinutes(7), topic = "order", name = "A", email = "a@example.in" });
        Assert.Contains("times offered", offGrid.GetProperty("SlotStart")[0].GetString());
        var tooFar = await RefusedAsync(new { phone = "+919876543210", slotStart = slot.AddDays(10), topic = "order", name = "A", email = "a@example.in" });
        Assert.Contains("days ahead", tooFar.GetProperty("SlotStart")[0].GetString());
        var guest = await RefusedAsync(new { phone = "+919876543210", slotStart = slot, topic = "order" });
        Assert.True(guest.TryGetProperty("Name", out _) && guest.TryGetProperty("Email", out _));
    }

    [Fact]
    public async Task Outside_business_hours_is_refused_in_the_shops_time_zone()
    {
        await using var closedAtNight = await new ShopAppFactory().WithSmtp(smtp).WithSettings([.. SupportTestSettings.Always,
            ("Support:BusinessHours:OpeningHours:Monday", "09:00-18:00"), ("Support:BusinessHours:OpeningHours:Tuesday", "09:00-18:00"),
            ("Support:BusinessHours:OpeningHours:Wednesday", "09:00-18:00"), ("Support:BusinessHours:OpeningHours:Thursday", "09:00-18:00"),
            ("Support:BusinessHours:OpeningHours:Friday", "09:00-18:00"), ("Support:BusinessHours:OpeningHours:Saturday", "09:00-18:00"),
            ("Support:BusinessHours:OpeningHours:Sunday", "09:00-18:00")]).StartAsync();
        var client = closedAtNight.CreateClient();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var slots = (await client.GetFromJsonAsync<JsonElement>($"{Callbacks}/slots")).GetProperty("slots").EnumerateArray()
            .Select(s => TimeZoneInfo.ConvertTime(s.GetProperty("start").GetDateTimeOffset(), zone)).ToList();
        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.InRange(s.TimeOfDay, TimeSpan.FromHours(9), TimeSpan.FromHours(17.5)));

        var tomorrowNight = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddDays(1).AddHours(22);
        var night = new DateTimeOffset(tomorrowNight, zone.GetUtcOffset(tomorrowNight));
        var response = await client.PostAsJsonAsync(Callbacks, new { phone = "+919876543210", slotStart = night, topic = "order", name = "A", email = "a@example.in" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("opening hours", await response.Content.ReadAsStringAsync());

        // The same hours count the first-response target: the call-back's answer falls due within them.
        var booked = await CatalogClient.Expect(await client.PostAsJsonAsync(Callbacks,
            new { phone = "+919876543210", slotStart = slots[0], topic = "order", name = "A", email = "a@example.in" }), HttpStatusCode.Created);
        var (agent, _) = await closedAtNight.SignedInClientAsync("hours-agent", "support");
        var row = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/support/console/queue")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == booked.GetProperty("conversationId").GetString());
        var due = TimeZoneInfo.ConvertTime(row.GetProperty("responseDueAt").GetDateTimeOffset(), zone);
        Assert.InRange(due.TimeOfDay, TimeSpan.FromHours(9), TimeSpan.FromHours(18));
    }

    [Fact]
    public async Task Support_lists_call_backs_by_slot_and_records_outcomes_whose_notes_the_customer_never_sees()
    {
        var (customer, email) = await app.SignedInClientAsync("callee");
        var slots = (await customer.GetFromJsonAsync<JsonElement>($"{Callbacks}/slots")).GetProperty("slots").EnumerateArray()
            .Where(s => s.GetProperty("free").GetBoolean()).Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        var later = await CatalogClient.Expect(await customer.PostAsJsonAsync(Callbacks, new { phone = "+44 20 7946 0958", slotStart = slots[20], topic = "returns" }), HttpStatusCode.Created);
        var sooner = await CatalogClient.Expect(await customer.PostAsJsonAsync(Callbacks, new { phone = "+44 20 7946 0959", slotStart = slots[10], topic = "order" }), HttpStatusCode.Created);
        Assert.False(later.TryGetProperty("accessToken", out var token) && token.ValueKind != JsonValueKind.Null);

        var (agent, _) = await app.SignedInClientAsync("agent", "support");
        var listed = (await agent.GetFromJsonAsync<JsonElement>(Callbacks)).EnumerateArray().Select(c => c.GetProperty("conversationId").GetString()).ToList();
        Assert.True(listed.IndexOf(sooner.GetProperty("conversationId").GetString()) < listed.IndexOf(later.GetProperty("conversationId").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync(Callbacks)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Callbacks)).StatusCode);

        var id = sooner.GetProperty("conversationId").GetString()!;
        var missingSlot = await agent.PostAsJsonAsync($"{Callbacks}/{id}/outcome", new { outcome = "rescheduled" });
        Assert.Equal(HttpStatusCode.BadRequest, missingSlot.StatusCode);
        var moved = await CatalogClient.Expect(await agent.PostAsJsonAsync($"{Callbacks}/{id}/outcome",
            new { outcome = "rescheduled", newSlotStart = slots[30], notes = "Customer driving; sounded annoyed" }), HttpStatusCode.OK);
        Assert.Equal(slots[30], moved.GetProperty("slotStart").GetDateTimeOffset());
        Assert.Equal("rescheduled", moved.GetProperty("outcome").GetString());
        await CatalogClient.Expect(await agent.PostAsJsonAsync($"{Callbacks}/{id}/outcome", new { outcome = "reached", notes = "Refund explained" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsJsonAsync($"{Callbacks}/{Guid.NewGuid()}/outcome", new { outcome = "reached" })).StatusCode);

        var raw = await customer.GetStringAsync($"/api/v1/support/conversations/{id}");
        Assert.Contains("Call-back moved to", raw);
        Assert.Contains("we spoke on the phone", raw);
        Assert.DoesNotContain("annoyed", raw);
        Assert.DoesNotContain("Refund explained", raw);
        Assert.DoesNotContain("annoyed", await customer.GetStringAsync($"/account/support/{id}"));
        await app.WaitForMailAsync(email, "Your call-back is booked");

        // The move is confirmed by email with the new slot, and both sides' views carry the call-back.
        var newSlot = moved.GetProperty("slotLabel").GetString()!;
        await Eventually.TrueAsync(() => Task.FromResult(app.Mail().Any(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase)
            && m.Subject.Contains("Your call-back is booked") && m.Text.Contains(newSlot))), "the moved call-back confirmed");
        var customerView = (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/support/conversations/{id}")).GetProperty("callback");
        Assert.Equal("+442079460959", customerView.GetProperty("phone").GetString());
        Assert.Equal(slots[30], customerView.GetProperty("slotStart").GetDateTimeOffset());
        Assert.Equal("reached", customerView.GetProperty("outcome").GetString());
        var agentView = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/support/console/conversations/{id}")).GetProperty("callback");
        Assert.Equal(newSlot, agentView.GetProperty("slotLabel").GetString());
        Assert.Equal(JsonValueKind.Null, (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/support/conversations/{later.GetProperty("conversationId").GetString()}"))
            .GetProperty("callback").GetProperty("outcome").ValueKind);
    }

    [Fact]
    public async Task Each_reminder_goes_out_once_though_three_instances_look_at_the_same_time()
    {
        var client = app.CreateClient();
        var free = (await client.GetFromJsonAsync<JsonElement>($"{Callbacks}/slots")).GetProperty("slots").EnumerateArray()
            .Where(s => s.GetProperty("free").GetBoolean()).Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        var emails = new List<string>();
        foreach (var slot in free.Skip(40).Take(3))
        {
            var email = ApiClient.NewEmail("remind");
            emails.Add(email);
            await CatalogClient.Expect(await client.PostAsJsonAsync(Callbacks, new { phone = "+919812345678", slotStart = slot, topic = "order", name = "Uma", email }),
                HttpStatusCode.Created);
        }

        var reminders = app.Services.GetRequiredService<CallbackReminders>();
        var counts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => reminders.SendDueAsync())));
        Assert.True(counts.Sum() >= 3, $"sent {counts.Sum()}");
        Assert.Equal(0, await reminders.SendDueAsync());
        foreach (var email in emails)
        {
            var mail = await app.WaitForMailAsync(email, "Reminder: we call you");
            Assert.Contains("+919812345678", mail.Text);
            await app.WaitForMailAsync(email, "Your call-back is booked");
            Assert.Equal(1, SupportTestSettings.MailCount(app, email, "Reminder: we call you"));
        }
    }
}
