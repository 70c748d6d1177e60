using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Shop.Web.Modules.Catalog.Categories;
using Shop.Web.Modules.Catalog.ProductPage;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Catalog.Browse;

public static class CatalogEndpoints
{
    public static void MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("Catalog").AllowAnonymous().Access(Callers.Anyone);

        catalog.MapGet("/categories", async Task<Ok<IReadOnlyList<CategoryNode>>> (CategoryTree tree) => TypedResults.Ok(await tree.TreeAsync()))
            .WithName("CategoryTree").WithSummary("The category tree; each node counts the active products in its subtree.");

        catalog.MapGet("/products", async Task<Results<Ok<ProductSearchResult>, ValidationProblem>> (
                HttpRequest request, CatalogSearch search, IStringLocalizer<Strings> texts, CancellationToken cancellationToken) =>
            {
                var listing = ListingQuery.Parse(request.Query, texts);
                return listing.IsValid
                    ? TypedResults.Ok(await search.SearchAsync(listing.Query, cancellationToken))
                    : TypedResults.ValidationProblem(listing.Errors.ToDictionary());
            })
            .WithName("SearchProducts")
            .WithSummary("Active products: search (typo-tolerant), filter, sort and page, with facet counts for every filter.");

        catalog.MapGet("/products/{idOrSlug}", async Task<Results<Ok<ProductDetail>, NotFound>> (string idOrSlug, ProductDetails details) =>
            await details.FindAsync(idOrSlug) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound())
            .WithName("GetProduct").WithSummary("A product by id or slug, with its variants and their availability.");

        catalog.MapGet("/suggest", async Task<Ok<IReadOnlyList<Suggestion>>> (string? q, Suggestions suggestions, CancellationToken cancellationToken) =>
            TypedResults.Ok(await suggestions.SuggestAsync(q, cancellationToken)))
            .WithName("Suggest").WithSummary("Suggestions while typing: products by word prefix, categories and brands.");
    }
}
