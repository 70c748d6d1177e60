using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Modules.Content.Contracts;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Content.Data;

/// <summary>What an admin writes on a page: its title, its address under /pages/, its Markdown text and where it shows.</summary>
public sealed record PageContent(string Title, string Slug, string Body, FooterColumn FooterColumn, bool IsPublished);

/// <summary>One of the shop's own pages (about, shipping, returns, ...): Markdown shown at /pages/{slug} once published.</summary>
public sealed class ShopPage
{
    public const int TitleMaxLength = 120;
    public const int SlugMaxLength = 80;
    public const int BodyMaxLength = 100_000;
    public const string SlugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    private ShopPage() { }

    public Guid Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public FooterColumn FooterColumn { get; private set; }
    public bool IsPublished { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static ShopPage Create(PageContent content, DateTimeOffset now)
    {
        var page = new ShopPage { Id = Guid.CreateVersion7(), CreatedAt = now };
        page.Change(content, now);
        return page;
    }

    public void Change(PageContent content, DateTimeOffset now)
    {
        Title = content.Title.Trim();
        Slug = content.Slug.Trim();
        Body = content.Body.Trim();
        FooterColumn = content.FooterColumn;
        IsPublished = content.IsPublished;
        UpdatedAt = now;
    }
}

internal sealed class ShopPageConfiguration : IEntityTypeConfiguration<ShopPage>
{
    public void Configure(EntityTypeBuilder<ShopPage> builder)
    {
        builder.ToTable("pages", "content");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Slug).HasMaxLength(ShopPage.SlugMaxLength);
        builder.Property(p => p.Title).HasMaxLength(ShopPage.TitleMaxLength);
        builder.Property(p => p.FooterColumn).IsLowercaseName();
        builder.HasIndex(p => p.Slug).IsUnique();
    }
}
