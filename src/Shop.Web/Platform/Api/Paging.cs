using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Shop.Web.Platform.Api;

/// <summary>The page a list request asks for; bound from ?page=&amp;pageSize= on every list endpoint.</summary>
public sealed record PageRequest([Range(1, 100_000)] int Page = 1, [Range(1, 100)] int PageSize = 20)
{
    public int Skip => (Page - 1) * PageSize;
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public static class PagingExtensions
{
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new Paged<T>(items, total, page.Page, page.PageSize);
    }
}
