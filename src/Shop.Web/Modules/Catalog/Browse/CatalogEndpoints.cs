using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;
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
            .WithSummary("Active products: search (typo-tolerant), filter, sort and page, with facet counts for every filter.")
            .AddOpenApiOperationTransformer(DescribeListingParameters);

        catalog.MapGet("/products/{idOrSlug}", async Task<Results<Ok<ProductDetail>, NotFound>> (string idOrSlug, ProductDetails details) =>
            await details.FindAsync(idOrSlug) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound())
            .WithName("GetProduct").WithSummary("A product by id or slug, with its variants and their availability.");

        catalog.MapGet("/suggest", async Task<Ok<IReadOnlyList<Suggestion>>> (string? q, Suggestions suggestions, CancellationToken cancellationToken) =>
            TypedResults.Ok(await suggestions.SuggestAsync(q, cancellationToken)))
            .WithName("Suggest").WithSummary("Suggestions while typing: products by word prefix, categories and brands.");
    }

    /// <summary>The query parameters <see cref="ListingQuery.Parse"/> reads, which the API description cannot see in the endpoint's signature.</summary>
    private static Task DescribeListingParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        (string Name, JsonSchemaType Type, bool Repeated)[] parameters =
        [
            ("q", JsonSchemaType.String, false), ("category", JsonSchemaType.String, false), ("minPrice", JsonSchemaType.Number, false),
            ("maxPrice", JsonSchemaType.Number, false), ("brand", JsonSchemaType.String, true), ("seller", JsonSchemaType.String, true),
            ("rating", JsonSchemaType.Integer, false), ("inStock", JsonSchemaType.Boolean, false), ("option", JsonSchemaType.String, true),
            ("sort", JsonSchemaType.String, false), ("page", JsonSchemaType.Integer, false), ("pageSize", JsonSchemaType.Integer, false),
        ];
        operation.Parameters ??= [];
        foreach (var (name, type, repeated) in parameters)
        {
            var schema = new OpenApiSchema { Type = type };
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Query, Schema = repeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
            });
        }
        return Task.CompletedTask;
    }
}
