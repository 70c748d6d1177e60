using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Platform.Security;

namespace Shop.Tests.Architecture;

/// <summary>
/// Every operation of the API description, called by every kind of user and held to the access rule
/// declared beside its endpoint: anonymous callers of protected operations get 401, other roles 403,
/// a user touching someone else's object 404 (or 403), and everyone allowed is let through. What
/// the other customer and the other seller are shown never includes the customer's or the seller's private objects.
/// </summary>
public sealed partial class AuthorizationMatrixTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private sealed record Operation(string Method, string Path, string? BodyType, AccessRule? Rule)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    [Fact]
    public async Task Every_api_operation_declares_who_may_call_it()
    {
        var undeclared = (await OperationsAsync()).Where(o => o.Rule is null).Select(o => o.ToString()).ToList();

        Assert.Empty(undeclared);
    }

    [Fact]
    public async Task Every_operation_lets_in_exactly_the_callers_its_rule_names()
    {
        var operations = await OperationsAsync();
        var world = await PersonaWorld.CreateAsync(app);
        var failures = new List<string>();

        // Reads before writes before deletes, so an operation never meets an object an earlier one removed.
        foreach (var operation in operations.Where(o => o.Rule is not null).OrderBy(o => o.Method == "DELETE").ThenBy(o => o.Method != "GET").ThenBy(o => o.Path))
            failures.AddRange(await CheckAsync(operation, operation.Rule!, world));

        Assert.True(operations.Count > 100, $"only {operations.Count} operations described");
        Assert.All(OwnedObjects, owned => Assert.Contains(operations, o => o.Rule?.Objects == Objects.Own && o.Path.StartsWith(owned.Prefix, StringComparison.Ordinal)));
        Assert.True(failures.Count == 0, $"{failures.Count} calls broke their rule:\n" + string.Join("\n", failures));
    }

    private async Task<IEnumerable<string>> CheckAsync(Operation operation, AccessRule rule, PersonaWorld world)
    {
        var owned = rule.Objects == Objects.Own ? OwnedObjects.FirstOrDefault(o => operation.Path.StartsWith(o.Prefix, StringComparison.Ordinal)) : default;
        var owner = owned.Kind is null ? null : PersonaWorld.OwnerOf(owned.Kind);
        var objectId = owned.Kind is null ? null : await world.CreateAsync(owned.Kind);
        if (owned.Kind is not null && operation.BodyType is not null && !SampleBodies.ContainsKey(operation.ToString()))
            return [$"{operation}: reaches its caller's own objects and takes a body, but the matrix has no sample body for it"];

        var failures = new List<string>();
        // The owner goes last: its call may change or remove the object.
        foreach (var persona in PersonaWorld.Personas.OrderBy(p => p == owner))
        {
            var path = ParameterPattern().Replace(operation.Path, m => m.Value == owned.Parameter ? objectId! : world.Reference(m.Groups[1].Value));
            var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
            if (operation.BodyType is "multipart/form-data")
                request.Content = new MultipartFormDataContent { { new StringContent(""), "unrelated" } };
            else if (operation.BodyType is not null)
                request.Content = new StringContent(SampleBodies.TryGetValue(operation.ToString(), out var body) && owned.Kind is not null ? body(world) : "{}",
                    Encoding.UTF8, operation.BodyType);
            var response = await world.Client(persona).SendAsync(request);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode && persona is PersonaWorld.OtherCustomer or PersonaWorld.OtherSeller)
            {
                var body = await response.Content.ReadAsStringAsync();
                failures.AddRange(world.PrivateIds.Where(id => body.Contains(id, StringComparison.OrdinalIgnoreCase))
                    .Select(id => $"{operation} as {persona}: shows {id}, an object of another user"));
            }

            // Unsigned callbacks are unauthenticated whoever sends them.
            var expected = !Allowed(rule.Callers, persona) ? (persona == PersonaWorld.Anonymous || rule.Callers == Callers.SignedRequests ? "401" : "403")
                : owner is null ? "not 401/403"
                : persona == owner ? "not 401/403/404"
                : "404 or 403";
            var ok = expected switch
            {
                "401" => status == 401,
                "403" => status == 403,
                "not 401/403" => status is not (401 or 403),
                "not 401/403/404" => status is not (401 or 403 or 404) and < 500,
                _ => status is 404 or 403,
            };
            if (!ok || status >= 500)
                failures.Add($"{operation} as {persona}: {status}, expected {expected}");
        }
        return failures;
    }

    private static bool Allowed(Callers callers, string persona) => callers switch
    {
        Callers.Anyone => true,
        Callers.SignedIn => persona != PersonaWorld.Anonymous,
        Callers.Sellers => persona is PersonaWorld.Seller or PersonaWorld.OtherSeller or PersonaWorld.Admin,
        Callers.Support => persona is PersonaWorld.Support or PersonaWorld.Admin,
        Callers.Admins => persona == PersonaWorld.Admin,
        Callers.SignedRequests => false,
        _ => throw new ArgumentOutOfRangeException(nameof(callers)),
    };

    /// <summary>The operations of /openapi/v1.json, each with the rule its endpoint declares (null when it declares none).</summary>
    private async Task<List<Operation>> OperationsAsync()
    {
        var rules = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                (Key: $"{method} {Normalized(e.RoutePattern.RawText ?? "")}", Rule: e.Metadata.GetMetadata<AccessRule>())))
            .GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First().Rule);
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation =>
            {
                var method = operation.Name.ToUpperInvariant();
                var bodyType = operation.Value.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").EnumerateObject().First().Name : null;
                return new Operation(method, path.Name, bodyType,
                    rules.GetValueOrDefault($"{method} {Normalized(path.Name)}"));
            }))
            .ToList();
    }

    private static string Normalized(string route) => "/" + ConstraintPattern().Replace(route, "{$1}").Trim('/');

    // Where an owner-scoped operation names an object of its caller's: the route parameter and the kind of object.
    private static readonly (string Prefix, string Parameter, string Kind)[] OwnedObjects =
    [
        ("/api/v1/me/addresses/{id}", "{id}", "address"),
        ("/api/v1/orders/{id}", "{id}", "order"),
        ("/orders/{id}", "{id}", "order"),
        ("/api/v1/notifications/{id}", "{id}", "notification"),
        ("/api/v1/webhooks/deliveries/{id}", "{id}", "delivery"),
        ("/api/v1/webhooks/{id}", "{id}", "webhook"),
        ("/api/v1/seller/products/import/{id}", "{id}", "import"),
        ("/api/v1/seller/products/{id}", "{id}", "product"),
        ("/api/v1/seller/stock/{variantId}", "{variantId}", "variant"),
        ("/api/v1/seller/fulfillments/{id}", "{id}", "fulfillment"),
        ("/api/v1/cart/items/{variantId}", "{variantId}", "cart line"),
        ("/api/v1/wishlist/{variantId}", "{variantId}", "wishlist entry"),
        ("/api/v1/support/conversations/{id}", "{id}", "conversation"),
        ("/api/v1/support/seller/threads/{id}", "{id}", "seller thread"),
        ("/api/v1/support/messages/{messageId}", "{messageId}", "seller message"),
    ];

    // Valid bodies for owner-scoped writes, so a refusal can only come from the ownership check, not from validation.
    private static readonly Dictionary<string, Func<PersonaWorld, string>> SampleBodies = new()
    {
        ["PUT /api/v1/me/addresses/{id}"] = _ => JsonSerializer.Serialize(Shopper.Address),
        ["POST /api/v1/orders/{id}/cancel"] = _ => """{"reason":"Ordered twice"}""",
        ["POST /api/v1/orders/{id}/return"] = _ => """{"reason":"Too small"}""",
        ["POST /api/v1/orders/{id}/payments"] = _ => """{"method":"sandbox"}""",
        ["PUT /api/v1/webhooks/{id}"] = _ => """{"url":"https://hooks.example.com/orders","events":["order.placed"]}""",
        ["PUT /api/v1/seller/products/{id}"] = world => world.ProductBody(),
        ["POST /api/v1/seller/stock/{variantId}/adjust"] = _ => """{"change":1,"reason":"Recount"}""",
        ["POST /api/v1/seller/fulfillments/{id}/status"] = _ => """{"status":"processing"}""",
        ["PUT /api/v1/cart/items/{variantId}"] = _ => """{"quantity":2}""",
        ["POST /api/v1/support/conversations/{id}/messages"] = _ => """{"body":"Any news?"}""",
        ["POST /api/v1/support/conversations/{id}/rating"] = _ => """{"score":5,"comment":"Quick and kind"}""",
        // Multipart: the matrix sends a form without files, which the owner is refused (400) and everyone else does not find.
        ["POST /api/v1/support/conversations/{id}/attachments"] = _ => "",
        ["POST /api/v1/support/seller/threads/{id}/messages"] = _ => """{"body":"Yes, it dims."}""",
        ["POST /api/v1/support/messages/{messageId}/reports"] = _ => """{"reason":"Asks me to pay outside the shop."}""",
    };

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"\{(\w+)(:[^}]+)?\}")]
    private static partial Regex ConstraintPattern();
}
