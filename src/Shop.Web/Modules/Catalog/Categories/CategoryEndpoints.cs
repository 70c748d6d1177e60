using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Catalog.Categories;

public sealed record CategoryResponse(Guid Id, Guid? ParentId, string Name, string Slug, string? Description, int SortOrder, string? ImageHash, int Depth,
    IReadOnlyDictionary<string, string> Translations);

public static class CategoryEndpoints
{
    public static void MapCategoryEndpoints(this RouteGroupBuilder api)
    {
        var categories = api.MapGroup("/admin/categories").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        categories.MapPost("/", async Task<Created<CategoryResponse>> (CategoryRequest request, CategoryTree tree) =>
            {
                var category = Response(await tree.CreateAsync(request));
                return TypedResults.Created($"/api/v1/admin/categories/{category.Id}", category);
            })
            .WithName("CreateCategory");

        categories.MapPut("/{id:guid}", async Task<Results<Ok<CategoryResponse>, NotFound>> (Guid id, CategoryRequest request, CategoryTree tree) =>
            await tree.UpdateAsync(id, request) is { } category ? TypedResults.Ok(Response(category)) : TypedResults.NotFound())
            .WithName("UpdateCategory").WithSummary("Rename or move a category; moving it moves its whole subtree.");

        categories.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, CategoryTree tree) =>
            await tree.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteCategory").WithSummary("Delete an empty category (no subcategories, no products).");
    }

    private static CategoryResponse Response(Data.Category c) => new(c.Id, c.ParentId, c.Name, c.Slug, c.Description, c.SortOrder, c.ImageHash, c.Depth, c.Translations);
}
