using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Testing;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Media;

namespace Shop.Tests.Support;

/// <summary>
/// Pictures and PDFs on support messages over HTTP: checked by content and size, downloadable only by
/// whoever may see the conversation, with safe headers; the contact form takes them too.
/// </summary>
public sealed class SupportAttachmentTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>, IAsyncLifetime
{
    private const string Conversations = "/api/v1/support/conversations";
    private ShopAppFactory app = null!;

    public async Task InitializeAsync() =>
        app = await new ShopAppFactory().WithSmtp(smtp).WithSettings([.. SupportTestSettings.Always, ("Support:Attachments:MaxBytes", "200000")]).StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    public static byte[] Png() => PngWriter.Encode(120, 80, Enumerable.Range(0, 120 * 80 * 3).Select(i => (byte)(i * 7)).ToArray());

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    internal static MultipartFormDataContent Files(string? body, params (string Name, byte[] Content, string Type)[] files)
    {
        var form = new MultipartFormDataContent();
        if (body is not null)
            form.Add(new StringContent(body), "body");
        foreach (var (name, content, type) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "files", name);
        }
        return form;
    }

    [Fact]
    public async Task A_customer_sends_a_picture_and_a_pdf_and_only_those_who_may_see_the_conversation_download_them()
    {
        var (customer, _) = await app.SignedInClientAsync("attacher");
        var id = await StartAsync(customer);

        var posted = await CatalogClient.Expect(await customer.PostAsync($"{Conversations}/{id}/attachments",
            Files("Here is the damage and the receipt.", ("broken kurta.png", Png(), "image/png"), ("receipt.pdf", Pdf, "application/pdf"))), HttpStatusCode.Created);
        Assert.Equal("Here is the damage and the receipt.", posted.GetProperty("body").GetString());
        var attachments = posted.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["broken kurta.png", "receipt.pdf"], attachments.Select(a => a.GetProperty("fileName").GetString()));
        Assert.Equal(["image/png", "application/pdf"], attachments.Select(a => a.GetProperty("contentType").GetString()));

        var conversation = await customer.GetFromJsonAsync<JsonElement>($"{Conversations}/{id}");
        var listed = conversation.GetProperty("messages").EnumerateArray().Last().GetProperty("attachments");
        Assert.Equal(2, listed.GetArrayLength());
        Assert.Equal(0, conversation.GetProperty("messages")[0].GetProperty("attachments").GetArrayLength());
        var pdfUrl = listed[1].GetProperty("url").GetString()!;

        var download = await customer.GetAsync(pdfUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var picture = await customer.GetAsync(listed[0].GetProperty("url").GetString());
        Assert.Equal("inline", picture.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("broken kurta.png", picture.Content.Headers.ContentDisposition.ToString());

        var (agent, agentEmail) = await app.SignedInClientAsync("agent", "support");
        var (stranger, _) = await app.SignedInClientAsync("stranger");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(pdfUrl)).StatusCode);
        // Support sees the files beside the message in the console, linked without the customer's token.
        var console = await (await app.CookieClientAsync(agentEmail)).GetStringAsync($"/support/console/conversations/{id}");
        Assert.Contains($"href=\"{pdfUrl}\"", console);
        Assert.Contains("broken kurta.png", console);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(pdfUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(pdfUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{Conversations}/{id}/attachments", Files(null, ("x.png", Png(), "image/png")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/support/attachments/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Forged_oversized_empty_and_missing_files_are_refused_with_reasons()
    {
        var (customer, _) = await app.SignedInClientAsync("forger");
        var id = await StartAsync(customer);

        async Task<string> RefusedAsync(MultipartFormDataContent form)
        {
            var response = await customer.PostAsync($"{Conversations}/{id}/attachments", form);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("errors").GetProperty("Files")[0].GetString()!;
        }

        Assert.Contains("not a JPEG, PNG or WebP picture or a PDF", await RefusedAsync(Files("hi", ("invoice.pdf", "<script>alert(1)</script>"u8.ToArray(), "application/pdf"))));
        Assert.Contains("evil.png is not", await RefusedAsync(Files("hi", ("evil.png", "GIF89a fake"u8.ToArray(), "image/png"))));
        Assert.Contains("larger than", await RefusedAsync(Files("hi", ("big.pdf", [.. Pdf, .. new byte[250_000]], "application/pdf"))));
        Assert.Contains("empty", await RefusedAsync(Files("hi", ("empty.png", [], "image/png"))));
        Assert.Contains("Attach", await RefusedAsync(Files("only words")));
        Assert.Contains("at most 5", await RefusedAsync(Files("many", Enumerable.Range(0, 6).Select(i => ($"p{i}.pdf", Pdf, "application/pdf")).ToArray())));
        var wrongType = await customer.PostAsJsonAsync($"{Conversations}/{id}/attachments", new { body = "json" });
        Assert.InRange((int)wrongType.StatusCode, 400, 499);

        // A real picture named like a web page downloads under the extension its content has.
        var renamed = await CatalogClient.Expect(await customer.PostAsync($"{Conversations}/{id}/attachments", Files(null, ("page.html", Png(), "text/html"))), HttpStatusCode.Created);
        var file = renamed.GetProperty("attachments")[0];
        Assert.Equal("page.png", file.GetProperty("fileName").GetString());
        Assert.Equal("image/png", (await customer.GetAsync(file.GetProperty("url").GetString())).Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, (await customer.GetFromJsonAsync<JsonElement>($"{Conversations}/{id}")).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_guest_attaches_with_the_signed_link_and_the_download_links_carry_it()
    {
        var guest = app.CreateClient();
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync(Conversations,
            new { topic = "returns", message = "Photo of the parcel follows.", name = "Meera", email = ApiClient.NewEmail("guest") }), HttpStatusCode.Created);
        var (id, access) = (started.GetProperty("id").GetString(), Uri.EscapeDataString(started.GetProperty("accessToken").GetString()!));
        Assert.Equal(HttpStatusCode.NotFound, (await guest.PostAsync($"{Conversations}/{id}/attachments", Files(null, ("a.png", Png(), "image/png")))).StatusCode);
        var posted = await CatalogClient.Expect(await guest.PostAsync($"{Conversations}/{id}/attachments?access={access}", Files(null, ("parcel.png", Png(), "image/png"))),
            HttpStatusCode.Created);
        var url = posted.GetProperty("attachments")[0].GetProperty("url").GetString()!;
        Assert.Contains("?access=", url);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(url[..url.IndexOf('?')])).StatusCode);
    }

    [Fact]
    public async Task Files_on_support_notes_stay_with_support()
    {
        var (customer, _) = await app.SignedInClientAsync("noted");
        var id = await StartAsync(customer);
        var note = await SupportTestSettings.PostAsync(app, Guid.Parse(id), AuthorKind.Note, "Internal: see the courier's photo");
        var attachmentId = await SupportTestSettings.AttachAsync(app, note, "courier.png", Png());
        var (agent, _) = await app.SignedInClientAsync("agent", "support");

        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/support/attachments/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/support/attachments/{attachmentId}")).StatusCode);
        Assert.DoesNotContain("courier", await customer.GetStringAsync($"{Conversations}/{id}"));
    }

    private static async Task<string> StartAsync(HttpClient customer) =>
        (await CatalogClient.Expect(await customer.PostAsJsonAsync(Conversations, new { topic = "returns", message = "My kurta arrived torn." }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
}
