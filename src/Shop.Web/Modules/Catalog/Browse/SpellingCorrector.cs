using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// "iphnoe" → "iphone": each query word missing from the catalog's vocabulary is replaced by the
/// closest known word, found by trigram similarity and accepted only within a small edit distance
/// (transpositions count once), so unrelated words are never substituted.
/// </summary>
public sealed partial class SpellingCorrector
{
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    public async Task<string?> CorrectAsync(NpgsqlConnection connection, string query)
    {
        var words = Word().Matches(query.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count == 0)
            return null;
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET LOCAL pg_trgm.similarity_threshold = 0.2", transaction: transaction);
        var changed = false;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length < 3 || await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM catalog.search_terms WHERE term = @word)", new { word }, transaction))
                continue;
            var candidates = await connection.QueryAsync<string>(
                "SELECT term FROM catalog.search_terms WHERE term % @word ORDER BY similarity(term, @word) DESC, term LIMIT 10", new { word }, transaction);
            var allowed = word.Length <= 4 ? 1 : 2;
            var best = candidates.Select(c => (Term: c, Distance: EditDistance(word, c))).Where(c => c.Distance <= allowed).OrderBy(c => c.Distance).FirstOrDefault();
            if (best.Term is not null)
            {
                words[i] = best.Term;
                changed = true;
            }
        }
        await transaction.CommitAsync();
        return changed ? string.Join(' ', words) : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
