using Microsoft.EntityFrameworkCore;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Support.Console.Canned;

/// <summary>Canned replies the demo support desk starts with (with the demo accounts), so /returns works at once.</summary>
internal sealed class DemoCannedRepliesSetup(ShopDbContext db, IConfiguration configuration, TimeProvider clock) : ISetupStep
{
    private static readonly (string Shortcut, string Title, string Body)[] Replies =
    [
        ("returns", "How returns work",
            "Hi {name}, you can return most items within 7 days of delivery. Open the order under Your orders, choose \"Return\" and tell us why; " +
            "the courier picks it up within two working days and we refund you as soon as it reaches the seller."),
        ("where-is-my-order", "Where is my order?",
            "Hi {name}, thank you for waiting. Your order's tracking link is on the order page under Your orders; parcels usually arrive within " +
            "3 to 5 working days of shipping. If it has not moved for two days, reply here and we will chase the courier."),
        ("refund-timing", "When refunds arrive",
            "Hi {name}, refunds go back to the way you paid: UPI and wallets within 1 to 2 working days, cards within 5 to 7. " +
            "Cash on delivery orders are refunded to your bank account once you share its details with us."),
        ("thanks", "Thanks and goodbye",
            "Glad we could help, {name}! If anything else comes up, just reply to this conversation."),
    ];

    public int Order => 60;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Accounts") || await db.Set<CannedReply>().AnyAsync(cancellationToken))
            return;
        foreach (var (shortcut, title, body) in Replies)
            db.Add(CannedReply.Create(shortcut, title, body, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await output.WriteLineAsync($"Demo canned replies: {string.Join(", ", Replies.Select(r => "/" + r.Shortcut))}");
    }
}
