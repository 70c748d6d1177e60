using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Media;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Catalog.Categories;

public sealed record CategoryNode(Guid Id, string Name, string Slug, string? Description, int SortOrder, string? ImageUrl, int ProductCount, IReadOnlyList<CategoryNode> Children);

public sealed record CategoryCrumb(Guid Id, string Name, string Slug);

public static class CategoryNodes
{
    /// <summary>The tree in display order with each node's depth, for indented pickers.</summary>
    public static IEnumerable<(CategoryNode Node, int Depth)> Flattened(this IEnumerable<CategoryNode> nodes, int depth = 0) =>
        nodes.SelectMany(n => n.Children.Flattened(depth + 1).Prepend((n, depth)));
}

public sealed class CategoryRequest
{
    [Required, MaxLength(100)]
    public string Name { get; set; } = "";

    /// <summary>Left empty, it is made from the name.</summary>
    [MaxLength(120), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use lowercase letters, digits and single dashes.")]
    public string? Slug { get; set; }

    [MaxLength(2000)]
    public string? Description { get; set; }

    public Guid? ParentId { get; set; }

    [Range(0, 10_000)]
    public int SortOrder { get; set; }

    [RegularExpression("^[0-9a-f]{64}$", ErrorMessage = "Use the hash of an uploaded image.")]
    public string? ImageHash { get; set; }

    /// <summary>The name in the shop's other languages, e.g. {"hi": "रसोई"}; left out, the names stay as they are.</summary>
    public Dictionary<string, string>? Translations { get; set; }
}

/// <summary>The category tree: reading it, and the admin's changes (moving a node moves its subtree).</summary>
public sealed class CategoryTree(ShopDbContext db, MediaStore media, Browse.CatalogCache cache, IOutbox outbox, TimeProvider clock)
{
    private sealed record Row(Guid Id, Guid? ParentId, string Name, string Slug, string? Description, int SortOrder, string? ImageHash, int DirectCount);

    /// <summary>The whole tree in the reader's language, ordered; each node counts the active products in its subtree.</summary>
    public Task<IReadOnlyList<CategoryNode>> TreeAsync()
    {
        var language = ShopLanguages.Current.Code;
        return cache.GetOrAddAsync("tree", language, () => LoadTreeAsync(language));
    }

    private async Task<IReadOnlyList<CategoryNode>> LoadTreeAsync(string language)
    {
        var rows = (await db.Database.GetDbConnection().QueryAsync<Row>("""
            SELECT c.id, c.parent_id AS ParentId, coalesce(c.translations ->> @language, c.name) AS name, c.slug, c.description, c.sort_order AS SortOrder, c.image_hash AS ImageHash,
                   coalesce(p.count, 0)::int AS DirectCount
              FROM catalog.categories c
              LEFT JOIN (SELECT category_id, count(*) AS count FROM catalog.products WHERE status = 'active' GROUP BY category_id) p ON p.category_id = c.id
            """, new { language })).ToList();
        var children = rows.ToLookup(r => r.ParentId);
        CategoryNode Build(Row row)
        {
            var kids = children[row.Id].OrderBy(r => r.SortOrder).ThenBy(r => r.Name).Select(Build).ToList();
            return new CategoryNode(row.Id, row.Name, row.Slug, row.Description, row.SortOrder,
                row.ImageHash is null ? null : MediaFile.UrlOf(row.ImageHash), row.DirectCount + kids.Sum(k => k.ProductCount), kids);
        }
        return children[null].OrderBy(r => r.SortOrder).ThenBy(r => r.Name).Select(Build).ToList();
    }

    public Task<Category?> FindBySlugAsync(string slug) => db.Set<Category>().AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug);

    public Task<Category?> FindAsync(Guid id) => db.Set<Category>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);

    /// <summary>Root first, ending with the category itself; named in <paramref name="language"/>, else the reader's.</summary>
    public async Task<IReadOnlyList<CategoryCrumb>> BreadcrumbsAsync(Category category, ShopLanguage? language = null)
    {
        language ??= ShopLanguages.Current;
        var ids = category.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        var path = await db.Set<Category>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync();
        return ids.Select(id => path.Single(c => c.Id == id)).Select(c => new CategoryCrumb(c.Id, c.NameIn(language), c.Slug)).ToList();
    }

    public async Task<Category> CreateAsync(CategoryRequest request)
    {
        var parent = request.ParentId is null ? null : await ParentAsync(request.ParentId.Value);
        await CheckImageAsync(request.ImageHash);
        var category = Category.Create(request.Name, await FreeSlugAsync(request.Slug ?? Slugs.From(request.Name), null), request.Description, request.SortOrder, parent, clock.GetUtcNow());
        category.Update(category.Name, category.Slug, category.Description, category.SortOrder, request.ImageHash);
        category.Translate(CheckedTranslations(request) ?? new Dictionary<string, string>());
        db.Add(category);
        await db.SaveChangesAsync();
        cache.Invalidate();
        return category;
    }

    /// <summary>Renames, re-slugs or moves a category; a move rewrites its whole subtree in the same transaction.</summary>
    public async Task<Category?> UpdateAsync(Guid id, CategoryRequest request)
    {
        var category = await db.Set<Category>().SingleOrDefaultAsync(c => c.Id == id);
        if (category is null)
            return null;
        await CheckImageAsync(request.ImageHash);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var renamed = category.Name != request.Name.Trim();
        category.Update(request.Name, await FreeSlugAsync(request.Slug ?? category.Slug, category.Id), request.Description, request.SortOrder, request.ImageHash);
        if (CheckedTranslations(request) is { } names)
            category.Translate(names);
        if (request.ParentId != category.ParentId)
        {
            var parent = request.ParentId is null ? null : await ParentAsync(request.ParentId.Value);
            var (oldPath, newPath, depthChange) = category.MoveUnder(parent);
            await db.Database.GetDbConnection().ExecuteAsync("""
                UPDATE catalog.categories
                   SET path = @newPath || substring(path from length(@oldPath) + 1), depth = depth + @depthChange
                 WHERE path LIKE @oldPath || '%' AND id <> @id
                """, new { oldPath, newPath, depthChange, id }, transaction.GetDbTransaction());
            renamed = true;
        }
        await db.SaveChangesAsync();
        if (renamed)
            await RefreshProductCategoryNamesAsync(category.Path, transaction.GetDbTransaction());
        await transaction.CommitAsync();
        cache.Invalidate();
        return category;
    }

    public async Task<bool> SetImageAsync(Guid id, string imageHash)
    {
        var category = await db.Set<Category>().SingleOrDefaultAsync(c => c.Id == id);
        if (category is null)
            return false;
        category.Update(category.Name, category.Slug, category.Description, category.SortOrder, imageHash);
        await db.SaveChangesAsync();
        cache.Invalidate();
        return true;
    }

    public async Task<bool> DeleteAsync(Guid id)
    {
        var category = await db.Set<Category>().SingleOrDefaultAsync(c => c.Id == id);
        if (category is null)
            return false;
        if (await db.Set<Category>().AnyAsync(c => c.ParentId == id))
            throw new ConflictException("category.has_children", "Move or delete its subcategories first.");
        if (await db.Set<Product>().AnyAsync(p => p.CategoryId == id))
            throw new ConflictException("category.has_products", "Move its products to another category first.");
        db.Remove(category);
        outbox.Add(new CategoryDeleted(id));
        await db.SaveChangesAsync();
        cache.Invalidate();
        return true;
    }

    /// <summary>
    /// The category's path and "Clothing › Men › Kurtas", the names products in it are found by in
    /// search; both are copied onto its products.
    /// </summary>
    public async Task<(string Path, string Names)> PlacementAsync(Guid categoryId)
    {
        var category = await FindAsync(categoryId) ?? throw new InputValidationException("CategoryId", "That category does not exist.");
        return (category.Path, string.Join(" › ", (await BreadcrumbsAsync(category, ShopLanguages.Default)).Select(c => c.Name)));
    }

    private async Task RefreshProductCategoryNamesAsync(string pathPrefix, System.Data.Common.DbTransaction transaction) =>
        await db.Database.GetDbConnection().ExecuteAsync("""
            UPDATE catalog.products p SET category_names = names.value, category_path = names.path
              FROM (SELECT c.id, c.path, string_agg(a.name, ' › ' ORDER BY a.depth) AS value
                      FROM catalog.categories c
                      JOIN catalog.categories a ON c.path LIKE a.path || '%'
                     WHERE c.path LIKE @pathPrefix || '%'
                     GROUP BY c.id, c.path) names
             WHERE p.category_id = names.id
            """, new { pathPrefix }, transaction);

    private static Dictionary<string, string>? CheckedTranslations(CategoryRequest request)
    {
        if (request.Translations is not { } names)
            return null;
        foreach (var (code, name) in names)
        {
            if (ShopLanguages.Find(code) is not { } language || language == ShopLanguages.Default || language.Code != code)
                throw new InputValidationException(nameof(CategoryRequest.Translations),
                    $"“{code}” is not one of the shop's other languages ({string.Join(", ", ShopLanguages.All.Skip(1).Select(l => l.Code))}).");
            if (name is null || name.Trim().Length > 100)
                throw new InputValidationException(nameof(CategoryRequest.Translations), "A translated name has at most 100 characters.");
        }
        return names;
    }

    private async Task<Category> ParentAsync(Guid parentId) =>
        await db.Set<Category>().SingleOrDefaultAsync(c => c.Id == parentId)
            ?? throw new InputValidationException(nameof(CategoryRequest.ParentId), "The parent category does not exist.");

    private async Task CheckImageAsync(string? hash)
    {
        if (hash is not null && !await media.ExistsAsync(hash))
            throw new InputValidationException(nameof(CategoryRequest.ImageHash), "No uploaded image has that hash.");
    }

    private async Task<string> FreeSlugAsync(string slug, Guid? exceptId)
    {
        if (await db.Set<Category>().AnyAsync(c => c.Slug == slug && c.Id != exceptId))
            throw new InputValidationException(nameof(CategoryRequest.Slug), $"Another category already uses the address “{slug}”.");
        return slug;
    }
}
