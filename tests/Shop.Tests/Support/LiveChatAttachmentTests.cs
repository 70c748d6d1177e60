using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Shop.Testing;
using Shop.Web.Modules.Support.Chat;

namespace Shop.Tests.Support;

/// <summary>
/// Pictures and PDFs in live chat over plain HTTP (POST /api/v1/support/chats/{id}/attachments): a guest with
/// its signed token, a signed-in customer with the page cookie, and support; each stored message pushed to
/// both sides with its files (a guest's links signed, support's not) and listed again in catch-up; forged,
/// oversized and missing files refused with reasons; nobody else's conversation reachable.
/// </summary>
public sealed class LiveChatAttachmentTests : IAsyncLifetime
{
    private const string Chats = LiveChatSteps.Chats;
    private ShopAppFactory app = null!;
    private readonly List<HubConnection> connections = [];

    public async Task InitializeAsync() =>
        app = await new ShopAppFactory().WithSettings(("Support:Attachments:MaxBytes", "200000")).StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var connection in connections)
            await connection.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_guest_and_an_agent_send_files_that_are_stored_pushed_to_both_sides_and_listed_in_catch_up()
    {
        var (id, token) = await GuestChatAsync("The lamp arrived with a cracked shade.");
        var (agentClient, _) = await app.SignedInClientAsync("agent", "support");
        var guestHub = await ConnectAsync();
        var agentHub = await ConnectAsync(agentClient.DefaultRequestHeaders.Authorization!.Parameter);
        var (guestInbox, agentInbox) = (Listen(guestHub), Listen(agentHub));
        await guestHub.InvokeAsync<List<ChatMessage>>("Join", id, token, 0L);
        await agentHub.InvokeAsync<List<ChatMessage>>("Join", id, null, 0L);

        var guest = app.CreateClient();
        var sent = await CatalogClient.Expect(await guest.PostAsync($"{Chats}/{id}/attachments?access={Uri.EscapeDataString(token)}",
            SupportAttachmentTests.Files("Here it is.", ("cracked shade.png", SupportAttachmentTests.Png(), "image/png"), ("receipt.pdf", SupportAttachmentTests.Pdf, "application/pdf"))),
            HttpStatusCode.Created);
        Assert.Equal(("customer", "Here it is."), (sent.GetProperty("author").GetString(), sent.GetProperty("body").GetString()));
        var files = sent.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["cracked shade.png", "receipt.pdf"], files.Select(f => f.GetProperty("fileName").GetString()));
        Assert.Equal(["image/png", "application/pdf"], files.Select(f => f.GetProperty("contentType").GetString()));
        Assert.Equal([SupportAttachmentTests.Png().Length, SupportAttachmentTests.Pdf.Length], files.Select(f => f.GetProperty("sizeBytes").GetInt32()));
        // The guest's links carry its signed token and download the very bytes; without it there is nothing.
        var pdfUrl = files[1].GetProperty("url").GetString()!;
        Assert.Contains("?access=", pdfUrl);
        Assert.Equal(SupportAttachmentTests.Pdf, await app.CreateClient().GetByteArrayAsync(pdfUrl));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(pdfUrl[..pdfUrl.IndexOf('?')])).StatusCode);

        // Stored first, then pushed: both sides get it once, the guest's links signed, support's plain (their cookie or token suffices).
        var messageId = sent.GetProperty("id").GetInt64();
        var atGuest = await Eventually.GetAsync(() => Task.FromResult(guestInbox.Messages.FirstOrDefault(m => m.Id == messageId)), m => m is not null, "the files at the guest");
        var atAgent = await Eventually.GetAsync(() => Task.FromResult(agentInbox.Messages.FirstOrDefault(m => m.Id == messageId)), m => m is not null, "the files at the agent");
        Assert.All(atGuest!.Attachments, a => Assert.Contains("?access=", a.Url));
        Assert.All(atAgent!.Attachments, a => Assert.DoesNotContain("access=", a.Url));
        Assert.Equal(["cracked shade.png", "receipt.pdf"], atAgent.Attachments.Select(a => a.FileName));
        Assert.Equal(HttpStatusCode.OK, (await agentClient.GetAsync(atAgent.Attachments[0].Url)).StatusCode);

        // Support answers with a file over HTTP too (every hub action is also a plain call); a caption is optional.
        var reply = await CatalogClient.Expect(await agentClient.PostAsync($"{Chats}/{id}/attachments", SupportAttachmentTests.Files(null, ("return label.pdf", SupportAttachmentTests.Pdf, "application/pdf"))),
            HttpStatusCode.Created);
        Assert.Equal(("agent", ""), (reply.GetProperty("author").GetString(), reply.GetProperty("body").GetString()));
        var replyId = reply.GetProperty("id").GetInt64();
        var replyAtGuest = await Eventually.GetAsync(() => Task.FromResult(guestInbox.Messages.FirstOrDefault(m => m.Id == replyId)), m => m is not null, "support's file at the guest");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(Assert.Single(replyAtGuest!.Attachments).Url)).StatusCode);

        // Catch-up after a reconnect lists the files again, for each side in its own way.
        var missed = await guest.GetFromJsonAsync<JsonElement>($"{Chats}/{id}/messages?access={Uri.EscapeDataString(token)}");
        var listed = missed.EnumerateArray().Where(m => m.GetProperty("attachments").GetArrayLength() > 0).ToList();
        Assert.Equal([messageId, replyId], listed.Select(m => m.GetProperty("id").GetInt64()));
        Assert.All(listed.SelectMany(m => m.GetProperty("attachments").EnumerateArray()), a => Assert.Contains("?access=", a.GetProperty("url").GetString()));
        var agentMissed = await agentHub.InvokeAsync<List<ChatMessage>>("Join", id, null, messageId - 1);
        Assert.Equal([messageId, replyId], agentMissed.Where(m => m.Attachments.Count > 0).Select(m => m.Id));
        ChatMessage[] pushed = [.. guestInbox.Messages];
        Assert.Equal(pushed.Length, pushed.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_signed_in_customer_sends_a_file_with_the_page_cookie_but_not_from_another_site()
    {
        var (_, email) = await app.SignedInClientAsync("cookie-customer");
        var customer = await app.CookieClientAsync(email);
        var started = await CatalogClient.Expect(await customer.SendAsync(SameOrigin(HttpMethod.Post, Chats, JsonContent.Create(new { message = "Which size fits me?" }))),
            HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString();

        var sent = await CatalogClient.Expect(await customer.SendAsync(SameOrigin(HttpMethod.Post, $"{Chats}/{id}/attachments", SupportAttachmentTests.Files(null, ("measurements.png", SupportAttachmentTests.Png(), "image/png")))),
            HttpStatusCode.Created);
        var url = Assert.Single(sent.GetProperty("attachments").EnumerateArray()).GetProperty("url").GetString()!;
        Assert.DoesNotContain("access=", url);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(url)).StatusCode);

        var forged = new HttpRequestMessage(HttpMethod.Post, $"{Chats}/{id}/attachments") { Content = SupportAttachmentTests.Files(null, ("x.png", SupportAttachmentTests.Png(), "image/png")) };
        forged.Headers.Add("Origin", "https://elsewhere.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Forged_oversized_and_missing_files_are_refused_with_reasons_and_nothing_is_stored()
    {
        var (id, token) = await GuestChatAsync("Can I send you a photo?");
        var guest = app.CreateClient();
        var url = $"{Chats}/{id}/attachments?access={Uri.EscapeDataString(token)}";

        async Task<string> RefusedAsync(MultipartFormDataContent form)
        {
            var response = await guest.PostAsync(url, form);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("errors").GetProperty("Files")[0].GetString()!;
        }

        Assert.Equal("photo.png is not a JPEG, PNG or WebP picture or a PDF.", await RefusedAsync(SupportAttachmentTests.Files(null, ("photo.png", "<svg onload=alert(1)>"u8.ToArray(), "image/png"))));
        Assert.StartsWith("bill.pdf is larger than", await RefusedAsync(SupportAttachmentTests.Files(null, ("bill.pdf", [.. SupportAttachmentTests.Pdf, .. new byte[250_000]], "application/pdf"))));
        Assert.Equal("Attach a JPEG, PNG or WebP picture or a PDF.", await RefusedAsync(SupportAttachmentTests.Files("Only words")));
        var tooLong = await guest.PostAsync(url, SupportAttachmentTests.Files(new string('a', 4001), ("ok.png", SupportAttachmentTests.Png(), "image/png")));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.InRange((int)(await guest.PostAsJsonAsync(url, new { body = "json" })).StatusCode, 400, 499);

        var messages = await guest.GetFromJsonAsync<JsonElement>($"{Chats}/{id}/messages?access={Uri.EscapeDataString(token)}");
        Assert.Equal(["Can I send you a photo?"], messages.EnumerateArray().Select(m => m.GetProperty("body").GetString()));
    }

    [Fact]
    public async Task Nobody_sends_files_into_another_customers_conversation_or_a_guests_without_its_token()
    {
        var (owner, _) = await app.SignedInClientAsync("owner");
        var (stranger, _) = await app.SignedInClientAsync("stranger");
        var mine = (await CatalogClient.Expect(await owner.PostAsJsonAsync(Chats, new { message = "My order is late." }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var (guestId, guestToken) = await GuestChatAsync("Hello?");
        var (otherGuestId, _) = await GuestChatAsync("Anyone there?");
        MultipartFormDataContent Picture() => SupportAttachmentTests.Files(null, ("p.png", SupportAttachmentTests.Png(), "image/png"));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{Chats}/{mine}/attachments", Picture())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync($"{Chats}/{mine}/attachments", Picture())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync($"{Chats}/{guestId}/attachments", Picture())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync($"{Chats}/{guestId}/attachments?access=forged", Picture())).StatusCode);
        // A guest's token opens its own conversation only.
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.CreateClient().PostAsync($"{Chats}/{otherGuestId}/attachments?access={Uri.EscapeDataString(guestToken)}", Picture())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{Chats}/{Guid.NewGuid()}/attachments", Picture())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync($"{Chats}/{mine}/attachments", Picture())).StatusCode);
        var ownerMessages = await owner.GetFromJsonAsync<JsonElement>($"{Chats}/{mine}/messages");
        Assert.Equal(2, ownerMessages.GetArrayLength());
        var guestMessages = await app.CreateClient().GetFromJsonAsync<JsonElement>($"{Chats}/{guestId}/messages?access={Uri.EscapeDataString(guestToken)}");
        Assert.Equal(1, guestMessages.GetArrayLength());
    }

    // What a browser adds to the shop's own pages' requests.
    private static HttpRequestMessage SameOrigin(HttpMethod method, string url, HttpContent content)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return request;
    }

    private Task<(Guid Id, string Token)> GuestChatAsync(string message) => LiveChatSteps.GuestChatAsync(app, message);

    private async Task<HubConnection> ConnectAsync(string? bearer = null)
    {
        var connection = await LiveChatSteps.ConnectAsync(app, bearer);
        connections.Add(connection);
        return connection;
    }

    private static Inbox Listen(HubConnection connection)
    {
        var inbox = new Inbox();
        connection.On<ChatMessage>("message", inbox.Messages.Enqueue);
        return inbox;
    }

    private sealed class Inbox
    {
        public ConcurrentQueue<ChatMessage> Messages { get; } = new();
    }
}
