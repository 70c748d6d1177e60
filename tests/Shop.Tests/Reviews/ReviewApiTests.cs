using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Shop.Testing;

namespace Shop.Tests.Reviews;

public sealed class ReviewApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private sealed record Listed(CatalogClient Catalog, string ProductId, string Slug, Guid VariantId, string CategoryId, string CategorySlug);

    private async Task<Listed> ProductAsync(string title = "Handloom Cotton Saree", int stock = 50)
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync(CatalogClient.Unique("Reviewed"));
        var product = await catalog.ProductAsync(CatalogClient.Unique(title), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("REV-" + Guid.NewGuid().ToString("N")[..8], 1200m, stock)]);
        return new Listed(catalog, product.GetProperty("id").GetString()!, product.GetProperty("slug").GetString()!,
            product.GetProperty("variants")[0].GetProperty("id").GetGuid(), category.GetProperty("id").GetString()!, category.GetProperty("slug").GetString()!);
    }

    private async Task<(HttpClient Client, string Email)> ReceivedByAsync(Listed product, string who = "reviewer")
    {
        var (customer, email) = await app.SignedInClientAsync(who);
        await app.DeliverAsync(customer, product.Catalog.Seller, product.VariantId);
        return (customer, email);
    }

    private static object Review(int rating, string title = "Lovely weave", string body = "Soft, light and the colour is true to the photos.") =>
        new { rating, title, body };

    private static async Task<JsonElement> WriteAsync(HttpClient customer, Listed product, object review, HttpStatusCode expected = HttpStatusCode.Created) =>
        await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/catalog/products/{product.Slug}/reviews", review), expected);

    private async Task<JsonElement> ModerateAsync(string reviewId, string decision, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        return await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/reviews/{reviewId}/{decision}", body ?? new { }), expected);
    }

    private async Task<(int Count, decimal Average)> CatalogRatingAsync(string productId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return await connection.QuerySingleAsync<(int, decimal)>("SELECT rating_count, rating_average FROM catalog.products WHERE id = @id", new { id = Guid.Parse(productId) });
    }

    [Fact]
    public async Task Only_a_customer_who_received_the_product_reviews_it_and_only_once()
    {
        var product = await ProductAsync();
        var (customer, _) = await app.SignedInClientAsync("buyer");
        await customer.AddToCartAsync(product.VariantId);
        await CatalogClient.Expect(await customer.CheckoutAsync(null), HttpStatusCode.Created);

        var notYet = await WriteAsync(customer, product, Review(5), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("review_not_received", notYet.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/v1/catalog/products/{product.Slug}/reviews", Review(5))).StatusCode);

        var (receiver, _) = await ReceivedByAsync(product);
        var invalid = await WriteAsync(receiver, product, new { rating = 7, title = "", body = "ok" }, HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Rating", out _) || errors.TryGetProperty("rating", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("Title", out _) || errors.TryGetProperty("title", out _), errors.ToString());

        var written = await WriteAsync(receiver, product, Review(4));
        Assert.Equal("pending", written.GetProperty("status").GetString());
        var again = await WriteAsync(receiver, product, Review(1), HttpStatusCode.Conflict);
        Assert.Equal("review_exists", again.GetProperty("code").GetString());

        var shown = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Slug}/reviews");
        Assert.Equal(0, shown.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/catalog/products/no-such-product/reviews")).StatusCode);
    }

    [Fact]
    public async Task Approval_publishes_and_counts_a_review_an_edit_takes_it_back_and_a_rejection_is_emailed_with_its_reason()
    {
        var product = await ProductAsync();
        var (author, email) = await ReceivedByAsync(product);
        var review = await WriteAsync(author, product, Review(4, "Beautiful border", "The zari border is fine work.\nWashes well."));
        var reviewId = review.GetProperty("id").GetString()!;

        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/reviews?q=zari+border");
        Assert.Equal(reviewId, Assert.Single(queue.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var (customer, _) = await app.SignedInClientAsync("nosy");
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/reviews")).StatusCode);

        await ModerateAsync(reviewId, "approve");
        Assert.Equal((1, 4.00m), await CatalogRatingAsync(product.ProductId));
        var shown = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Slug}/reviews");
        var only = Assert.Single(shown.GetProperty("items").EnumerateArray());
        Assert.Equal("The zari border is fine work.\nWashes well.", only.GetProperty("body").GetString());
        Assert.Equal("Asha R.", only.GetProperty("authorName").GetString());
        Assert.Equal(4m, shown.GetProperty("summary").GetProperty("averageRating").GetDecimal());
        Assert.Equal([0, 1, 0, 0, 0], shown.GetProperty("summary").GetProperty("histogram").EnumerateArray().Select(s => s.GetProperty("count").GetInt32()));
        var detail = await Eventually.GetAsync(() => app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Slug}"),
            d => d.GetProperty("reviewCount").GetInt32() == 1, "the product detail to carry the rating");
        Assert.Equal(4m, detail.GetProperty("averageRating").GetDecimal());
        Assert.Contains("Beautiful border", (await (await app.CreateClient().GetAsync($"/p/{product.Slug}")).Content.ReadAsStringAsync()));
        await ModerateAsync(reviewId, "approve", expected: HttpStatusCode.Conflict);

        var edited = await CatalogClient.Expect(await author.PutAsJsonAsync($"/api/v1/catalog/products/{product.Slug}/reviews/mine", Review(2, "Colour ran")), HttpStatusCode.OK);
        Assert.Equal("pending", edited.GetProperty("status").GetString());
        Assert.Equal((0, 0m), await CatalogRatingAsync(product.ProductId));
        Assert.Equal(0, (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Slug}/reviews")).GetProperty("total").GetInt32());

        await ModerateAsync(reviewId, "reject", new { reason = "" }, HttpStatusCode.BadRequest);
        var rejected = await ModerateAsync(reviewId, "reject", new { reason = "Reviews may not include phone numbers." });
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var mail = await app.WaitForMailAsync(email, "was not published");
        Assert.Contains("Reviews may not include phone numbers.", mail.Text);
        var mine = await author.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.ProductId}/reviews/mine");
        Assert.Equal("rejected", mine.GetProperty("status").GetString());
        Assert.Equal("Reviews may not include phone numbers.", mine.GetProperty("rejectionReason").GetString());
        Assert.Equal((0, 0m), await CatalogRatingAsync(product.ProductId));
        Assert.Equal(HttpStatusCode.NotFound, (await customer.PutAsJsonAsync($"/api/v1/catalog/products/{product.Slug}/reviews/mine", Review(5))).StatusCode);
    }

    [Fact]
    public async Task Helpful_votes_count_once_per_person_never_for_the_author_and_order_the_most_helpful_first()
    {
        var product = await ProductAsync();
        var (first, _) = await ReceivedByAsync(product);
        var (second, _) = await ReceivedByAsync(product);
        var older = (await WriteAsync(first, product, Review(5, "Worth every rupee"))).GetProperty("id").GetString()!;
        var newer = (await WriteAsync(second, product, Review(3, "Good, not great"))).GetProperty("id").GetString()!;
        var pendingVote = await first.PostAsync($"/api/v1/catalog/products/{product.Slug}/reviews/{newer}/helpful", null);
        Assert.Equal(HttpStatusCode.NotFound, pendingVote.StatusCode);
        await ModerateAsync(older, "approve");
        await ModerateAsync(newer, "approve");

        var (voter, _) = await app.SignedInClientAsync("voter");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await voter.PostAsync($"/api/v1/catalog/products/{product.Slug}/reviews/{older}/helpful", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await second.PostAsync($"/api/v1/catalog/products/{product.Slug}/reviews/{older}/helpful", null)).StatusCode);
        var own = await first.PostAsync($"/api/v1/catalog/products/{product.Slug}/reviews/{older}/helpful", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, own.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/catalog/products/{product.Slug}/reviews/{older}/helpful", null)).StatusCode);

        var newest = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Slug}/reviews");
        Assert.Equal([newer, older], newest.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var helpful = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Slug}/reviews?sort=helpful");
        Assert.Equal([older, newer], helpful.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(2, helpful.GetProperty("items")[0].GetProperty("helpfulCount").GetInt32());
        var lowest = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Slug}/reviews?sort=lowest&pageSize=1");
        Assert.Equal(newer, Assert.Single(lowest.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(2, lowest.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().GetAsync($"/api/v1/catalog/products/{product.Slug}/reviews?sort=loudest")).StatusCode);
    }

    [Fact]
    public async Task Ratings_stay_exact_when_many_customers_review_and_moderators_decide_at_once()
    {
        const int reviewers = 12;
        var product = await ProductAsync(stock: 100);
        var customers = new List<HttpClient>();
        for (var i = 0; i < reviewers; i++)
            customers.Add((await ReceivedByAsync(product, $"crowd{i}")).Client);

        var written = await Task.WhenAll(customers.Select((customer, i) => WriteAsync(customer, product, Review(i % 5 + 1, $"Review number {i}"))));
        var ids = written.Select(r => r.GetProperty("id").GetString()!).ToList();
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var approvals = await Task.WhenAll(ids.Select(id => admin.PostAsJsonAsync($"/api/v1/admin/reviews/{id}/approve", new { })));
        Assert.All(approvals, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var ratings = Enumerable.Range(0, reviewers).Select(i => i % 5 + 1).ToList();
        Assert.Equal((reviewers, Math.Round((decimal)ratings.Sum() / reviewers, 2)), await CatalogRatingAsync(product.ProductId));

        // Half rejected by moderators while the other half's authors edit to one star, all at once.
        var decisions = ids.Select((id, i) => i % 2 == 0
            ? admin.PostAsJsonAsync($"/api/v1/admin/reviews/{id}/reject", new { reason = "Off topic" })
            : customers[i].PutAsJsonAsync($"/api/v1/catalog/products/{product.Slug}/reviews/mine", Review(1, "Changed my mind")));
        Assert.All(await Task.WhenAll(decisions), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal((0, 0m), await CatalogRatingAsync(product.ProductId));
        var reapproved = await Task.WhenAll(ids.Where((_, i) => i % 2 == 1).Select(id => admin.PostAsJsonAsync($"/api/v1/admin/reviews/{id}/approve", new { })));
        Assert.All(reapproved, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        Assert.Equal((reviewers / 2, 1.00m), await CatalogRatingAsync(product.ProductId));
        var summary = (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Slug}/reviews")).GetProperty("summary");
        Assert.Equal(reviewers / 2, summary.GetProperty("reviewCount").GetInt32());
        Assert.Equal([0, 0, 0, 0, reviewers / 2], summary.GetProperty("histogram").EnumerateArray().Select(s => s.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Ratings_feed_the_best_rated_sort_the_rating_facet_and_the_sellers_storefront()
    {
        var shopName = CatalogClient.Unique("Tamra Works");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (seller, sellerEmail) = await app.ApprovedSellerAsync(admin, shopName);

        var listed = await ProductAsync("Copper Water Bottle");
        var mine = await listed.Catalog.ProductAsync(CatalogClient.Unique("Copper Jug"), listed.CategoryId,
            [CatalogClient.Variant("JUG-" + Guid.NewGuid().ToString("N")[..8], 1500m)], client: seller);
        var product = listed with { ProductId = mine.GetProperty("id").GetString()!, Slug = mine.GetProperty("slug").GetString()!,
            VariantId = mine.GetProperty("variants")[0].GetProperty("id").GetGuid(), Catalog = new CatalogClient(app, admin, seller) };
        var (author, _) = await ReceivedByAsync(product);
        await ModerateAsync((await WriteAsync(author, product, Review(5))).GetProperty("id").GetString()!, "approve");

        var listing = await Eventually.GetAsync(
            () => app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?category={product.CategorySlug}&sort=rating"),
            l => l.GetProperty("items")[0].GetProperty("reviewCount").GetInt32() == 1, "the listing to pick up the rating");
        Assert.Equal([product.ProductId, listed.ProductId], listing.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(5m, listing.GetProperty("items")[0].GetProperty("averageRating").GetDecimal());
        var fourUp = listing.GetProperty("facets").GetProperty("ratings").EnumerateArray().Single(r => r.GetProperty("value").GetString() == "4");
        Assert.Equal(1, fourUp.GetProperty("count").GetInt32());
        var filtered = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?category={product.CategorySlug}&rating=4");
        Assert.Equal(product.ProductId, Assert.Single(filtered.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var sellerId = await app.UserIdAsync(sellerEmail);
        var storefront = await app.CreateClient().GetStringAsync($"/sellers/{sellerId}");
        Assert.Contains(shopName, storefront);
        Assert.Contains("★ 5.0 out of 5 from 1 review of its products", storefront);
        Assert.Contains($"href=\"/sellers/{sellerId}\"", await app.CreateClient().GetStringAsync($"/p/{product.Slug}"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/sellers/{Guid.NewGuid()}")).StatusCode);
    }
}
