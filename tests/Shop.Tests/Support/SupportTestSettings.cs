using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Support.Attachments;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Support;

/// <summary>Settings and steps the call-back, attachment, reply-email and transcript tests share.</summary>
internal static class SupportTestSettings
{
    public const string PublicUrl = "https://shop.example.test";

    /// <summary>Open round the clock, so slots exist whenever the tests run; jobs run only when a test asks.</summary>
    public static readonly (string, string?)[] Always =
    [
        ("Store:PublicUrl", PublicUrl),
        ("Support:BusinessHours:TimeZone", "Asia/Kolkata"),
        ("Support:BusinessHours:OpeningHours:Monday", "00:00-24:00"),
        ("Support:BusinessHours:OpeningHours:Tuesday", "00:00-24:00"),
        ("Support:BusinessHours:OpeningHours:Wednesday", "00:00-24:00"),
        ("Support:BusinessHours:OpeningHours:Thursday", "00:00-24:00"),
        ("Support:BusinessHours:OpeningHours:Friday", "00:00-24:00"),
        ("Support:BusinessHours:OpeningHours:Saturday", "00:00-24:00"),
        ("Support:BusinessHours:OpeningHours:Sunday", "00:00-24:00"),
        ("Support:Callbacks:SlotMinutes", "30"),
        ("Support:Callbacks:DaysAhead", "3"),
        ("Support:Callbacks:CallsPerSlot", "1"),
        ("Support:Callbacks:ReminderPoll", "12:00:00"),
        ("Support:ReplyEmailPoll", "12:00:00"),
    ];

    /// <summary>Support's side, through the entity and the database as the console stores it.</summary>
    public static async Task<long> PostAsync(ShopAppFactory app, Guid conversationId, AuthorKind author, string body)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == conversationId);
        var message = conversation.Post(author, Guid.NewGuid(), body, DateTimeOffset.UtcNow);
        db.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    /// <summary>A file on a stored message (support's own attachments come with the console).</summary>
    public static async Task<Guid> AttachAsync(ShopAppFactory app, long messageId, string fileName, byte[] content)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var attachments = scope.ServiceProvider.GetRequiredService<SupportAttachments>();
        var message = await db.Set<SupportMessage>().SingleAsync(m => m.Id == messageId);
        attachments.Attach(message, [attachments.Check(fileName, content)]);
        await db.SaveChangesAsync();
        return await db.Set<SupportAttachment>().Where(a => a.MessageId == messageId).Select(a => a.Id).FirstAsync();
    }

    public static int MailCount(ShopAppFactory app, string to, string subject) =>
        app.Mail().Count(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal));
}
