using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Media;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Catalog.Products;

public static class ProductEndpoints
{
    public static void MapProductEndpoints(this RouteGroupBuilder api)
    {
        Map(api.MapGroup("/seller/products").WithTags("Seller").RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own), admin: false);
        Map(api.MapGroup("/admin/products").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins), admin: true);

        api.MapPost("/media", async Task<Created<StoredMedia>> (IFormFile file, MediaStore media, CancellationToken cancellationToken) =>
            {
                await using var stream = file.OpenReadStream();
                var stored = await media.SaveImageAsync(stream, cancellationToken);
                return TypedResults.Created(stored.Url, stored);
            })
            .RequireAuthorization(Policies.Seller).Access(Callers.Sellers).DisableAntiforgery().WithTags("Media")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(6 * 1024 * 1024))
            .WithName("UploadImage").WithSummary("Upload a JPEG, PNG or WebP (checked by content); the same file is stored once, at a permanent URL.");
    }

    private static void Map(RouteGroupBuilder group, bool admin)
    {
        CatalogActor Actor(ClaimsPrincipal user) => new(user.UserId(), admin);
        var prefix = admin ? "Admin" : "Seller";

        group.MapGet("/", async Task<Ok<Paged<ProductSummary>>> ([AsParameters] ProductListFilter filter, [AsParameters] PageRequest page, ClaimsPrincipal user, ProductManagement products) =>
            TypedResults.Ok(await products.ListAsync(Actor(user), filter, page)))
            .WithName($"{prefix}ListProducts");

        group.MapGet("/{id:guid}", async Task<Results<Ok<ManagedProduct>, NotFound>> (Guid id, ClaimsPrincipal user, ProductManagement products) =>
            await products.GetAsync(Actor(user), id) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound())
            .WithName($"{prefix}GetProduct");

        if (!admin)
        {
            group.MapPost("/", async Task<Created<ManagedProduct>> (ProductRequest request, ClaimsPrincipal user, ProductManagement products) =>
                {
                    var product = await products.CreateAsync(Actor(user), request);
                    return TypedResults.Created($"/api/v1/seller/products/{product.Id}", product);
                })
                .WithName("CreateProduct").WithSummary("List a new product with its variants, images and opening stock.");
        }

        group.MapPut("/{id:guid}", async Task<Results<Ok<ManagedProduct>, NotFound>> (Guid id, ProductRequest request, ClaimsPrincipal user, ProductManagement products) =>
            await products.UpdateAsync(Actor(user), id, request) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound())
            .WithName($"{prefix}UpdateProduct").WithSummary("Change a product; variants are matched by id, missing ones removed, new ones added.");

        group.MapPost("/{id:guid}/archive", async Task<Results<Ok<ManagedProduct>, NotFound>> (Guid id, ClaimsPrincipal user, ProductManagement products) =>
            await products.SetStatusAsync(Actor(user), id, ProductStatus.Archived) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound())
            .WithName($"{prefix}ArchiveProduct").WithSummary("Take a product off sale; it stays in order history.");
    }
}
