using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Catalog;

/// <summary>Search and facets over a small catalog built for the purpose (own database).</summary>
public sealed class SearchTests(SearchTests.Catalog fixture) : IClassFixture<SearchTests.Catalog>
{
    public sealed class Catalog : ShopAppFactory
    {
        public string Phones { get; private set; } = "";
        public string Audio { get; private set; } = "";
        public string SecondSellerId { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var catalog = await CatalogClient.CreateAsync(this);
            var electronics = await catalog.CategoryAsync("Electronics");
            var phones = await catalog.CategoryAsync("Phones", electronics.GetProperty("id").GetString());
            var audio = await catalog.CategoryAsync("Audio", electronics.GetProperty("id").GetString());
            (Phones, Audio) = (phones.GetProperty("slug").GetString()!, audio.GetProperty("slug").GetString()!);
            var phoneId = phones.GetProperty("id").GetString()!;
            var audioId = audio.GetProperty("id").GetString()!;
            await catalog.ProductAsync("Apple iPhone 15", phoneId,
                [CatalogClient.Variant("IP15-128-BLK", 69900, options: new { storage = "128 GB", colour = "Black" }), CatalogClient.Variant("IP15-256-BLU", 79900, options: new { storage = "256 GB", colour = "Blue" })], brand: "Apple");
            await catalog.ProductAsync("Galaxy S24", phoneId, [CatalogClient.Variant("S24-BLK", 74999, options: new { colour = "Black" })], brand: "Samsung");
            await catalog.ProductAsync("Phone Case", phoneId, [CatalogClient.Variant("CASE-1", 499, stock: 0)], brand: "Spigen",
                description: "A slim case that fits the iPhone 15 perfectly.");
            await catalog.ProductAsync("Wireless Earbuds", audioId, [CatalogClient.Variant("BUDS-1", 2999, options: new { colour = "White" })], brand: "Apple");
            var second = await catalog.AnotherSellerAsync();
            await catalog.ProductAsync("Bluetooth Speaker", audioId, [CatalogClient.Variant("SPK-1", 3999, options: new { colour = "Black" })], brand: "JBL", client: second);
            SecondSellerId = (await second.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString()!;
            await catalog.ProductAsync("Hidden Draft Phone", phoneId, [CatalogClient.Variant("DRAFT-1", 100)], status: "draft");
        }
    }

    private async Task<JsonElement> GetAsync(string query) =>
        await CatalogClient.Expect(await fixture.CreateClient().GetAsync($"/api/v1/catalog/products?{query}"), HttpStatusCode.OK);

    private static List<string> Titles(JsonElement result) => result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task Title_matches_rank_above_description_matches()
    {
        var result = await GetAsync("q=iphone");

        Assert.Equal(["Apple iPhone 15", "Phone Case"], Titles(result));
    }

    [Fact]
    public async Task Typos_are_corrected_when_nothing_matches_as_typed()
    {
        var result = await GetAsync("q=iphnoe");

        Assert.Equal("iphone", result.GetProperty("correctedQuery").GetString());
        Assert.Contains("Apple iPhone 15", Titles(result));
        Assert.Contains("Galaxy S24", Titles(await GetAsync("q=galxy")));
    }

    [Theory]
    [InlineData("q=zzzqqqxxx")]
    [InlineData("q=%22%22%22")]
    [InlineData("q=%26%7C%21%28%29")]
    [InlineData("q=")]
    public async Task Empty_and_nonsense_queries_answer_gracefully(string query)
    {
        var result = await GetAsync(query);

        Assert.True(result.GetProperty("total").GetInt32() >= 0);
    }

    [Fact]
    public async Task Drafts_never_appear()
    {
        Assert.DoesNotContain("Hidden Draft Phone", Titles(await GetAsync("q=phone&pageSize=50")));
    }

    [Fact]
    public async Task Facets_count_what_each_choice_would_leave()
    {
        var result = await GetAsync($"category={fixture.Phones}&brand=Apple");

        Assert.Equal(["Apple iPhone 15"], Titles(result));
        var brands = result.GetProperty("facets").GetProperty("brands").EnumerateArray().ToDictionary(b => b.GetProperty("value").GetString()!, b => b.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Apple"] = 1, ["Samsung"] = 1, ["Spigen"] = 1 }, brands); // brand counts ignore the brand filter itself
        var colours = result.GetProperty("facets").GetProperty("options").GetProperty("colour").EnumerateArray().ToDictionary(c => c.GetProperty("label").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Black"] = 1, ["Blue"] = 1 }, colours);
        Assert.Equal(0, result.GetProperty("facets").GetProperty("inStock").GetProperty("count").GetInt32() - 1);
    }

    [Fact]
    public async Task Filters_combine_price_seller_stock_and_options()
    {
        Assert.Equal(["Bluetooth Speaker"], Titles(await GetAsync($"seller={fixture.SecondSellerId}")));
        Assert.Equal(["Phone Case"], Titles(await GetAsync("maxPrice=1000")));
        Assert.DoesNotContain("Phone Case", Titles(await GetAsync($"category={fixture.Phones}&inStock=true")));
        Assert.Equal(["Apple iPhone 15"], Titles(await GetAsync("option=colour:Blue")));
        Assert.Equal(["Bluetooth Speaker", "Galaxy S24"], Titles(await GetAsync("option=colour:Black&sort=price-asc&minPrice=1000")).Order().ToList()
            .Where(t => t != "Apple iPhone 15").ToList());
    }

    [Fact]
    public async Task Sorting_and_paging_walk_the_whole_result()
    {
        var byPrice = Titles(await GetAsync("sort=price-asc&pageSize=2&page=1")).Concat(Titles(await GetAsync("sort=price-asc&pageSize=2&page=2"))).Concat(Titles(await GetAsync("sort=price-asc&pageSize=2&page=3"))).ToList();

        Assert.Equal(["Phone Case", "Wireless Earbuds", "Bluetooth Speaker", "Apple iPhone 15", "Galaxy S24"], byPrice);
        var invalid = await fixture.CreateClient().GetAsync("/api/v1/catalog/products?sort=cheapest&pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Suggestions_complete_word_prefixes_with_products_categories_and_brands()
    {
        var suggestions = await fixture.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/catalog/suggest?q=earb");
        var audio = await fixture.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/catalog/suggest?q=aud");
        var none = await fixture.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/catalog/suggest?q=a");

        Assert.Equal("Wireless Earbuds", suggestions[0].GetProperty("text").GetString());
        Assert.Contains(audio.EnumerateArray(), s => s.GetProperty("kind").GetString() == "category" && s.GetProperty("text").GetString() == "Audio");
        Assert.Empty(none.EnumerateArray());
    }
}
