using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Platform.Fuzzing;

/// <summary>
/// Every operation of the OpenAPI document (so new ones too) sent malformed input as an anonymous
/// caller, a customer, a seller and an admin: no answer is a server error or shows an exception, and
/// nothing nonsensical is accepted. Ids in requests are those of a real category, product and variant.
/// </summary>
public sealed class ApiFuzzTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task No_operation_fails_or_accepts_nonsense_whoever_sends_it()
    {
        var anonymous = app.CreateClient();
        var (customer, _) = await app.SignedInClientAsync("customer");
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var known = await CatalogAsync(new CatalogClient(app, admin, seller));
        (string Name, HttpClient Client)[] personas = [("anonymous", anonymous), ("customer", customer), ("seller", seller), ("admin", admin)];
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var cases = new FuzzCases(new Schemas(document, known));
        var operations = ApiOperation.All(document);

        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            var operationCases = cases.For(operation).ToList();
            var results = await Task.WhenAll(personas.Select(persona => SendAllAsync(persona.Name, persona.Client, operationCases)));
            failures.AddRange(results.SelectMany(r => r.Failures));
            sent += results.Sum(r => r.Sent);
        }

        Assert.True(operations.Count > 100, $"Only {operations.Count} operations in the document.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests to {operations.Count} operations failed:\n" + string.Join("\n", failures.Take(80)));
    }

    /// <summary>The cases in turn; a caller whom the documented request does not authorise sends no more.</summary>
    private static async Task<(List<string> Failures, int Sent)> SendAllAsync(string persona, HttpClient client, IReadOnlyList<FuzzCase> cases)
    {
        var failures = new List<string>();
        var sent = 0;
        foreach (var fuzzCase in cases)
        {
            using var response = await client.SendAsync(fuzzCase.Request());
            sent++;
            var body = await response.Content.ReadAsStringAsync();
            if (Verdict(fuzzCase, response, body) is { } verdict)
                failures.Add($"{persona} {fuzzCase.Description}: {verdict} ({(int)response.StatusCode}) {body[..Math.Min(body.Length, 240)]}");
            if (sent == 1 && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                break;
        }
        return (failures, sent);
    }

    private static string? Verdict(FuzzCase fuzzCase, HttpResponseMessage response, string body) =>
        (int)response.StatusCode >= 500 ? "server error"
        : body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal) ? "exception shown"
        : fuzzCase.MustNotSucceed && response.IsSuccessStatusCode ? "accepted"
        : null;

    /// <summary>A category, an active product and its variant, whose ids and slug the requests use.</summary>
    private static async Task<Dictionary<string, string>> CatalogAsync(CatalogClient catalog)
    {
        var category = await catalog.CategoryAsync("Fuzz");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Fuzz lamp"), category.GetProperty("id").GetString()!, [CatalogClient.Variant($"FZ-{Guid.NewGuid():N}"[..12], 499m, 50)]);
        return new Dictionary<string, string>
        {
            ["category"] = category.GetProperty("id").GetString()!,
            ["product"] = product.GetProperty("id").GetString()!,
            ["variant"] = product.GetProperty("variants")[0].GetProperty("id").GetString()!,
            ["slug"] = product.GetProperty("slug").GetString()!,
            ["idorslug"] = product.GetProperty("slug").GetString()!,
            ["provider"] = "sandbox",
        };
    }
}
