using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Media;

namespace Shop.Web.Modules.Catalog.Categories;

/// <summary>The categories page's picture upload: an ordinary multipart form post that comes back to the page.</summary>
public static class CategoryImageUpload
{
    public static void MapCategoryImageUpload(this WebApplication app) =>
        app.MapPost("/admin/categories/{id:guid}/image", async Task<RedirectHttpResult> (Guid id, IFormFile? file, MediaStore media, CategoryTree tree) =>
            {
                var back = $"/admin/categories/{id}";
                if (file is null || file.Length == 0)
                    return TypedResults.Redirect($"{back}?imageError={Uri.EscapeDataString("Choose a picture to upload.")}");
                try
                {
                    await using var stream = file.OpenReadStream();
                    var stored = await media.SaveImageAsync(stream);
                    return await tree.SetImageAsync(id, stored.Hash) ? TypedResults.Redirect($"{back}?done=saved") : TypedResults.Redirect("/admin/categories");
                }
                catch (InputValidationException invalid)
                {
                    return TypedResults.Redirect($"{back}?imageError={Uri.EscapeDataString(invalid.Errors.Values.First().First())}");
                }
            })
            .RequireAuthorization(Policies.Admin)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(6 * 1024 * 1024))
            .ExcludeFromDescription();
}
