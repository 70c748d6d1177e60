using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Shop.Web.Modules.Catalog.Categories;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Media;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Catalog.Demo;

/// <summary>
/// Fills the catalog with believable demo products, their variants, pictures and stock. Rows go in
/// with PostgreSQL's binary COPY in batches, so 100,000 products take minutes, not hours; the
/// same generator (fixed random seed) makes the small demo store and the large benchmark catalog.
/// </summary>
public sealed class CatalogSeeder(
    NpgsqlDataSource dataSource,
    CategoryTree categories,
    ISellerDirectory sellers,
    IOptions<StorefrontSettings> store,
    MediaStore media,
    IOpeningStockLoader stock,
    TimeProvider clock)
{
    private const int BatchSize = 2_000;

    private sealed record LeafCategory(DemoCatalog.Leaf Leaf, Guid Id, string Path, string Names, Guid SellerId);

    public async Task<int> SeedAsync(int count, TextWriter output, CancellationToken cancellationToken)
    {
        var leaves = await EnsureCategoriesAsync();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var start = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM catalog.products");
        var random = new Random(20261121 + (int)start);
        var watch = Stopwatch.StartNew();
        var drawn = new Dictionary<string, string>();
        for (var done = 0; done < count;)
        {
            var batch = Math.Min(BatchSize, count - done);
            var products = Enumerable.Range(0, batch).Select(i => Generate(random, leaves, start + done + i)).ToList();
            var drawings = products.SelectMany(p => p.Pictures).Select(p => p.Svg).Where(svg => !drawn.ContainsKey(svg)).Distinct().ToList();
            foreach (var (svg, hash) in drawings.Zip(await media.SaveDrawingsAsync(drawings, cancellationToken)))
                drawn[svg] = hash;
            foreach (var picture in products.SelectMany(p => p.Pictures))
                picture.Hash = drawn[picture.Svg];
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await CopyAsync(connection, products, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            done += batch;
            ProgressBar.Write(output, "Products", done, count, watch.Elapsed);
        }
        await output.WriteLineAsync();
        await connection.ExecuteAsync("""
            INSERT INTO catalog.search_terms (term)
            SELECT DISTINCT lower(word) FROM catalog.products, regexp_split_to_table(title || ' ' || brand, '[^[:alnum:]]+') AS word
             WHERE length(word) BETWEEN 3 AND 40
            ON CONFLICT DO NOTHING
            """, commandTimeout: 600);
        await connection.ExecuteAsync("ANALYZE catalog.products; ANALYZE catalog.variants;", commandTimeout: 600);
        await stock.AnalyzeAsync(connection, cancellationToken);
        return count;
    }

    private async Task<IReadOnlyList<LeafCategory>> EnsureCategoriesAsync()
    {
        var shops = (await sellers.AllAsync()).ToDictionary(s => s.ShopName);
        if (shops.Count == 0)
            throw new RuleViolationException("seed.no_sellers", "There are no approved sellers to own the demo products. Run setup with Demo:Accounts=true first.");
        var fallback = shops.Values.First();
        var order = 0;
        foreach (var (name, description) in DemoCatalog.Roots)
            await EnsureAsync(name, description, null, order++);
        var result = new List<LeafCategory>();
        foreach (var leaf in DemoCatalog.Leaves)
        {
            Category? parent = null;
            foreach (var name in leaf.Path.Split('/'))
                parent = await EnsureAsync(name, null, parent, order++);
            var seller = shops.GetValueOrDefault(leaf.SellerShop) ?? fallback;
            var (path, names) = await categories.PlacementAsync(parent!.Id);
            result.Add(new LeafCategory(leaf, parent.Id, path, names, seller.SellerId));
        }
        return result;

        async Task<Category> EnsureAsync(string name, string? description, Category? parent, int sortOrder)
        {
            var slug = parent is null ? Slugs.From(name) : $"{parent.Slug}-{Slugs.From(name)}";
            return await categories.FindBySlugAsync(slug)
                ?? await categories.CreateAsync(new CategoryRequest { Name = name, Slug = slug, Description = description, ParentId = parent?.Id, SortOrder = sortOrder });
        }
    }

    private sealed record SeedVariant(Guid Id, string Sku, Dictionary<string, string> Options, decimal Price, decimal? CompareAt, int Weight, int Stock);

    private sealed record SeedProduct(Guid Id, LeafCategory Category, string Title, string Slug, string Brand, string Description,
        Dictionary<string, string> Attributes, List<SeedVariant> Variants, List<SeedPicture> Pictures, DateTimeOffset CreatedAt);

    private sealed record SeedPicture(string Svg, string AltText)
    {
        public string Hash { get; set; } = "";
    }

    private SeedProduct Generate(Random random, IReadOnlyList<LeafCategory> leaves, long sequence)
    {
        var category = leaves[(int)(sequence % leaves.Count)];
        var leaf = category.Leaf;
        var brand = leaf.Brands[random.Next(leaf.Brands.Length)];
        var noun = leaf.Nouns[random.Next(leaf.Nouns.Length)];
        var adjective = DemoCatalog.Adjectives[random.Next(DemoCatalog.Adjectives.Length)];
        var model = $"{(char)('A' + random.Next(26))}{random.Next(10, 99)}";
        var title = $"{brand} {adjective} {noun} {model}";
        var created = clock.GetUtcNow().AddMinutes(-random.Next(0, 60 * 24 * 180));
        var id = Guid.CreateVersion7(created);
        var basePrice = RoundPrice(leaf.MinPrice + (decimal)Math.Pow(random.NextDouble(), 2) * (leaf.MaxPrice - leaf.MinPrice));
        var skuStem = $"{Slugs.From(brand, 6).ToUpperInvariant().Replace("-", "")}-{sequence:X6}";
        var variants = Options(leaf.Options, random).Select((options, i) =>
        {
            var price = RoundPrice(basePrice * (1 + i * 0.08m));
            // Some sold out, some nearly (so "only a few left" and the low-stock lists have something true to say).
            var stock = random.Next(100) switch { < 8 => 0, < 16 => random.Next(1, 5), _ => random.Next(5, 120) };
            decimal? compareAt = random.Next(3) == 0 ? RoundPrice(price * 1.25m) : null;
            return new SeedVariant(Guid.CreateVersion7(created), $"{skuStem}-{i + 1}", options, price, compareAt, random.Next(100, 3000), stock);
        }).ToList();
        var description = $"""
            The **{title}** from {brand}: {adjective.ToLowerInvariant()} quality for every day.

            - {leaf.Material}
            - Sold by a verified seller, shipped across India
            - Easy 7-day returns

            Model {model}. Pictures are for illustration.
            """;
        return new SeedProduct(id, category, title, $"{Slugs.From(title)}-{sequence:x}", brand, description,
            new Dictionary<string, string> { ["Material"] = leaf.Material, ["Model"] = model }, variants,
            Pictures(title, noun, variants, DemoCatalog.Colours[random.Next(DemoCatalog.Colours.Length)]), created);
    }

    /// <summary>
    /// A front view per colour the product comes in (its description names the colour, which is how a variant
    /// finds its picture), then a close-up and a shelf view of the first.
    /// </summary>
    private static List<SeedPicture> Pictures(string title, string noun, List<SeedVariant> variants, string defaultColour)
    {
        var colours = variants.Select(v => v.Options.GetValueOrDefault("colour")).OfType<string>().Distinct().ToList();
        var pictures = colours.Select(colour => new SeedPicture(DemoPictures.Draw(noun, colour, DemoPictures.View.Front), $"{title} in {colour}")).ToList();
        var first = colours.FirstOrDefault() ?? defaultColour;
        if (colours.Count == 0)
            pictures.Add(new SeedPicture(DemoPictures.Draw(noun, first, DemoPictures.View.Front), title));
        pictures.Add(new SeedPicture(DemoPictures.Draw(noun, first, DemoPictures.View.CloseUp), $"{title}, close-up"));
        pictures.Add(new SeedPicture(DemoPictures.Draw(noun, first, DemoPictures.View.Shelf), $"{title} on a shelf"));
        return pictures;
    }

    private static IEnumerable<Dictionary<string, string>> Options(DemoCatalog.OptionSet set, Random random)
    {
        string[] Pick(string[] from, int count) => from.OrderBy(_ => random.Next()).Take(count).ToArray();
        return set switch
        {
            DemoCatalog.OptionSet.ClothingSizeColour =>
                from colour in Pick(DemoCatalog.Colours, 2) from size in new[] { "S", "M", "L", "XL" }
                select new Dictionary<string, string> { ["colour"] = colour, ["size"] = size },
            DemoCatalog.OptionSet.ShoeSize => new[] { "6", "7", "8", "9", "10" }.Select(size => new Dictionary<string, string> { ["size"] = $"UK {size}" }),
            DemoCatalog.OptionSet.Storage =>
                from storage in new[] { "128 GB", "256 GB" } from colour in Pick(DemoCatalog.Colours, 2)
                select new Dictionary<string, string> { ["storage"] = storage, ["colour"] = colour },
            DemoCatalog.OptionSet.Colour => Pick(DemoCatalog.Colours, 3).Select(colour => new Dictionary<string, string> { ["colour"] = colour }),
            DemoCatalog.OptionSet.Volume => new[] { "Small", "Large" }.Select(size => new Dictionary<string, string> { ["size"] = size }),
            _ => [new Dictionary<string, string>()],
        };
    }

    private async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<SeedProduct> products, CancellationToken cancellationToken)
    {
        var currency = store.Value.Currency;
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY catalog.products (id, seller_id, category_id, title, slug, brand, description, attributes, translations, status, currency, min_price, max_price,
                                   in_stock, rating_average, rating_count, sold_count, primary_image, category_names, category_path, option_values, created_at, updated_at) FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var p in products)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(p.Category.SellerId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(p.Category.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(p.Title, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(p.Slug, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(p.Brand, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(p.Description, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(JsonSerializer.Serialize(p.Attributes), NpgsqlDbType.Jsonb, cancellationToken);
                await writer.WriteAsync("{}", NpgsqlDbType.Jsonb, cancellationToken);
                await writer.WriteAsync("active", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(currency, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(p.Variants.Min(v => v.Price), NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(p.Variants.Max(v => v.Price), NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(p.Variants.Any(v => v.Stock > 0), NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(0m, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(p.Pictures[0].Hash, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(p.Category.Names, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(p.Category.Path, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(Product.OptionValuesOf(p.Variants.Select(v => (IReadOnlyDictionary<string, string>)v.Options)), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY catalog.variants (id, product_id, sku, options, price, compare_at_price, weight_grams, position) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var p in products)
            {
                for (var position = 0; position < p.Variants.Count; position++)
                {
                    var v = p.Variants[position];
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(v.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(v.Sku, NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(JsonSerializer.Serialize(v.Options), NpgsqlDbType.Jsonb, cancellationToken);
                    await writer.WriteAsync(v.Price, NpgsqlDbType.Numeric, cancellationToken);
                    if (v.CompareAt is { } compareAt)
                        await writer.WriteAsync(compareAt, NpgsqlDbType.Numeric, cancellationToken);
                    else
                        await writer.WriteNullAsync(cancellationToken);
                    await writer.WriteAsync(v.Weight, NpgsqlDbType.Integer, cancellationToken);
                    await writer.WriteAsync(position, NpgsqlDbType.Integer, cancellationToken);
                }
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY catalog.product_images (id, product_id, media_hash, alt_text, position) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var p in products)
            {
                for (var position = 0; position < p.Pictures.Count; position++)
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(Guid.CreateVersion7(p.CreatedAt), NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(p.Pictures[position].Hash, NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(p.Pictures[position].AltText, NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(position, NpgsqlDbType.Integer, cancellationToken);
                }
            }
            await writer.CompleteAsync(cancellationToken);
        }
        var opening = products.SelectMany(p => p.Variants.Select(v => new OpeningStock(v.Id, p.Id, p.Category.SellerId, v.Sku, v.Stock, LowStockThreshold: 5))).ToList();
        await stock.LoadAsync(connection, opening, "Opening stock (demo data)", cancellationToken);
    }

    private static decimal RoundPrice(decimal price) => Math.Max(9, Math.Round(price / 10m) * 10m - 1);
}
