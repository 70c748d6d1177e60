using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Catalog;

/// <summary>The listing pages' filters form over the search tests' small catalog: what it keeps, and values that make no sense, which the pages and the API refuse alike.</summary>
public sealed class ListingPageTests(SearchTests.Catalog fixture) : IClassFixture<SearchTests.Catalog>
{
    private async Task<(HttpStatusCode Status, IHtmlDocument Page)> GetAsync(string url)
    {
        var response = await fixture.CreateClient().GetAsync(url);
        return (response.StatusCode, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static List<string> Titles(IHtmlDocument page) => page.QuerySelectorAll(".product-card h3").Select(h => h.TextContent.Trim()).ToList();

    /// <summary>Values neither the API nor the pages accept, with the parameter refused and words of the message.</summary>
    public static TheoryData<string, string, string> Refused => new()
    {
        { "minPrice=-5", "minPrice", "lowest price must be an amount" },
        { "maxPrice=-0.01", "maxPrice", "highest price must be an amount" },
        { "minPrice=abc", "minPrice", "lowest price must be an amount" },
        { "maxPrice=1e9", "maxPrice", "highest price must be an amount" },
        { "minPrice=100000001", "minPrice", "lowest price must be an amount" },
        { "minPrice=99999999999999999999999999999999999", "minPrice", "lowest price must be an amount" },
        { "minPrice=%E2%82%B9500", "minPrice", "lowest price must be an amount" },
        { "minPrice=4000&maxPrice=500", "maxPrice", "cannot be below the lowest" },
        { "sort=cheapest", "sort", "Sort by one of" },
        { "page=0", "page", "page must be a whole number" },
        { "page=abc", "page", "page must be a whole number" },
        { "pageSize=1000", "pageSize", "page size must be a whole number" },
        { "rating=9", "rating", "rating must be a whole number" },
        { "seller=someone", "seller", "seller is named by its id" },
        { "option=blue", "option", "name and a value" },
        { "inStock=yes", "inStock", "true or false" },
        { $"q={new string('a', 201)}", "q", "at most 200 characters" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_value_that_makes_no_sense_is_refused_on_the_page_with_a_message_above_the_listing_without_it(string query, string parameter, string message)
    {
        var (status, page) = await GetAsync($"/search?{query}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(message, page.QuerySelector(".listing-refused[role=alert]")?.TextContent);
        Assert.Equal(5, page.QuerySelectorAll(".product-card").Length);
        Assert.DoesNotContain(page.QuerySelectorAll("form.sort input[type=hidden]"), field => field.GetAttribute("name") == parameter);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task The_api_refuses_the_same_values_with_a_problem_naming_the_parameter_and_the_same_message(string query, string parameter, string message)
    {
        var response = await fixture.CreateClient().GetAsync($"/api/v1/catalog/products?{query}");
        var (_, page) = await GetAsync($"/search?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var refusal = (await response.JsonAsync()).GetProperty("errors").GetProperty(parameter)[0].GetString()!;
        Assert.Contains(message, refusal);
        Assert.Equal(refusal, page.QuerySelector(".listing-refused li")?.TextContent);
    }

    [Theory]
    [InlineData("minPrice=&maxPrice=&rating=&inStock=")]
    [InlineData("minPrice=0&maxPrice=100000000&rating=5&inStock=false&sort=rating&page=1&pageSize=100&option=colour:Blue")]
    public async Task Blank_and_boundary_values_are_accepted_by_the_api_and_the_pages_alike(string query)
    {
        var response = await fixture.CreateClient().GetAsync($"/api/v1/catalog/products?{query}");
        var (status, page) = await GetAsync($"/search?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(page.QuerySelector(".listing-refused"));
    }

    [Fact]
    public async Task A_refusal_on_a_category_page_is_in_the_readers_language()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/c/{fixture.Phones}?sort=cheapest");
        request.Headers.Add("Accept-Language", "hi-IN");

        var response = await fixture.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("इनमें से किसी एक से क्रम लगाएँ", page.QuerySelector(".listing-refused li")?.TextContent);
        Assert.Equal(3, page.QuerySelectorAll(".product-card").Length);
    }

    [Fact]
    public async Task A_price_range_includes_both_ends_and_the_form_shows_it()
    {
        var (_, page) = await GetAsync("/search?minPrice=499&maxPrice=2999");

        Assert.Equal(["Phone Case", "Wireless Earbuds"], Titles(page).Order());
        Assert.Null(page.QuerySelector(".listing-refused"));
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
