using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Content;

/// <summary>The shop's own pages: what shoppers read at /pages/{slug}, the sitemap, and who may change them.</summary>
public sealed class ShopPageTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static readonly HtmlParser Parser = new();

    private async Task<HttpClient> AdminAsync() => (await app.SignedInClientAsync("admin", "admin")).Client;

    private static string Slug(string word) => $"{word}-{Guid.NewGuid():N}"[..(word.Length + 9)];

    private static async Task<JsonElement> CreateAsync(HttpClient admin, string slug, string body, bool published = true, string title = "Gift wrapping", string column = "help") =>
        await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/pages", new { title, slug, body, footerColumn = column, isPublished = published }),
            HttpStatusCode.Created);

    private async Task<IDocument> PageAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_shows_its_markdown_with_scripts_shown_as_text_and_unsafe_links_dropped()
    {
        var slug = Slug("wrapping");
        await CreateAsync(await AdminAsync(), slug, """
            ## How we wrap

            Every gift is wrapped in **handmade paper**. <script>alert('owned')</script>
            <img src="x" onerror="alert('img')"> <a href="javascript:alert('a')">raw link</a>

            - [Returns](/pages/returns) and [our blog](https://blog.example.in/wrapping) and [write to us](mailto:wrap@example.in)
            - [sneaky](javascript:alert('md')) and [data](data:text/html;base64,PHNjcmlwdD4=) and <javascript:alert('auto')>
            - [vb](VBScript:msgbox) and ![pixel](javascript:alert('img2')) and [hidden](java&#9;script:alert('tab'))
            """);

        var document = await PageAsync($"/pages/{slug}");

        var prose = document.QuerySelector(".prose")!;
        Assert.Equal("How we wrap", prose.QuerySelector("h2")?.TextContent);
        Assert.Equal("handmade paper", prose.QuerySelector("strong")?.TextContent);
        Assert.Empty(prose.QuerySelectorAll("script, img, iframe, object"));
        Assert.Contains("<script>alert('owned')</script>", prose.TextContent);
        var attributes = prose.QuerySelectorAll("*").SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.Value.Replace("\t", "").Contains("script:", StringComparison.OrdinalIgnoreCase) || a.Value.StartsWith("data:", StringComparison.Ordinal));
        Assert.Equal(["/pages/returns", "https://blog.example.in/wrapping", "mailto:wrap@example.in"], prose.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("sneaky", prose.TextContent);
        // The shop's own words: search engines follow its links.
        Assert.DoesNotContain(prose.QuerySelectorAll("a"), a => a.HasAttribute("rel"));
        Assert.Equal("Gift wrapping · Bazaar", document.Title);
    }

    [Fact]
    public async Task Drafts_and_unknown_addresses_answer_the_shops_not_found_page()
    {
        var admin = await AdminAsync();
        var draft = Slug("draft");
        await CreateAsync(admin, draft, "Not ready yet.", published: false);

        foreach (var path in new[] { $"/pages/{draft}", "/pages/no-such-page", "/pages/" + new string('a', 500), "/pages/%3Cscript%3E" })
        {
            var response = await app.CreateClient().GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("We couldn't find that page", Parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/pages/{draft}")).StatusCode);
        Assert.Equal("Not ready yet.", (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/admin/pages"))!.Single(p => p.GetProperty("slug").GetString() == draft)
            .GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_sitemap_lists_the_published_pages_and_not_the_drafts()
    {
        var admin = await AdminAsync();
        var (published, draft) = (Slug("sizes"), Slug("secret"));
        await CreateAsync(admin, published, "Size guide.");
        await CreateAsync(admin, draft, "Not yet.", published: false);

        var index = await app.CreateClient().GetStringAsync("/sitemap.xml");
        var pages = await app.CreateClient().GetStringAsync("/sitemaps/pages.xml");

        Assert.Contains("/sitemaps/pages.xml</loc>", index);
        Assert.Contains($"/pages/{published}</loc><lastmod>", pages);
        Assert.DoesNotContain(draft, pages);
    }

    [Fact]
    public async Task Only_admins_create_or_change_pages()
    {
        var admin = await AdminAsync();
        var created = await CreateAsync(admin, Slug("care"), "Wash cold.");
        var (customer, customerEmail) = await app.SignedInClientAsync("customer");
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        var body = new { title = "Hacked", slug = Slug("hacked"), body = "Gone.", footerColumn = "help", isPublished = true };

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/admin/pages", body)).StatusCode);
        foreach (var client in new[] { customer, seller })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/admin/pages", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/admin/pages/{created.GetProperty("id")}", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/pages")).StatusCode);
        }
        // The editor's form, posted by a signed-in customer with a valid anti-forgery token, changes nothing.
        var browser = await app.CookieClientAsync(customerEmail);
        var posted = await browser.PostAsync($"/admin/pages/{created.GetProperty("id")}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "page", ["__RequestVerificationToken"] = await BrowserSession.FormTokenAsync(browser, "/account"),
            ["Input.Title"] = "Hacked", ["Input.Slug"] = "hacked", ["Input.Body"] = "Gone.", ["Input.FooterColumn"] = "Help", ["Input.IsPublished"] = "true", ["Action"] = "save",
        }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("/account/access-denied", posted.Headers.Location!.OriginalString);
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/pages/{created.GetProperty("id")}");
        Assert.Equal("Gift wrapping", page.GetProperty("title").GetString());
        Assert.Equal("Wash cold.", page.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_reason_for_each_field()
    {
        var admin = await AdminAsync();
        var taken = Slug("taken");
        await CreateAsync(admin, taken, "First.");

        async Task<JsonElement> RefusedAsync(object request)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/admin/pages", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        var empty = await RefusedAsync(new { title = " ", slug = "", body = "", footerColumn = "help", isPublished = true });
        Assert.Equal("Give the page a title.", empty.GetProperty("Title")[0].GetString());
        Assert.Equal("Choose the page's address, such as shipping.", empty.GetProperty("Slug")[0].GetString());
        Assert.Equal("Write the page's text.", empty.GetProperty("Body")[0].GetString());
        var duplicate = await RefusedAsync(new { title = "Again", slug = taken, body = "Second.", footerColumn = "help", isPublished = true });
        Assert.Equal($"Another page already has the address /pages/{taken}.", duplicate.GetProperty("Slug")[0].GetString());
        var huge = await RefusedAsync(new { title = "Huge", slug = Slug("huge"), body = new string('x', 100_001), footerColumn = "help", isPublished = true });
        Assert.Equal("The text is too long: keep it to 100000 characters.", huge.GetProperty("Body")[0].GetString());
        var badSlug = await RefusedAsync(new { title = "Bad", slug = "Not A/Slug", body = "Text.", footerColumn = "help", isPublished = true });
        Assert.StartsWith("Use lowercase letters, digits and single dashes", badSlug.GetProperty("Slug")[0].GetString());
        await RefusedAsync(new { title = "Column", slug = Slug("column"), body = "Text.", footerColumn = 7, isPublished = true });
    }

    [Fact]
    public async Task The_editor_shows_refusals_next_to_their_fields_and_previews_without_saving()
    {
        var adminEmail = ApiClient.NewEmail("admin");
        await app.RegisterConfirmedAsync(adminEmail);
        await app.GrantRolesAsync(adminEmail, "admin");
        var admin = await app.CookieClientAsync(adminEmail);
        var taken = Slug("taken");
        await CreateAsync(await AdminAsync(), taken, "First.");

        async Task<IDocument> PostAsync(string title, string slug, string body, string action)
        {
            var response = await admin.PostAsync("/admin/pages/new", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "page", ["__RequestVerificationToken"] = await BrowserSession.FormTokenAsync(admin, "/admin/pages/new"),
                ["Input.Title"] = title, ["Input.Slug"] = slug, ["Input.Body"] = body, ["Input.FooterColumn"] = "Help", ["Input.IsPublished"] = "true", ["Action"] = action,
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        }

        var empty = await PostAsync("", "", "", "save");
        Assert.Equal(["Give the page a title.", "Choose the page's address, such as shipping.", "Write the page's text."],
            empty.QuerySelectorAll(".validation-message").Select(m => m.TextContent));
        var duplicate = await PostAsync("Again", taken, "Second.", "save");
        Assert.Equal($"Another page already has the address /pages/{taken}.", duplicate.QuerySelector(".validation-message")?.TextContent);
        var preview = await PostAsync("Care guide", Slug("care"), "Wash **cold**. <script>alert(1)</script>", "preview");
        Assert.Equal("cold", preview.QuerySelector(".page-preview .prose strong")?.TextContent);
        Assert.Empty(preview.QuerySelectorAll(".page-preview script"));
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/admin/pages"))!, p => p.GetProperty("title").GetString() == "Care guide");
    }

    [Fact]
    public async Task A_change_shows_at_once_on_the_page_and_in_every_footer()
    {
        var admin = await AdminAsync();
        var slug = Slug("delivery");
        var page = await CreateAsync(admin, slug, "We deliver on weekdays.", title: "Delivery days");
        Assert.Contains("Delivery days", (await PageAsync("/")).QuerySelector("footer")!.TextContent);

        await CatalogClient.Expect(await admin.PutAsJsonAsync($"/api/v1/admin/pages/{page.GetProperty("id")}",
            new { title = "Delivery days and times", slug, body = "We deliver every day, 9 am to 9 pm.", footerColumn = "company", isPublished = true }), HttpStatusCode.OK);

        var footer = (await PageAsync("/search?q=x")).QuerySelector("footer")!;
        var company = footer.QuerySelector("nav[aria-labelledby=footer-company]")!;
        Assert.Equal($"/pages/{slug}", company.QuerySelectorAll("a").Single(a => a.TextContent == "Delivery days and times").GetAttribute("href"));
        Assert.DoesNotContain("Delivery days", footer.QuerySelector("nav[aria-labelledby=footer-help]")!.TextContent);
        Assert.Equal("We deliver every day, 9 am to 9 pm.", (await PageAsync($"/pages/{slug}")).QuerySelector(".prose")!.TextContent.Trim());
    }

    [Fact]
    public async Task Another_instance_drops_its_footer_links_when_a_page_changes()
    {
        // The admin signs up first: a second instance on the same database could send the confirmation mail itself.
        var admin = await AdminAsync();
        await using var other = await new ShopAppFactory { SharedConnectionString = app.ConnectionString }.StartAsync();
        var before = await other.CreateClient().GetStringAsync("/");
        Assert.DoesNotContain("Bulk orders", before);

        await CreateAsync(admin, Slug("bulk"), "Ask us for a quote.", title: "Bulk orders");

        await Eventually.TrueAsync(async () => (await other.CreateClient().GetStringAsync("/")).Contains("Bulk orders"), "the other instance's footer to list the new page");
    }

    [Fact]
    public async Task The_starter_pages_describe_the_shops_own_shipping_rates_once()
    {
        await using var shop = await new ShopAppFactory().StartAsync();
        var admin = (await shop.SignedInClientAsync("admin", "admin")).Client;
        await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/shipping",
            new { code = "doorstep", name = "Doorstep", deliveryEstimate = "2–4 business days", baseRate = 59m, perKgRate = 25m, freeOver = 799m }), HttpStatusCode.Created);

        await shop.WriteStarterPagesAsync();
        await shop.WriteStarterPagesAsync();

        var pages = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/admin/pages"))!;
        Assert.Equal(["about", "help-and-contact", "privacy", "returns", "shipping", "terms"], pages.Select(p => p.GetProperty("slug").GetString()).Order());
        var shipping = Parser.ParseDocument(await shop.CreateClient().GetStringAsync("/pages/shipping"));
        var row = shipping.QuerySelectorAll(".prose tbody tr").Single().QuerySelectorAll("td").Select(c => c.TextContent);
        Assert.Equal(["Doorstep", "2–4 business days", "₹59 + ₹25 per kg; free on orders of ₹799 or more"], row);
        var help = Parser.ParseDocument(await shop.CreateClient().GetStringAsync("/pages/help-and-contact"));
        Assert.Contains(help.QuerySelectorAll(".prose a"), a => a.GetAttribute("href") == "mailto:support@bazaar.local");
        var footer = Parser.ParseDocument(await shop.CreateClient().GetStringAsync("/")).QuerySelector("footer")!;
        Assert.Equal(["/pages/help-and-contact", "/pages/returns", "/pages/shipping"],
            footer.QuerySelectorAll("nav[aria-labelledby=footer-help] a").Select(a => a.GetAttribute("href")).Where(h => h!.StartsWith("/pages/")));
        Assert.Equal(["/pages/about", "/pages/privacy", "/pages/terms"],
            footer.QuerySelectorAll("nav[aria-labelledby=footer-company] a").Select(a => a.GetAttribute("href")).Where(h => h!.StartsWith("/pages/")));
    }
}
