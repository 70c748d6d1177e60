using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Media;

namespace Shop.Web.Modules.Catalog.Products;

/// <summary>
/// The product page's picture upload as an ordinary multipart form post (with its anti-forgery
/// token), so it works without JavaScript; the browser comes back to the product form.
/// </summary>
public static class ProductImageUpload
{
    public static void MapProductImageUpload(this WebApplication app) =>
        app.MapPost("/seller/products/{id:guid}/images", async Task<RedirectHttpResult> (
                Guid id, IFormFile? file, [FromForm] string? altText, ClaimsPrincipal user, MediaStore media, ProductManagement products) =>
            {
                var back = $"/seller/products/{id}";
                if (file is null || file.Length == 0)
                    return TypedResults.Redirect($"{back}?imageError={Uri.EscapeDataString("Choose a picture to upload.")}");
                var actor = new CatalogActor(user.UserId(), user.IsInRole(Roles.Admin));
                try
                {
                    await using var stream = file.OpenReadStream();
                    var stored = await media.SaveImageAsync(stream);
                    var product = await products.GetAsync(actor, id);
                    if (product is null)
                        return TypedResults.Redirect("/seller/products");
                    var images = product.Images.Select(i => (i.Hash, i.AltText)).Where(i => i.Hash != stored.Hash)
                        .Append((stored.Hash, string.IsNullOrWhiteSpace(altText) ? null : altText.Trim())).ToList();
                    await products.SetImagesAsync(actor, id, images);
                    return TypedResults.Redirect($"{back}?done=image");
                }
                catch (InputValidationException invalid)
                {
                    return TypedResults.Redirect($"{back}?imageError={Uri.EscapeDataString(invalid.Errors.Values.First().First())}");
                }
            })
            .RequireAuthorization(Policies.Seller)
            .WithMetadata(new RequestSizeLimitAttribute(6 * 1024 * 1024))
            .ExcludeFromDescription();
}
