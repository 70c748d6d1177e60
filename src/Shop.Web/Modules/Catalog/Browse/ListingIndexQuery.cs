namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// Answers a listing from a <see cref="ListingSnapshot"/> with the same meaning as the SQL listing:
/// the same filters, each facet counted with every filter but its own, the same order and tie-breaks.
/// One pass over the candidate rows does all of it.
/// </summary>
public static class ListingIndexQuery
{
    private const int Price = 0, Brand = 1, Seller = 2, Rating = 3, Stock = 4, FirstOption = 5;

    /// <param name="textRanks">For a search: the matching products with their rank; null for a plain listing.</param>
    /// <returns>Null when fewer than <paramref name="threshold"/> products are in play (counting them live is cheap then).</returns>
    public static IndexedListing? Evaluate(ListingSnapshot s, ProductQuery query, string? categoryPath, IReadOnlyDictionary<Guid, float>? textRanks,
        string sort, int page, int pageSize, int threshold)
    {
        var prefix = categoryPath ?? "/";
        var inCategory = new bool[s.Paths.Count];
        var childOf = new string?[s.Paths.Count];
        for (var p = 0; p < s.Paths.Count; p++)
        {
            inCategory[p] = categoryPath is null || s.Paths[p].StartsWith(categoryPath, StringComparison.Ordinal);
            childOf[p] = s.Paths[p].StartsWith(prefix, StringComparison.Ordinal) ? s.Paths[p][prefix.Length..].Split('/')[0] : null;
        }
        var candidates = textRanks is null
            ? Enumerable.Range(0, s.Count)
            : textRanks.Keys.Select(id => s.RowOf.GetValueOrDefault(id, -1)).Where(row => row >= 0);
        var rows = candidates.Where(row => inCategory[s.PathOf[row]]).ToArray();
        if (rows.Length < threshold)
            return null;

        var brands = query.Brand is { Length: > 0 } ? query.Brand.Select(b => s.Brands.IndexOf(b)).ToHashSet() : null;
        var sellers = query.Seller is { Length: > 0 } ? query.Seller.ToHashSet() : null;
        var selectedOptions = query.OptionFilters.ToList();
        var optionSets = selectedOptions.Select(o => o.Value.Select(v => s.OptionTerms.IndexOf($"{o.Key}:{v}")).ToHashSet()).ToList();
        var termKey = s.OptionTerms.Select(t => t.Split(':', 2) is [var key, _] ? key : null).ToArray();
        var selectedKeyOfTerm = termKey.Select(k => selectedOptions.FindIndex(o => o.Key == k)).ToArray();
        var minimumRating = query.Rating is { } r ? (decimal)r : (decimal?)null;

        var matched = new bool[s.Count];
        var total = 0;
        var children = new Dictionary<string, int>();
        var brandCounts = new Dictionary<int, int>();
        var sellerCounts = new Dictionary<Guid, int>();
        var ratings = new int[4];
        var bands = new int[CatalogSearch.PriceBands.Length];
        var inStock = 0;
        var optionCounts = new Dictionary<int, int>();
        var passes = new bool[FirstOption + selectedOptions.Count];
        foreach (var row in rows)
        {
            passes[Price] = (query.MinPrice is not { } min || s.MinPrice[row] >= min) && (query.MaxPrice is not { } max || s.MinPrice[row] < max);
            passes[Brand] = brands is null || brands.Contains(s.BrandOf[row]);
            passes[Seller] = sellers is null || sellers.Contains(s.SellerOf[row]);
            passes[Rating] = minimumRating is null || s.Rating[row] >= minimumRating;
            passes[Stock] = query.InStock != true || s.InStock[row];
            for (var o = 0; o < optionSets.Count; o++)
                passes[FirstOption + o] = s.OptionsOf[row].Any(optionSets[o].Contains);
            var failing = 0;
            var failed = -1;
            for (var d = 0; d < passes.Length && failing < 2; d++)
                if (!passes[d])
                {
                    failing++;
                    failed = d;
                }
            if (failing > 1)
                continue;
            bool AllBut(int dimension) => failing == 0 || failed == dimension;

            if (failing == 0)
            {
                matched[row] = true;
                total++;
                if (childOf[s.PathOf[row]] is { } child)
                    children[child] = children.GetValueOrDefault(child) + 1;
            }
            if (AllBut(Brand))
                brandCounts[s.BrandOf[row]] = brandCounts.GetValueOrDefault(s.BrandOf[row]) + 1;
            if (AllBut(Seller))
                sellerCounts[s.SellerOf[row]] = sellerCounts.GetValueOrDefault(s.SellerOf[row]) + 1;
            if (AllBut(Rating))
                for (var at = 4; at >= 1; at--)
                    if (s.Rating[row] >= at)
                        ratings[4 - at]++;
            if (AllBut(Price) && Band(s.MinPrice[row]) is var band and >= 0)
                bands[band]++;
            if (AllBut(Stock) && s.InStock[row])
                inStock++;
            foreach (var term in s.OptionsOf[row])
            {
                var key = selectedKeyOfTerm[term];
                if (key < 0 ? failing == 0 : AllBut(FirstOption + key))
                    optionCounts[term] = optionCounts.GetValueOrDefault(term) + 1;
            }
        }

        var tallies = new FacetTallies(children,
            brandCounts.Select(b => (s.Brands[b.Key], b.Value)).ToList(),
            sellerCounts.Select(c => (c.Key, c.Value)).ToList(),
            ratings, bands, inStock,
            optionCounts.Where(t => termKey[t.Key] is not null)
                .GroupBy(t => termKey[t.Key]!, t => (Value: s.OptionTerms[t.Key][(termKey[t.Key]!.Length + 1)..], Count: t.Value))
                .ToDictionary(g => g.Key, g => (IReadOnlyList<(string, int)>)g.ToList()));
        return new IndexedListing(Page(s, matched, textRanks, sort, page, pageSize), total, tallies);
    }

    private static int Band(decimal price)
    {
        for (var i = 0; i < CatalogSearch.PriceBands.Length; i++)
            if ((CatalogSearch.PriceBands[i].From is not { } from || price >= from) && (CatalogSearch.PriceBands[i].To is not { } to || price < to))
                return i;
        return -1;
    }

    private static List<Guid> Page(ListingSnapshot s, bool[] matched, IReadOnlyDictionary<Guid, float>? textRanks, string sort, int page, int pageSize)
    {
        var skip = (page - 1) * pageSize;
        if (sort == ProductSort.Relevance && textRanks is not null)
        {
            var ranked = textRanks.Select(t => (Row: s.RowOf.GetValueOrDefault(t.Key, -1), Rank: t.Value)).Where(t => t.Row >= 0 && matched[t.Row]).ToList();
            ranked.Sort((a, b) => b.Rank.CompareTo(a.Rank) is var c && c != 0 ? c
                : s.Sold[b.Row].CompareTo(s.Sold[a.Row]) is var d && d != 0 ? d : s.IdKeys[a.Row].CompareTo(s.IdKeys[b.Row]));
            return ranked.Skip(skip).Take(pageSize).Select(t => s.Ids[t.Row]).ToList();
        }
        var ids = new List<Guid>(pageSize);
        var seen = 0;
        foreach (var row in s.Sorted.GetValueOrDefault(sort) ?? s.Sorted[ProductSort.Newest])
        {
            if (!matched[row] || seen++ < skip)
                continue;
            ids.Add(s.Ids[row]);
            if (ids.Count == pageSize)
                break;
        }
        return ids;
    }
}
