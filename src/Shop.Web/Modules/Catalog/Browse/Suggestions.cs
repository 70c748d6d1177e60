using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Shop.Web.Modules.Catalog.Contracts;

namespace Shop.Web.Modules.Catalog.Browse;

public sealed record Suggestion(string Kind, string Text, string Url);

/// <summary>What to offer while a shopper types: matching products by word prefix, then categories and brands.</summary>
public sealed partial class Suggestions(NpgsqlDataSource dataSource, SpellingCorrector spelling, CatalogCache cache)
{
    /// <summary>A word, with the vowel signs Devanagari writes as combining marks.</summary>
    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex Word();

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string? query, CancellationToken cancellationToken = default)
    {
        var words = Word().Matches(query ?? "").Select(m => m.Value.ToLowerInvariant()).Take(6).ToList();
        if (words.Count == 0 || words.Sum(w => w.Length) < 2)
            return [];
        var found = await cache.GetOrAddAsync("suggest", string.Join(' ', words), () => LoadAsync(words, cancellationToken));
        return found.Select(f => new Suggestion(f.Kind, ProductTitles.ForReader(f.Text, f.HindiText), f.Url)).ToList();
    }

    /// <summary>A suggestion as cached for readers of every language: a product or category keeps its Hindi name beside the default one.</summary>
    private sealed record Found(string Kind, string Text, string? HindiText, string Url);

    private async Task<IReadOnlyList<Found>> LoadAsync(List<string> words, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var suggestions = await FindAsync(connection, words, cancellationToken);
        if (suggestions.Count == 0 && await spelling.CorrectAsync(connection, string.Join(' ', words)) is { } corrected)
            suggestions = await FindAsync(connection, Word().Matches(corrected).Select(m => m.Value).ToList(), cancellationToken);
        return suggestions;
    }

    private static async Task<List<Found>> FindAsync(NpgsqlConnection connection, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        // Every word must match, the last one as a prefix of a word in the product.
        var prefixQuery = string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? $"{w}:*" : w));
        // A short prefix can match thousands of products: rank only the best-selling few hundred.
        var products = await connection.QueryAsync<(string Title, string? HindiTitle, string Slug)>(new CommandDefinition("""
            SELECT title, translations -> 'hi' ->> 'Title', slug FROM (
                SELECT title, translations, slug, sold_count, search_vector FROM catalog.products
                 WHERE status = 'active' AND search_vector @@ to_tsquery('english', @prefixQuery)
                 ORDER BY sold_count DESC, id
                 LIMIT 200) best
             ORDER BY ts_rank_cd(search_vector, to_tsquery('english', @prefixQuery), 1) DESC, sold_count DESC, title
             LIMIT 6
            """, new { prefixQuery }, cancellationToken: cancellationToken));
        var phrase = string.Join(' ', words);
        var categories = await connection.QueryAsync<(string Name, string? HindiName, string Slug)>(new CommandDefinition("""
            SELECT name, translations ->> 'hi', slug FROM catalog.categories
             WHERE name ILIKE @pattern OR name ILIKE @wordPattern OR translations ->> 'hi' ILIKE @pattern OR translations ->> 'hi' ILIKE @wordPattern
             ORDER BY depth, name LIMIT 3
            """,
            new { pattern = phrase + "%", wordPattern = "% " + phrase + "%" }, cancellationToken: cancellationToken));
        var brands = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT brand FROM catalog.products WHERE status = 'active' AND brand ILIKE @pattern ORDER BY brand LIMIT 3",
            new { pattern = phrase + "%" }, cancellationToken: cancellationToken));
        return products.Select(p => new Found("product", p.Title, p.HindiTitle, $"/p/{p.Slug}"))
            .Concat(categories.Select(c => new Found("category", c.Name, c.HindiName, $"/c/{c.Slug}")))
            .Concat(brands.Select(b => new Found("brand", b, null, $"/search?brand={Uri.EscapeDataString(b)}")))
            .ToList();
    }
}
