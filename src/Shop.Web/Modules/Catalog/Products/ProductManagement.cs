using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Web.Modules.Catalog.Categories;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Media;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Catalog.Products;

/// <summary>
/// Who manages products: a seller (only their own) or an admin (any). A product outside the
/// actor's reach is simply not found, so its existence does not leak.
/// </summary>
public sealed record CatalogActor(Guid UserId, bool IsAdmin)
{
    internal Guid? SellerScope => IsAdmin ? null : UserId;
}

public sealed class ProductListFilter
{
    [MaxLength(100)]
    public string? Q { get; init; }

    public ProductStatus? Status { get; init; }

    public Guid? CategoryId { get; init; }
}

/// <summary>Creating, editing, publishing and archiving products, with their variants, images and opening stock.</summary>
public sealed class ProductManagement(
    ShopDbContext db,
    CategoryTree categories,
    IInventory inventory,
    MediaStore media,
    IOutbox outbox,
    IOptions<StorefrontSettings> store,
    Browse.CatalogCache cache,
    TimeProvider clock)
{
    private IQueryable<Product> Reachable(CatalogActor actor) =>
        db.Set<Product>().Where(p => actor.SellerScope == null || p.SellerId == actor.SellerScope);

    public async Task<Paged<ProductSummary>> ListAsync(CatalogActor actor, ProductListFilter filter, PageRequest page)
    {
        var query = Reachable(actor).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var pattern = $"%{filter.Q.Trim()}%";
            query = query.Where(p => EF.Functions.ILike(p.Title, pattern) || EF.Functions.ILike(p.Brand, pattern) || p.Variants.Any(v => EF.Functions.ILike(v.Sku, pattern)));
        }
        if (filter.Status is { } status)
            query = query.Where(p => p.Status == status);
        if (filter.CategoryId is { } categoryId)
            query = query.Where(p => p.CategoryId == categoryId);
        return await query.OrderByDescending(p => p.UpdatedAt)
            .Select(p => new ProductSummary(p.Id, p.Title, p.Slug, p.Brand, p.Status, p.Currency, p.MinPrice, p.MaxPrice, p.InStock,
                p.PrimaryImage == null ? null : "/media/" + p.PrimaryImage, p.Variants.Count, p.UpdatedAt))
            .ToPagedAsync(page);
    }

    public async Task<ManagedProduct?> GetAsync(CatalogActor actor, Guid id)
    {
        var product = await Reachable(actor).AsNoTracking().Include(p => p.Variants).Include(p => p.Images).SingleOrDefaultAsync(p => p.Id == id);
        return product is null ? null : await ViewAsync(product);
    }

    public async Task<ManagedProduct?> FindBySlugAsync(CatalogActor actor, string slug)
    {
        var id = await Reachable(actor).Where(p => p.Slug == slug).Select(p => (Guid?)p.Id).SingleOrDefaultAsync();
        return id is null ? null : await GetAsync(actor, id.Value);
    }

    public async Task<ManagedProduct> CreateAsync(CatalogActor actor, ProductRequest request)
    {
        var product = Product.Create(actor.UserId, store.Value.Currency, clock.GetUtcNow());
        db.Add(product);
        return await SaveAsync(product, request, actor);
    }

    public async Task<ManagedProduct?> UpdateAsync(CatalogActor actor, Guid id, ProductRequest request)
    {
        var product = await Reachable(actor).Include(p => p.Variants).Include(p => p.Images).SingleOrDefaultAsync(p => p.Id == id);
        return product is null ? null : await SaveAsync(product, request, actor);
    }

    public async Task<ManagedProduct?> SetStatusAsync(CatalogActor actor, Guid id, ProductStatus status)
    {
        var product = await Reachable(actor).Include(p => p.Variants).Include(p => p.Images).SingleOrDefaultAsync(p => p.Id == id);
        if (product is null)
            return null;
        product.SetStatus(status, clock.GetUtcNow());
        outbox.Add(new ProductUpdated(product.Id, product.SellerId));
        await db.SaveChangesAsync();
        cache.Invalidate();
        return await ViewAsync(product);
    }

    /// <summary>Sets the gallery (first picture is the primary one) without touching anything else.</summary>
    public async Task<ManagedProduct?> SetImagesAsync(CatalogActor actor, Guid id, IReadOnlyList<(string Hash, string? AltText)> images)
    {
        var product = await Reachable(actor).Include(p => p.Variants).Include(p => p.Images).SingleOrDefaultAsync(p => p.Id == id);
        if (product is null)
            return null;
        foreach (var (hash, altText) in images)
        {
            if (!await media.ExistsAsync(hash))
                throw new InputValidationException("Images", $"No uploaded image has the hash {hash}.");
            if (altText?.Trim().Length > ProductImage.MaxAltText)
                throw new InputValidationException("AltText", $"Describe the picture in at most {ProductImage.MaxAltText} characters.");
        }
        product.SetImages(images, clock.GetUtcNow());
        outbox.Add(new ProductUpdated(product.Id, product.SellerId));
        await db.SaveChangesAsync();
        cache.Invalidate();
        return await ViewAsync(product);
    }

    /// <summary>The request's texts for the shop's other languages, leaving out languages with nothing written.</summary>
    private static Dictionary<string, ProductText> Translations(ProductRequest request)
    {
        foreach (var (code, text) in request.Translations)
        {
            if (ShopLanguages.Find(code) is not { } language || language.Code != code || language == ShopLanguages.Default)
                throw new InputValidationException("Translations", $"“{code}” is not one of the shop's other languages ({string.Join(", ", ShopLanguages.All.Skip(1).Select(l => l.Code))}).");
            if (text.Title.Trim().Length > 200 || text.Description.Trim().Length > 20000)
                throw new InputValidationException("Translations", "A translated title has at most 200 characters and a description at most 20,000.");
        }
        return request.Translations.Where(t => t.Value.Title.Trim().Length > 0 || t.Value.Description.Trim().Length > 0)
            .ToDictionary(t => t.Key, t => new ProductText { Title = t.Value.Title, Description = t.Value.Description });
    }

    private async Task<ManagedProduct> SaveAsync(Product product, ProductRequest request, CatalogActor actor)
    {
        var now = clock.GetUtcNow();
        var (categoryPath, categoryNames) = await categories.PlacementAsync(request.CategoryId!.Value);
        foreach (var image in request.Images)
            if (!await media.ExistsAsync(image.Hash))
                throw new InputValidationException("Images", $"No uploaded image has the hash {image.Hash}.");
        await RefuseRemovingHeldVariantsAsync(product, request);

        var slug = await FreeSlugAsync(request.Slug ?? Slugs.From(request.Title), product.Id, generated: request.Slug is null);
        product.Describe(request.Title, slug, request.Brand, request.Description, request.CategoryId.Value, categoryNames, categoryPath, request.Attributes,
            Translations(request), now);
        var existingVariants = product.Variants.Select(v => v.Id).ToHashSet();
        product.SetVariants(request.Variants.Select(v => new VariantSpec(v.Id, v.Sku, v.Options, v.Price, v.CompareAtPrice, v.WeightGrams)).ToList(), now);
        product.SetImages(request.Images.Select(i => (i.Hash, i.AltText)).ToList(), now);
        product.SetStatus(request.Status, now);
        outbox.Add(new ProductUpdated(product.Id, product.SellerId));

        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw unique.ConstraintName switch
            {
                "ix_variants_sku" => new InputValidationException("Variants", "One of the SKUs is already used by another product."),
                "ix_products_slug" => new InputValidationException(nameof(ProductRequest.Slug), "Another product already uses this address."),
                _ => new ConflictException("product.changed", "The product was changed at the same moment elsewhere. Please try again."),
            };
        }
        foreach (var variant in product.Variants.Where(v => !existingVariants.Contains(v.Id)))
        {
            var spec = request.Variants[variant.Position];
            await inventory.TrackAsync(variant.Id, product.Id, product.SellerId, variant.Sku, spec.Stock, spec.LowStockThreshold, actor.UserId);
        }
        var levels = await inventory.LevelsAsync(product.Variants.Select(v => v.Id).ToList());
        product.InStock = levels.Values.Any(l => l.Available > 0);
        await db.SaveChangesAsync();
        await RecordSearchTermsAsync(product, transaction.GetDbTransaction());
        await transaction.CommitAsync();
        cache.Invalidate();
        return await ViewAsync(product);
    }

    private async Task RefuseRemovingHeldVariantsAsync(Product product, ProductRequest request)
    {
        var removed = product.Variants.Where(v => request.Variants.All(r => r.Id != v.Id)).ToList();
        if (removed.Count == 0)
            return;
        var held = (await inventory.LevelsAsync(removed.Select(v => v.Id).ToList())).Values.Where(l => l.Reserved > 0).ToList();
        if (held.Count > 0)
            throw new ConflictException("variant.held", $"{string.Join(", ", held.Select(h => h.Sku))} cannot be removed while orders hold its stock.");
    }

    private Task RecordSearchTermsAsync(Product product, System.Data.Common.DbTransaction transaction) =>
        db.Database.GetDbConnection().ExecuteAsync("""
            INSERT INTO catalog.search_terms (term)
            SELECT DISTINCT lower(word) FROM regexp_split_to_table(@text, '[^[:alnum:]]+') AS word
             WHERE length(word) BETWEEN 3 AND 40
            ON CONFLICT DO NOTHING
            """, new { text = $"{product.Title} {product.Brand}" }, transaction);

    private async Task<string> FreeSlugAsync(string slug, Guid productId, bool generated)
    {
        if (!await db.Set<Product>().AnyAsync(p => p.Slug == slug && p.Id != productId))
            return slug;
        if (!generated)
            throw new InputValidationException(nameof(ProductRequest.Slug), "Another product already uses this address.");
        return $"{slug}-{productId.ToString("N")[^6..]}";
    }

    private async Task<ManagedProduct> ViewAsync(Product product)
    {
        var levels = await inventory.LevelsAsync(product.Variants.Select(v => v.Id).ToList());
        var variants = product.Variants.OrderBy(v => v.Position).Select(v =>
        {
            var level = levels.GetValueOrDefault(v.Id);
            return new VariantView(v.Id, v.Sku, v.Options, v.Price, v.CompareAtPrice, v.WeightGrams,
                level?.Available ?? 0, level?.OnHand ?? 0, level?.Reserved ?? 0, level?.LowStockThreshold ?? 0);
        }).ToList();
        return new ManagedProduct(product.Id, product.SellerId, product.Title, product.Slug, product.Brand, product.Description, product.CategoryId,
            product.Status, product.Attributes, product.Currency, product.MinPrice, product.MaxPrice, product.InStock, variants,
            product.Images.OrderBy(i => i.Position).Select(i => i.View()).ToList(), product.CreatedAt, product.UpdatedAt, product.Translations);
    }
}
