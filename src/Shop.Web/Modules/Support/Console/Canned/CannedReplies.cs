using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.Console.Canned;

public sealed record CannedReplyView(Guid Id, string Shortcut, string Title, string Body);

/// <summary>The canned replies agents keep, and the expansion of a shortcut at the start of a reply.</summary>
public sealed partial class CannedReplies(ShopDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CannedReplyView>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Set<CannedReply>().AsNoTracking().OrderBy(c => c.Shortcut)
            .Select(c => new CannedReplyView(c.Id, c.Shortcut, c.Title, c.Body)).ToListAsync(cancellationToken);

    public Task<CannedReplyView?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<CannedReply>().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CannedReplyView(c.Id, c.Shortcut, c.Title, c.Body)).SingleOrDefaultAsync(cancellationToken);

    public async Task<CannedReplyView> CreateAsync(CannedReplyRequest request, CancellationToken cancellationToken = default)
    {
        var reply = CannedReply.Create(request.Shortcut, request.Title, request.Body, clock.GetUtcNow());
        db.Add(reply);
        await SaveAsync(reply.Shortcut, cancellationToken);
        return View(reply);
    }

    public async Task<CannedReplyView?> UpdateAsync(Guid id, CannedReplyRequest request, CancellationToken cancellationToken = default)
    {
        if (await db.Set<CannedReply>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } reply)
            return null;
        reply.Change(request.Shortcut, request.Title, request.Body, clock.GetUtcNow());
        await SaveAsync(reply.Shortcut, cancellationToken);
        return View(reply);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Set<CannedReply>().Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>
    /// A reply as it is sent: a leading "/shortcut" becomes its canned text ("{name}" in it the customer's
    /// first name), anything written after it follows. A leading "/word" that names no canned reply is
    /// refused rather than sent to the customer as it is.
    /// </summary>
    public async Task<string> ExpandAsync(string body, string customerName, CancellationToken cancellationToken = default)
    {
        var match = LeadingShortcut().Match(body.TrimStart());
        if (!match.Success)
            return body.Trim();
        var shortcut = match.Groups["shortcut"].Value.ToLowerInvariant();
        var canned = await db.Set<CannedReply>().AsNoTracking().Where(c => c.Shortcut == shortcut).Select(c => c.Body).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InputValidationException("Body", $"No canned reply has the shortcut /{shortcut}.");
        var firstName = customerName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? customerName;
        var rest = body.TrimStart()[match.Length..].Trim();
        var expanded = canned.Replace("{name}", firstName, StringComparison.OrdinalIgnoreCase);
        return rest.Length == 0 ? expanded : $"{expanded}\n\n{rest}";
    }

    private async Task SaveAsync(string shortcut, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new InputValidationException("Shortcut", $"Another canned reply already has the shortcut /{shortcut}.");
        }
    }

    private static CannedReplyView View(CannedReply c) => new(c.Id, c.Shortcut, c.Title, c.Body);

    [GeneratedRegex(@"^/(?<shortcut>[A-Za-z0-9][A-Za-z0-9-]{0,31})(?=\s|$)")]
    private static partial Regex LeadingShortcut();
}

/// <summary>A canned reply: its shortcut (without the slash), a title for the list, and the text it sends.</summary>
public sealed class CannedReplyRequest
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Give it a shortcut.")]
    [System.ComponentModel.DataAnnotations.StringLength(33, ErrorMessage = "Use at most 32 characters.")]
    public string Shortcut { get; set; } = "";

    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Give it a title.")]
    [System.ComponentModel.DataAnnotations.StringLength(100, ErrorMessage = "Use at most 100 characters.")]
    public string Title { get; set; } = "";

    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Write the reply.")]
    [System.ComponentModel.DataAnnotations.StringLength(CannedReply.MaxBodyLength, ErrorMessage = "Use at most 4,000 characters.")]
    public string Body { get; set; } = "";
}
