using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Catalog.Data;

internal static class CatalogSchema
{
    public const string Name = "catalog";
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories", CatalogSchema.Name);
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Slug).HasMaxLength(120);
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.Property(c => c.ImageHash).HasMaxLength(64);
        builder.Property(c => c.Path).HasMaxLength(1000);
        builder.Property(c => c.Translations).IsJson();
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasIndex(c => c.Path).HasOperators("varchar_pattern_ops");
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products", CatalogSchema.Name);
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Slug).HasMaxLength(220);
        builder.Property(p => p.Brand).HasMaxLength(100);
        builder.Property(p => p.Description).HasMaxLength(20000);
        builder.Property(p => p.Attributes).IsJson();
        builder.Property(p => p.Translations).IsJson();
        builder.Property(p => p.Status).IsLowercaseName();
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.MinPrice).HasPrecision(12, 2);
        builder.Property(p => p.MaxPrice).HasPrecision(12, 2);
        builder.Property(p => p.RatingAverage).HasPrecision(3, 2);
        builder.Property(p => p.PrimaryImage).HasMaxLength(64);
        builder.Property(p => p.CategoryNames).HasMaxLength(1000);
        builder.Property(p => p.CategoryPath).HasMaxLength(1000);
        builder.Property(p => p.SearchVector).HasComputedColumnSql("""
            setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
            setweight(to_tsvector('simple', jsonb_path_query_array(translations, '$.*.Title')::text), 'A') ||
            setweight(to_tsvector('english', coalesce(brand, '')), 'B') ||
            setweight(to_tsvector('english', coalesce(category_names, '')), 'C') ||
            setweight(to_tsvector('english', left(coalesce(description, ''), 4000)), 'D') ||
            setweight(to_tsvector('simple', left(jsonb_path_query_array(translations, '$.*.Description')::text, 4000)), 'D')
            """, stored: true);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasIndex(p => p.CategoryId);
        builder.HasIndex(p => p.SellerId);
        builder.HasIndex(p => p.SearchVector).HasMethod("gin");
        builder.HasIndex(p => p.Title, "ix_products_title_trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(p => p.Brand, "ix_products_brand_trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(p => new { p.CreatedAt, p.Id }, "ix_products_active_created").IsDescending(true, false).HasFilter("status = 'active'");
        builder.HasIndex(p => new { p.MinPrice, p.Id }, "ix_products_active_price").HasFilter("status = 'active'");
        builder.HasIndex(p => new { p.CategoryId, p.CreatedAt }, "ix_products_active_category_created").IsDescending(false, true).HasFilter("status = 'active'");
        builder.HasIndex(p => new { p.CategoryPath, p.CreatedAt }, "ix_products_active_category_path").IsDescending(false, true)
            .HasOperators("varchar_pattern_ops", null!).HasFilter("status = 'active'")
            .IncludeProperties(p => new { p.Brand, p.SellerId, p.MinPrice, p.InStock, p.RatingAverage, p.OptionValues });
        builder.HasIndex(p => p.OptionValues).HasMethod("gin");
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Images).WithOne().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Variants).AutoInclude(false);
    }
}

internal sealed class VariantConfiguration : IEntityTypeConfiguration<Variant>
{
    public void Configure(EntityTypeBuilder<Variant> builder)
    {
        builder.ToTable("variants", CatalogSchema.Name);
        builder.HasKey(v => v.Id);
        // Ids are made by the entity (v7 GUIDs); new ones found through a navigation must be inserted.
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Sku).HasMaxLength(64);
        builder.Property(v => v.Options).IsJson();
        builder.Property(v => v.Price).HasPrecision(12, 2);
        builder.Property(v => v.CompareAtPrice).HasPrecision(12, 2);
        builder.Ignore(v => v.Label);
        builder.HasIndex(v => v.Sku).IsUnique();
        builder.HasIndex(v => new { v.ProductId, v.Options }).IsUnique();
        builder.HasIndex(v => v.Options).HasMethod("gin").HasOperators("jsonb_path_ops");
    }
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> builder)
    {
        builder.ToTable("product_images", CatalogSchema.Name);
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.MediaHash).HasMaxLength(64);
        builder.Property(i => i.AltText).HasMaxLength(ProductImage.MaxAltText);
    }
}

/// <summary>A word that occurs in product titles or brands; the vocabulary search corrects typos against.</summary>
public sealed class SearchTerm
{
    public string Term { get; private set; } = "";
}

internal sealed class SearchTermConfiguration : IEntityTypeConfiguration<SearchTerm>
{
    public void Configure(EntityTypeBuilder<SearchTerm> builder)
    {
        builder.ToTable("search_terms", CatalogSchema.Name);
        builder.HasKey(t => t.Term);
        builder.Property(t => t.Term).HasMaxLength(40);
        builder.HasIndex(t => t.Term, "ix_search_terms_trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
