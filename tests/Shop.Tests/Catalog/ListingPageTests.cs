using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Catalog;

/// <summary>The listing pages' filters form over the search tests' small catalog: what it keeps, and typed prices that make no sense.</summary>
public sealed class ListingPageTests(SearchTests.Catalog fixture) : IClassFixture<SearchTests.Catalog>
{
    private async Task<(HttpStatusCode Status, IHtmlDocument Page)> GetAsync(string url)
    {
        var response = await fixture.CreateClient().GetAsync(url);
        return (response.StatusCode, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static List<string> Titles(IHtmlDocument page) => page.QuerySelectorAll(".product-card h3").Select(h => h.TextContent.Trim()).ToList();

    [Theory]
    [InlineData("minPrice=-5", "cannot be below zero", 5)]
    [InlineData("maxPrice=-0.01", "cannot be below zero", 5)]
    [InlineData("minPrice=abc", "is not an amount", 5)]
    [InlineData("maxPrice=1e9", "is not an amount", 5)]
    [InlineData("minPrice=100000001", "is not an amount", 5)]
    [InlineData("minPrice=99999999999999999999999999999999999", "is not an amount", 5)]
    [InlineData("minPrice=%E2%82%B9500&maxPrice=%EF%BF%BF", "is not an amount", 5)]
    [InlineData("minPrice=4000&maxPrice=500", "swapped", 2)]
    public async Task A_price_that_makes_no_sense_is_left_out_or_turned_round_with_a_note_never_an_error(string prices, string note, int found)
    {
        var (status, page) = await GetAsync($"/search?{prices}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(note, page.QuerySelector(".price-note[role=alert]")?.TextContent);
        Assert.Equal(found, page.QuerySelectorAll(".product-card").Length);
    }

    [Theory]
    [InlineData("minPrice=abc")]
    [InlineData("maxPrice=-1")]
    [InlineData("minPrice=100000001")]
    public async Task The_api_refuses_a_price_that_makes_no_sense_with_a_problem(string prices)
    {
        var response = await fixture.CreateClient().GetAsync($"/api/v1/catalog/products?{prices}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_price_range_includes_both_ends_and_the_form_shows_it()
    {
        var (_, page) = await GetAsync("/search?minPrice=499&maxPrice=2999");

        Assert.Equal(["Phone Case", "Wireless Earbuds"], Titles(page).Order());
        Assert.Null(page.QuerySelector(".price-note"));
        Assert.Equal("499", page.QuerySelector("input[name=minPrice]")?.GetAttribute("value"));
        Assert.Equal("2999", page.QuerySelector("input[name=maxPrice]")?.GetAttribute("value"));
        Assert.Equal(["₹499 – ₹2,999"], page.QuerySelectorAll(".active-filters .chip").Select(c => c.TextContent.Replace("✕", "").Trim()));
    }

    [Fact]
    public async Task The_filters_form_keeps_the_words_and_sort_and_shows_each_filter_in_force_as_a_checked_box()
    {
        var (_, page) = await GetAsync("/search?q=phone&sort=price-asc&brand=Apple&brand=Nobody&option=colour:Blue&inStock=true&page=2");
        var form = page.QuerySelector("form.filter-form")!;

        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        var hidden = form.QuerySelectorAll("input[type=hidden]").Select(i => (i.GetAttribute("name"), i.GetAttribute("value"))).ToList();
        Assert.Equal([("q", "phone"), ("sort", "price-asc")], hidden);
        var checkedBoxes = form.QuerySelectorAll("input[type=checkbox][checked]").Select(i => $"{i.GetAttribute("name")}={i.GetAttribute("value")}").Order();
        // A brand no product has is still a box to untick, with its count of 0.
        Assert.Equal(["brand=Apple", "brand=Nobody", "inStock=true", "option=colour:Blue"], checkedBoxes);
        Assert.Equal("0", form.QuerySelectorAll("label.check").Single(l => l.QuerySelector("input[value=Nobody]") is not null).QuerySelector(".count")?.TextContent);
        Assert.Equal(4, page.QuerySelectorAll(".active-filters .chip").Length);
        Assert.Equal("/search?q=phone&sort=price-asc", page.QuerySelector(".active-filters .clear-filters")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_category_page_sends_its_filters_to_itself()
    {
        var (status, page) = await GetAsync($"/c/{fixture.Phones}?brand=Samsung");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/c/{fixture.Phones}", page.QuerySelector("form.filter-form")?.GetAttribute("action"));
        Assert.Empty(page.QuerySelectorAll("form.filter-form input[type=hidden]"));
        Assert.Equal(["Galaxy S24"], Titles(page));
    }
}
