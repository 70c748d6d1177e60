using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.Console.Canned;

/// <summary>
/// A prepared answer agents call up by its shortcut: "/returns" at the start of a reply becomes the text.
/// Shortcuts are lowercase letters, digits and dashes, unique across the desk.
/// </summary>
public sealed partial class CannedReply
{
    public const int MaxBodyLength = 4000;

    private CannedReply()
    {
    }

    public Guid Id { get; private set; }
    public string Shortcut { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static CannedReply Create(string shortcut, string title, string body, DateTimeOffset now)
    {
        var reply = new CannedReply { Id = Guid.CreateVersion7(now), CreatedAt = now };
        reply.Change(shortcut, title, body, now);
        return reply;
    }

    public void Change(string shortcut, string title, string body, DateTimeOffset now)
    {
        var normal = Normalize(shortcut);
        var errors = new Dictionary<string, string[]>();
        if (!ShortcutPattern().IsMatch(normal))
            errors["Shortcut"] = ["Use 2 to 32 lowercase letters, digits or dashes, like returns or where-is-my-order."];
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 100)
            errors["Title"] = ["Give it a title of up to 100 characters."];
        if (string.IsNullOrWhiteSpace(body) || body.Trim().Length > MaxBodyLength)
            errors["Body"] = ["Write the reply, up to 4,000 characters."];
        if (errors.Count > 0)
            throw new InputValidationException(errors);
        (Shortcut, Title, Body, UpdatedAt) = (normal, title.Trim(), body.Trim(), now);
    }

    /// <summary>"/Returns " and "returns" name the same shortcut.</summary>
    public static string Normalize(string? shortcut) => (shortcut ?? "").Trim().TrimStart('/').ToLowerInvariant();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,31}$")]
    private static partial Regex ShortcutPattern();
}

internal sealed class CannedReplyConfiguration : IEntityTypeConfiguration<CannedReply>
{
    public void Configure(EntityTypeBuilder<CannedReply> builder)
    {
        builder.ToTable("canned_replies", "support");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Shortcut).HasMaxLength(32);
        builder.Property(c => c.Title).HasMaxLength(100);
        builder.Property(c => c.Body).HasMaxLength(CannedReply.MaxBodyLength);
        builder.HasIndex(c => c.Shortcut).IsUnique();
    }
}
