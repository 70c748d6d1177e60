using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Shop.Web.Platform.Api;

/// <summary>The page a list request asks for; bound from ?page=&amp;pageSize= on every list endpoint.</summary>
/// <remarks>Settable nullable properties rather than a positional record: optional query parameters,
/// and the OpenAPI generator fails on validation attributes of constructor parameters.</remarks>
public sealed record PageRequest
{
    public const int DefaultPageSize = 20;

    [Range(1, 100_000)]
    public int? Page { get; init; }

    [Range(1, 100)]
    public int? PageSize { get; init; }

    public int Number => Page ?? 1;

    public int Size => PageSize ?? DefaultPageSize;

    public int Skip => (Number - 1) * Size;

    public static PageRequest Of(int page, int pageSize) => new() { Page = Math.Max(1, page), PageSize = pageSize };
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
        var items = await query.Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken);
        return new Paged<T>(items, total, page.Number, page.Size);
    }
}

/// <summary>Enum values in query strings, written as the JSON shows them ("pendingPayment") or in any case.</summary>
public static class QueryEnum
{
    public static TEnum? Parse<TEnum>(string? value, string field) where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new Errors.InputValidationException(field,
            $"Use one of: {string.Join(", ", Enum.GetNames<TEnum>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName))}.");
}
