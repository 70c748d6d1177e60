using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Reviews.Data;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Reviews.Demo;

/// <summary>
/// The demo shoppers' reviews of what was delivered to them, as real reviews come: most products
/// rated well, some poorly, a few reviews still waiting for a moderator. Ratings are then counted by
/// the same tally moderation uses, so listings, the rating filter and "best rated" agree with them.
/// </summary>
internal sealed class DemoReviewsSetup(
    ShopDbContext db, IPurchaseHistory purchases, ICustomerDirectory customers, IStaffDirectory staff, RatingTally tally,
    IConfiguration configuration, TimeProvider clock) : ISetupStep
{
    private static readonly (string Title, string Body)[][] Words =
    [
        [("Disappointed", "Stopped working properly within a week. The seller did answer, but I expected better."),
         ("Not as described", "The finish looks cheaper than in the pictures and the size runs small.")],
        [("Could be better", "It does the job, but the quality is uneven and the packaging was damaged."),
         ("Just about okay", "Works, though I would not buy it again at this price.")],
        [("Decent for the price", "Nothing special, nothing wrong. Delivery took a day longer than promised."),
         ("Average", "Looks fine and works as expected. The instructions could be clearer."),
         ("Fair value", "Good enough for everyday use; the material feels a little thin.")],
        [("Very good", "Well made and arrived on time. Took a star off for the plain packaging."),
         ("Happy with it", "Exactly what I needed. Good quality for the money, I use it every day."),
         ("Good purchase", "Solid and looks smart. The colour is slightly darker than in the photos."),
         ("Recommended", "Does what it promises. The seller packed it carefully.")],
        [("Excellent!", "Better than I expected. Beautifully made and delivered two days early."),
         ("Love it", "Great quality and exactly as pictured. Already ordered another as a gift."),
         ("Worth every rupee", "Feels premium, works perfectly, and the seller answered my question within an hour."),
         ("Five stars", "Fast delivery, lovely finish, no complaints at all."),
         ("Superb", "My family loves it. Would happily buy from this seller again.")],
    ];

    public int Order => 90;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Accounts") || await db.Set<Review>().AnyAsync(cancellationToken))
            return;
        var received = await purchases.ReceivedAsync(10_000, cancellationToken);
        var moderator = (await staff.AgentsAsync(cancellationToken)).FirstOrDefault();
        if (received.Count == 0 || moderator is null)
            return;
        var names = new Dictionary<Guid, string>();
        foreach (var customerId in received.Select(r => r.CustomerId).Distinct())
            names[customerId] = Review.AuthorNameOf((await customers.FindAsync(customerId))?.Name ?? "");
        var random = new Random(2026);
        // Each product has a quality its buyers mostly agree on.
        var quality = received.Select(r => r.ProductId).Distinct().ToDictionary(id => id, _ => 3.2 + random.NextDouble() * 1.7);
        var now = clock.GetUtcNow();
        var written = new List<Review>();
        foreach (var item in received.Where(_ => random.Next(100) < 75))
        {
            var rating = Math.Clamp((int)Math.Round(quality[item.ProductId] + (random.NextDouble() - 0.5) * 2.2), 1, 5);
            var (title, body) = Words[rating - 1][random.Next(Words[rating - 1].Length)];
            var at = Earliest(item.DeliveredAt + TimeSpan.FromHours(random.Next(6, 240)), now);
            var review = Review.Write(item.ProductId, item.SellerId, item.CustomerId, names[item.CustomerId], rating, title, body, at);
            if (random.Next(100) < 94)
                review.Approve(moderator.UserId, Earliest(at + TimeSpan.FromHours(random.Next(1, 30)), now));
            written.Add(review);
        }
        db.AddRange(written);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var product in written.Select(r => (r.ProductId, r.SellerId)).Distinct())
            await db.InTransactionAsync(() => tally.ChangeAsync(product.ProductId, product.SellerId, () => Task.FromResult(true), cancellationToken), cancellationToken);
        await output.WriteLineAsync($"Demo reviews: {written.Count} of {written.Select(r => r.ProductId).Distinct().Count()} products.");
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
