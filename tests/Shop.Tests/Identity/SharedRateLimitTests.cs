using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Security;

namespace Shop.Tests.Identity;

/// <summary>
/// The limits that protect accounts are counted in PostgreSQL, so several instances of the shop
/// share them. Each test starts its apps at the beginning of a window of their (shared) clock, so
/// all of its attempts fall into one window.
/// </summary>
public sealed class SharedRateLimitTests
{
    private static async Task<ShopAppFactory> StartAsync(AdjustableClock clock, string? database, params (string Key, string? Value)[] settings) =>
        await new ShopAppFactory { SharedConnectionString = database, ConfigureTestServices = services => services.AddSingleton<TimeProvider>(clock) }
            .WithSettings(settings).StartAsync();

    private static Task<HttpResponseMessage> LoginAsync(ShopAppFactory app, string email) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Not-The-Password-1" });

    /// <summary>The sign-in form's fields as the page renders them (anti-forgery token included), filled in.</summary>
    private static async Task<Dictionary<string, string>> SignInFieldsAsync(HttpClient browser, string email, string password)
    {
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/account/sign-in"));
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.QuerySelector("input[type=password]") is not null);
        return form.QuerySelectorAll("input").OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Type != "checkbox")
            .ToDictionary(i => i.Name!, i => i.Type switch { "email" => email, "password" => password, _ => i.Value });
    }

    [Fact]
    public async Task Sign_in_form_posts_over_the_limit_get_a_readable_page_that_says_how_long_to_wait()
    {
        var clock = AdjustableClock.AtStartOf(TimeSpan.FromMinutes(1));
        await using var app = await StartAsync(clock, null, ("RateLimits:AuthenticationPermitsPerMinute", "3"));
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var fields = await SignInFieldsAsync(browser, ApiClient.NewEmail(), "Not-The-Password-1");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            answers.Add(await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields)));

        Assert.All(answers.Take(2), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var refused = answers[2];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Too many requests", page.QuerySelector("h1")?.TextContent);
        Assert.Contains($"Please wait {WaitTime.Words(wait.Value)} and try again.", page.Body!.TextContent);
    }

    [Fact]
    public async Task The_address_limit_holds_across_instances_and_the_api_answers_problem_details_with_retry_after()
    {
        var clock = AdjustableClock.AtStartOf(TimeSpan.FromMinutes(1));
        var limit = ("RateLimits:AuthenticationPermitsPerMinute", "4");
        await using var first = await StartAsync(clock, null, limit);
        await using var second = await StartAsync(clock, first.ConnectionString, limit);

        var answers = new List<HttpResponseMessage>();
        foreach (var instance in new[] { first, second, first, second, first, second })
            answers.Add(await LoginAsync(instance, ApiClient.NewEmail()));

        Assert.All(answers.Take(4), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        foreach (var refused in answers.Skip(4))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            var problem = await refused.JsonAsync();
            Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
            Assert.StartsWith("Too many requests. Please wait", problem.GetProperty("detail").GetString());
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(second, ApiClient.NewEmail())).StatusCode);
    }

    [Fact]
    public async Task Attempts_on_one_account_are_counted_together_by_every_instance_and_leave_other_accounts_alone()
    {
        var clock = AdjustableClock.AtStartOf(TimeSpan.FromMinutes(15));
        var limit = ("RateLimits:AccountAttemptsPerWindow", "2");
        await using var first = await StartAsync(clock, null, limit);
        await using var second = await StartAsync(clock, first.ConnectionString, limit);
        var email = ApiClient.NewEmail();

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(first, email)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(second, email)).StatusCode);
        var refused = await LoginAsync(first, email);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("too_many_attempts", (await refused.JsonAsync()).GetProperty("code").GetString());
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(second, ApiClient.NewEmail())).StatusCode);
    }

    [Fact]
    public async Task Windows_that_ended_are_deleted()
    {
        var clock = AdjustableClock.AtStartOf(TimeSpan.FromMinutes(15));
        await using var app = await StartAsync(clock, null);
        var counters = app.Services.GetRequiredService<SharedRateLimitCounters>();
        await LoginAsync(app, ApiClient.NewEmail()); // one window for the address, one for the account

        Assert.Equal(0, await counters.DeleteEndedAsync());
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(2, await counters.DeleteEndedAsync());
    }
}
