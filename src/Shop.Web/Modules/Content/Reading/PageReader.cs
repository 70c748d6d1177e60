using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Content.Contracts;
using Shop.Web.Modules.Content.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Text;

namespace Shop.Web.Modules.Content.Reading;

/// <summary>A page as shoppers read it: its Markdown, that Markdown made safe HTML, and a summary for search engines.</summary>
public sealed record PageView(string Slug, string Title, string Markdown, string Html, string Summary, FooterColumn FooterColumn, DateTimeOffset UpdatedAt)
{
    internal static PageView From(ShopPage page) => new(page.Slug, page.Title, page.Body, SafeMarkdown.ToHtml(page.Body, shopAuthored: true),
        SafeMarkdown.ToPlainText(page.Body), page.FooterColumn, page.UpdatedAt);
}

public sealed class PageReader(ShopDbContext db)
{
    /// <summary>The published page at /pages/{slug}, or null (drafts are the admins' until published).</summary>
    public async Task<PageView?> PublishedAsync(string slug) =>
        await db.Set<ShopPage>().AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug && p.IsPublished) is { } page ? PageView.From(page) : null;
}
