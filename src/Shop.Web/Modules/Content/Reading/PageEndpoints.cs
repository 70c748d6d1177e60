using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Content.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Content.Reading;

public static class PageEndpoints
{
    public static void MapPageEndpoints(this RouteGroupBuilder api)
    {
        var pages = api.MapGroup("/pages").WithTags("Pages").AllowAnonymous().Access(Callers.Anyone);

        pages.MapGet("/", async Task<Ok<IReadOnlyList<PageLink>>> (IShopPages published) => TypedResults.Ok(await published.PublishedAsync()))
            .WithName("ListPages").WithSummary("The shop's published pages (about, shipping, returns, ...) and the footer column each appears in.");

        pages.MapGet("/{slug}", async Task<Results<Ok<PageView>, NotFound>> (string slug, PageReader reader) =>
            await reader.PublishedAsync(slug) is { } page ? TypedResults.Ok(page) : TypedResults.NotFound())
            .WithName("GetPage").WithSummary("A published page: its Markdown and the same text as safe HTML.");
    }
}
