using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;

namespace Shop.Tests.Architecture;

/// <summary>Every endpoint the app maps says who may use it; none is public by omission.</summary>
public sealed class AuthorizationCoverageTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    // Framework plumbing: the Razor components runtime's redirect helper, and the static-asset
    // fallback that serves files added after the build when running from build output.
    private static readonly string[] FrameworkEndpoints = ["/_framework/opaque-redirect", "{**path:file}"];

    [Fact]
    public void Every_endpoint_declares_an_authorization_rule()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var undeclared = endpoints
            .Where(e => !FrameworkEndpoints.Contains(e.RoutePattern.RawText))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();

        Assert.Empty(undeclared);
        Assert.True(endpoints.Count > 5);
    }
}
