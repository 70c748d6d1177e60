using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Dapper;
using Npgsql;
using Shop.Testing;

namespace Shop.Tests.Platform;

/// <summary>What the running application answers at its platform endpoints and on unknown paths.</summary>
public sealed class HttpSurfaceTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private readonly HttpClient client = app.CreateClient();

    [Fact]
    public async Task Live_and_ready_health_checks_answer_healthy()
    {
        var live = await client.GetAsync("/health/live");
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal(["accepting", "database", "migrations"], ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Unknown_api_paths_answer_404_problem_details_whatever_the_method(string method)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/does-not-exist"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_pages_answer_a_404_page_a_person_can_read()
    {
        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("We couldn't find that page", document.QuerySelector("h1")?.TextContent);
        Assert.NotNull(document.QuerySelector("a[href='/']"));
    }

    [Theory]
    [InlineData("/search?page=abc&minPrice=x&maxPrice=-5&sort=zzz&inStock=maybe&rating=9&seller=nobody&option=nocolon")]
    [InlineData("/account/sign-in/two-factor?rememberMe=maybe&recovery=perhaps")]
    [InlineData("/account/reset-password?userId=not-a-guid&code=")]
    [InlineData("/account/confirm-email?userId=bad&code=x")]
    [InlineData("/c/no-such-category?page=abc")]
    public async Task Malformed_query_strings_never_fail_a_page(string url)
    {
        var response = await client.GetAsync(url);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Request-Id").Single()));
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document_and_a_browsable_page()
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var page = await client.GetAsync("/api/docs/index.html");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal("Shop API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/auth/login", paths);
        Assert.Contains("/api/v1/admin/users", paths);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger-ui", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_help_page_linked_from_every_footer_shows_how_to_reach_the_shop()
    {
        var home = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        var href = home.QuerySelector("footer a[href='/support']")?.GetAttribute("href");
        Assert.Equal("/support", href);
        var help = new HtmlParser().ParseDocument(await client.GetStringAsync(href));
        var contact = help.QuerySelector("[data-testid=contact-options]")!.TextContent;
        Assert.Contains("support@bazaar.local", contact);
        Assert.Contains("+91 80 4000 1234", contact);
    }

    [Fact]
    public async Task Static_assets_are_served_with_long_lived_caching()
    {
        var home = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        var stylesheet = home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        var response = await client.GetAsync("/" + stylesheet.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
    }
}

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_fails_while_migrations_are_pending()
    {
        await using var app = await new ShopAppFactory().StartAsync();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
            await connection.ExecuteAsync("DELETE FROM platform.schema_migrations WHERE version = (SELECT max(version) FROM platform.schema_migrations)");

        var response = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("1 migration(s) not applied", await response.Content.ReadAsStringAsync());
    }
}
