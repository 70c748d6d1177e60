using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Catalog.Data;

/// <summary>
/// A node of the category tree. <see cref="Path"/> lists the ids from the root down to this node
/// ("/a/b/c/"), so a whole subtree is found, or moved, with one prefix.
/// </summary>
public sealed class Category
{
    private Category() { }

    public Guid Id { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string? Description { get; private set; }
    public int SortOrder { get; private set; }
    public string? ImageHash { get; private set; }
    public string Path { get; private set; } = "";
    public int Depth { get; private set; }

    /// <summary>The name in the shop's other languages, by language code ("hi"); a language without one reads <see cref="Name"/>.</summary>
    public Dictionary<string, string> Translations { get; private set; } = [];

    public string NameIn(ShopLanguage language) => Translations.GetValueOrDefault(language.Code) ?? Name;

    /// <summary>Replaces the translated names; an empty one is dropped, so that language falls back to <see cref="Name"/>.</summary>
    public void Translate(IReadOnlyDictionary<string, string> names) =>
        Translations = names.Where(n => n.Value.Trim().Length > 0).ToDictionary(n => n.Key, n => n.Value.Trim());

    public static Category Create(string name, string slug, string? description, int sortOrder, Category? parent, DateTimeOffset now)
    {
        var category = new Category { Id = Guid.CreateVersion7(now) };
        category.Update(name, slug, description, sortOrder, null);
        category.Place(parent);
        return category;
    }

    public void Update(string name, string slug, string? description, int sortOrder, string? imageHash)
    {
        Name = name.Trim();
        Slug = slug;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        SortOrder = sortOrder;
        ImageHash = imageHash;
    }

    /// <summary>Where this node's subtree moves from and to; the caller rewrites the descendants' paths.</summary>
    public (string OldPath, string NewPath, int DepthChange) MoveUnder(Category? parent)
    {
        if (parent is not null && parent.Path.StartsWith(Path, StringComparison.Ordinal))
            throw new ConflictException("category.cycle", "A category cannot move into itself or one of its own subcategories.");
        var (oldPath, oldDepth) = (Path, Depth);
        Place(parent);
        return (oldPath, Path, Depth - oldDepth);
    }

    private void Place(Category? parent)
    {
        ParentId = parent?.Id;
        Path = (parent?.Path ?? "/") + Id.ToString("N") + "/";
        Depth = (parent?.Depth + 1) ?? 0;
    }
}
