using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shop.Web.Platform.Errors;

namespace Shop.Tests.Platform;

public sealed record NewOrder([property: Required, EmailAddress] string? Email, [property: Range(1, 100)] int Quantity);

/// <summary>
/// The platform's error handling, mounted on a real Kestrel server with endpoints that fail in
/// each way an endpoint can: every failure answers with RFC 9457 problem details.
/// </summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 2048);
        builder.AddErrorHandling();
        builder.Services.AddValidation();
        app = builder.Build();
        app.UseErrorHandling();
        var probe = app.MapGroup("/api/v1/probe");
        probe.MapPost("/orders", (NewOrder order) => TypedResults.Ok(order));
        probe.MapPost("/orders/{id:int}/cancel", IResult (int id) =>
            throw new ConflictException("order.already_shipped", $"Order {id} has already shipped and can no longer be cancelled."));
        probe.MapPost("/coupons", IResult () => throw new RuleViolationException("coupon.expired", "This coupon expired on 1 November."));
        probe.MapGet("/boom", IResult () => throw new InvalidOperationException("Host=db;Password=hunter2 is unreachable"));
        await app.StartAsync();
        client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    [Fact]
    public async Task Invalid_fields_answer_400_with_an_error_per_field()
    {
        var response = await client.PostAsJsonAsync("/api/v1/probe/orders", new { email = "not-an-email", quantity = 0 });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("valid e-mail", errors.GetProperty("Email")[0].GetString());
        Assert.Contains("between 1 and 100", errors.GetProperty("Quantity")[0].GetString());
    }

    [Fact]
    public async Task Valid_input_passes()
    {
        var response = await client.PostAsJsonAsync("/api/v1/probe/orders", new { email = "asha@example.in", quantity = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_answers_400_naming_where_it_broke()
    {
        var response = await client.PostAsync("/api/v1/probe/orders", new StringContent("""{"email": "a@b.in", "quantity": "two"}""", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.quantity", out _));
    }

    [Fact]
    public async Task Truncated_json_answers_400()
    {
        var response = await client.PostAsync("/api/v1/probe/orders", new StringContent("""{"email": "a@b""", Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415()
    {
        var response = await client.PostAsync("/api/v1/probe/orders", new StringContent("email=a@b.in", Encoding.UTF8, "text/plain"));

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_oversized_body_answers_413()
    {
        var huge = JsonSerializer.Serialize(new { email = new string('a', 10_000) + "@b.in", quantity = 1 });
        var response = await client.PostAsync("/api/v1/probe/orders", new StringContent(huge, Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_state_conflict_answers_409_with_its_reason_and_code()
    {
        var response = await client.PostAsync("/api/v1/probe/orders/42/cancel", null);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Order 42 has already shipped and can no longer be cancelled.", problem.GetProperty("detail").GetString());
        Assert.Equal("order.already_shipped", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_broken_rule_answers_422_with_its_reason_and_code()
    {
        var response = await client.PostAsync("/api/v1/probe/coupons", null);

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("coupon.expired", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unexpected_failure_answers_500_revealing_nothing_but_a_trace_id()
    {
        var response = await client.GetAsync("/api/v1/probe/boom");

        await ProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain("at Shop", body);
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_answer_404_and_405()
    {
        await ProblemAsync(await client.GetAsync("/api/v1/probe/nothing-here"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.DeleteAsync("/api/v1/probe/orders"), HttpStatusCode.MethodNotAllowed);
    }
}
