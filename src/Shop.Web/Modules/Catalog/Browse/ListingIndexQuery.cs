using System.Buffers;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// Answers a listing from a <see cref="ListingSnapshot"/>: filters, each facet counted with every
/// filter but its own, the order (ties broken by id) and the page. One pass over the candidate rows
/// does all of it.
/// </summary>
public static class ListingIndexQuery
{
    private const int Price = 0, Brand = 1, Seller = 2, Rating = 3, Stock = 4, FirstOption = 5;

    /// <param name="categoryPath">The materialised path of the query's category; null for no category, or for one that does not exist (nothing matches then).</param>
    /// <param name="text">For a search: the rows its words match; null for a plain listing.</param>
    public static IndexedListing Evaluate(ListingSnapshot s, ProductQuery query, string? categoryPath, TextMatches? text,
        string sort, int page, int pageSize)
    {
        var prefix = categoryPath ?? "/";
        var unknownCategory = query.Category is not null && categoryPath is null;
        var inCategory = new bool[s.Paths.Count];
        var children = new List<string>();
        var childOfPath = new int[s.Paths.Count];
        for (var p = 0; p < s.Paths.Count; p++)
        {
            inCategory[p] = !unknownCategory && (categoryPath is null || s.Paths[p].StartsWith(categoryPath, StringComparison.Ordinal));
            childOfPath[p] = -1;
            if (s.Paths[p].StartsWith(prefix, StringComparison.Ordinal))
            {
                var child = s.Paths[p][prefix.Length..].Split('/')[0];
                childOfPath[p] = children.IndexOf(child) is var known and >= 0 ? known : children.Count;
                if (childOfPath[p] == children.Count)
                    children.Add(child);
            }
        }
        var rows = new List<int>();
        if (text is null)
        {
            for (var row = 0; row < s.Count; row++)
                if (inCategory[s.PathOf[row]])
                    rows.Add(row);
        }
        else
        {
            foreach (var row in text.Rows)
                if (inCategory[s.PathOf[row]])
                    rows.Add(row);
        }

        var brands = query.Brand is { Length: > 0 } ? Flags(s.Brands.Count, query.Brand.Select(b => s.Brands.IndexOf(b))) : null;
        var sellers = query.Seller is { Length: > 0 } ? Flags(s.Sellers.Count, query.Seller.Select(id => s.Sellers.IndexOf(id))) : null;
        var selectedOptions = query.OptionFilters.ToList();
        var optionSets = selectedOptions.Select(o => Flags(s.OptionTerms.Count, o.Value.Select(v => s.OptionTerms.IndexOf($"{o.Key}:{v}")))).ToArray();
        var termKey = s.OptionTerms.Select(t => t.Split(':', 2) is [var key, _] ? key : null).ToArray();
        var selectedKeyOfTerm = termKey.Select(k => selectedOptions.FindIndex(o => o.Key == k)).ToArray();
        var minimumStars = query.Rating ?? 0;
        var hasPriceFilter = query.MinPrice is not null || query.MaxPrice is not null;

        // Rented: a fresh array this size would land on the large object heap on every request.
        var matched = ArrayPool<bool>.Shared.Rent(s.Count);
        Array.Clear(matched, 0, s.Count);
        var total = 0;
        var childCounts = new int[children.Count];
        var brandCounts = new int[s.Brands.Count];
        var sellerCounts = new int[s.Sellers.Count];
        var ratings = new int[4];
        var bands = new int[CatalogSearch.PriceBands.Length];
        var inStock = 0;
        var optionCounts = new int[s.OptionTerms.Count];
        var passes = new bool[FirstOption + optionSets.Length];
        foreach (var row in rows)
        {
            passes[Price] = !hasPriceFilter || ((query.MinPrice is not { } min || s.MinPrice[row] >= min) && (query.MaxPrice is not { } max || s.MinPrice[row] <= max));
            passes[Brand] = brands is null || brands[s.BrandOf[row]];
            passes[Seller] = sellers is null || sellers[s.SellerOf[row]];
            passes[Rating] = s.StarsOf[row] >= minimumStars;
            passes[Stock] = query.InStock != true || s.InStock[row];
            var options = s.OptionsOf[row];
            for (var o = 0; o < optionSets.Length; o++)
            {
                var any = false;
                foreach (var term in options)
                    any |= optionSets[o][term];
                passes[FirstOption + o] = any;
            }
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

            if (failing == 0)
            {
                matched[row] = true;
                total++;
                if (childOfPath[s.PathOf[row]] is var child and >= 0)
                    childCounts[child]++;
            }
            if (failing == 0 || failed == Brand)
                brandCounts[s.BrandOf[row]]++;
            if (failing == 0 || failed == Seller)
                sellerCounts[s.SellerOf[row]]++;
            if (failing == 0 || failed == Rating)
                for (var at = Math.Min(4, (int)s.StarsOf[row]); at >= 1; at--)
                    ratings[4 - at]++;
            if ((failing == 0 || failed == Price) && s.BandOf[row] >= 0)
                bands[s.BandOf[row]]++;
            if ((failing == 0 || failed == Stock) && s.InStock[row])
                inStock++;
            foreach (var term in options)
            {
                var key = selectedKeyOfTerm[term];
                if (failing == 0 || (key >= 0 && failed == FirstOption + key))
                    optionCounts[term]++;
            }
        }

        var tallies = new FacetTallies(
            children.Select((child, i) => (child, Count: childCounts[i])).Where(c => c.Count > 0).ToDictionary(c => c.child, c => c.Count),
            brandCounts.Select((count, i) => (s.Brands[i], count)).Where(b => b.count > 0).ToList(),
            sellerCounts.Select((count, i) => (s.Sellers[i], count)).Where(c => c.count > 0).ToList(),
            ratings, bands, inStock,
            optionCounts.Select((count, term) => (term, count)).Where(t => t.count > 0 && termKey[t.term] is not null)
                .GroupBy(t => termKey[t.term]!, t => (Value: s.OptionTerms[t.term][(termKey[t.term]!.Length + 1)..], Count: t.count))
                .ToDictionary(g => g.Key, g => (IReadOnlyList<(string, int)>)g.ToList()));
        var pageIds = Page(s, matched, text, sort, page, pageSize);
        ArrayPool<bool>.Shared.Return(matched);
        return new IndexedListing(pageIds, total, tallies);
    }

    /// <summary>A lookup of which of <paramref name="size"/> values are chosen (unknown values, -1, choose nothing).</summary>
    private static bool[] Flags(int size, IEnumerable<int> chosen)
    {
        var flags = new bool[size];
        foreach (var index in chosen)
            if (index >= 0)
                flags[index] = true;
        return flags;
    }

    private static List<Guid> Page(ListingSnapshot s, bool[] matched, TextMatches? text, string sort, int page, int pageSize)
    {
        var skip = (page - 1) * pageSize;
        if (sort == ProductSort.Relevance && text?.Ranks is { } ranks)
        {
            // Matches by rank, then sales, then id; only the best skip + pageSize are kept (a heap
            // whose top is the worst kept), so a broad search is not sorted whole for one page.
            var rows = text.Rows;
            var before = Comparer<int>.Create((a, b) => ranks[b].CompareTo(ranks[a]) is var c && c != 0 ? c
                : s.Sold[rows[b]].CompareTo(s.Sold[rows[a]]) is var d && d != 0 ? d : s.IdKeys[rows[a]].CompareTo(s.IdKeys[rows[b]]));
            var best = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => before.Compare(b, a)));
            for (var i = 0; i < rows.Length; i++)
            {
                if (!matched[rows[i]])
                    continue;
                if (best.Count < skip + pageSize)
                    best.Enqueue(i, i);
                else if (before.Compare(i, best.Peek()) < 0)
                    best.EnqueueDequeue(i, i);
            }
            var kept = best.UnorderedItems.Select(item => item.Element).ToArray();
            Array.Sort(kept, before);
            return kept.Skip(skip).Take(pageSize).Select(i => s.Ids[rows[i]]).ToList();
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
