using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.Testing;
using Shop.Web.Platform.Security;

namespace Shop.Tests.Platform;

/// <summary>Input the shop refuses where it comes in: NUL characters, nulls where a request declares none, return URLs that leave the site.</summary>
public sealed class EdgeInputTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static async Task<Dictionary<string, string>> FieldErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        return problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);
    }

    [Fact]
    public async Task Nul_in_json_text_answers_400_naming_the_field_and_changes_nothing()
    {
        var (customer, _) = await app.SignedInClientAsync("nul");

        var response = await customer.PutAsync("/api/v1/me", new StringContent("""{"name":"a\u0000b"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains("NUL", problem.GetProperty("errors").GetProperty("$.name")[0].GetString());
        Assert.DoesNotContain("JSON", problem.GetProperty("detail").GetString());
        Assert.Equal("Asha Rao", (await customer.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Nul_in_a_json_object_key_answers_400()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = (await catalog.CategoryAsync("Lamps")).GetProperty("id").GetString()!;

        var response = await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title = "Brass lamp", brand = "Acme", description = "A fine thing.", categoryId = category, status = "active",
            variants = new[] { CatalogClient.Variant("LAMP-1", 999m, options: new Dictionary<string, string> { ["colour\0"] = "gold" }) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_csv_import_holding_nul_answers_400_naming_the_file()
    {
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        using var upload = new MultipartFormDataContent { { new ByteArrayContent("handle,title,sku\nlamp,Brass\0lamp,LAMP-1\n"u8.ToArray()), "file", "products.csv" } };

        var errors = await FieldErrorsAsync(await seller.PostAsync("/api/v1/seller/products/import", upload));

        Assert.Contains("NUL", errors["File"]);
    }

    [Fact]
    public async Task Nul_in_a_query_string_answers_400_naming_the_parameter()
    {
        var errors = await FieldErrorsAsync(await app.CreateClient().GetAsync("/api/v1/catalog/products?q=%00"));

        Assert.Contains("NUL", errors["q"]);
    }

    [Fact]
    public async Task Nul_in_a_page_form_shows_the_bad_request_page()
    {
        var client = app.CreateClient();
        var form = await FormAsync(client, "/account/sign-in", "input[type=password]");
        form[form.Keys.Single(k => k.EndsWith("Email", StringComparison.Ordinal))] = "asha\0@example.in";

        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("That request didn't look right", page.QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("""{"preferences": null}""", "$.preferences", "A value is required here; null is not accepted.")]
    [InlineData("""{"preferences": [null]}""", "$.preferences", "The list must not hold null.")]
    public async Task A_null_where_a_list_or_its_items_are_expected_answers_400_naming_it(string body, string field, string message)
    {
        var (customer, _) = await app.SignedInClientAsync("prefs");

        var errors = await FieldErrorsAsync(await customer.PutAsync("/api/v1/notifications/preferences", new StringContent(body, Encoding.UTF8, "application/json")));

        Assert.StartsWith(field, errors.Keys.Single());
        Assert.Equal(message, errors.Values.Single());
    }

    [Fact]
    public async Task A_missing_required_number_answers_400_instead_of_counting_as_zero()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");

        var response = await admin.PutAsync("/api/v1/admin/commission-rules", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\r\n//evil.example", "/")]
    [InlineData("/orders?page=2", "/orders?page=2")]
    public async Task Sign_out_returns_only_to_this_site(string returnUrl, string location)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await FormAsync(client, "/account/sign-in", "input[type=password]");

        var response = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
            ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/orders/42?tab=items#top", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("/a\\b", false)]
    [InlineData("/\t/evil.example", false)]
    [InlineData("/ok\n", false)]
    [InlineData("/\u007f", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("evil.example", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Local_urls_are_paths_on_this_site_without_backslashes_or_control_characters(string? url, bool local)
    {
        Assert.Equal(local, LocalUrl.IsLocal(url));
        Assert.Equal(local ? url : "/", LocalUrl.OrHome(url));
    }

    /// <summary>The fields of the page's form that holds <paramref name="marker"/>, as a browser would send them.</summary>
    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string url, string marker)
    {
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>().First(f => f.QuerySelector(marker) is not null);
        return form.QuerySelectorAll("input").OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Type != "checkbox")
            .ToDictionary(i => i.Name!, i => i.Value);
    }
}
