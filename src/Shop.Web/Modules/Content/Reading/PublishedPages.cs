using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Content.Contracts;
using Shop.Web.Modules.Content.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Content.Reading;

/// <summary>
/// The published pages that every page's footer lists, kept in this instance's memory until a page
/// changes: saves made here drop the list at once, and the pages table's NOTIFY drops it on every
/// instance. A load that fails is not kept.
/// </summary>
public sealed class PublishedPages(IServiceScopeFactory scopes) : IShopPages
{
    private Task<IReadOnlyList<PageLink>>? published;

    public async Task<IReadOnlyList<PageLink>> PublishedAsync()
    {
        var load = published ??= LoadAsync();
        try
        {
            return await load;
        }
        catch
        {
            _ = Interlocked.CompareExchange(ref published, null, load);
            throw;
        }
    }

    /// <summary>Drops the list; a load already under way is not kept either, as it may have read the pages before the change.</summary>
    public void Invalidate() => published = null;

    private async Task<IReadOnlyList<PageLink>> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<ShopPage>().AsNoTracking()
            .Where(p => p.IsPublished).OrderBy(p => p.Title)
            .Select(p => new PageLink(p.Slug, p.Title, p.FooterColumn, p.UpdatedAt)).ToListAsync();
    }
}

/// <summary>Listens for the pages table's NOTIFY (migration V0033), and after each (re)connection, and drops the list.</summary>
internal sealed class PagesChangeListener(NpgsqlDataSource dataSource, PublishedPages pages, ILogger<PagesChangeListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PostgresNotifications.ListenAsync(dataSource, "shop_content", _ => pages.Invalidate(), logger, stoppingToken);
}
