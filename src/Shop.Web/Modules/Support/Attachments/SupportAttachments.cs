using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Media;

namespace Shop.Web.Modules.Support.Attachments;

public sealed class AttachmentOptions
{
    public const string Section = "Support:Attachments";

    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxFiles { get; set; } = 5;
}

/// <summary>A checked upload: a real JPEG, PNG, WebP or PDF within the size limit, its name made safe.</summary>
public sealed record AttachmentUpload(string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>An attachment as a message shows it; <paramref name="Url"/> downloads it (for a guest it carries the access token).</summary>
public sealed record AttachmentView(Guid Id, string FileName, string ContentType, int SizeBytes, string Url);

/// <summary>
/// Attachments of support messages: checked by content (never by name or declared type), size-limited,
/// stored with their message in PostgreSQL, and listed for whoever may see the conversation.
/// </summary>
public sealed class SupportAttachments(ShopDbContext db, IOptions<AttachmentOptions> options, TimeProvider clock, IStringLocalizer<Strings> texts)
{
    public const string Field = "Files";

    public int MaxBytes => options.Value.MaxBytes;

    public int MaxFiles => options.Value.MaxFiles;

    /// <summary>Reads and checks uploads; refuses the lot with a reason naming the file when any is wrong.</summary>
    public async Task<IReadOnlyList<AttachmentUpload>> CheckAsync(IReadOnlyList<IFormFile> files, CancellationToken cancellationToken = default)
    {
        var present = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (present.Count > MaxFiles)
            throw new InputValidationException(Field, texts["Attach at most {0} files.", MaxFiles]);
        var uploads = new List<AttachmentUpload>(present.Count);
        foreach (var file in present)
        {
            var name = SafeName(file.FileName);
            if (file.Length == 0)
                throw new InputValidationException(Field, texts["{0} is empty.", name]);
            if (file.Length > MaxBytes)
                throw new InputValidationException(Field, texts["{0} is larger than {1} MB.", name, MaxBytes / (1024 * 1024)]);
            await using var stream = file.OpenReadStream();
            uploads.Add(Check(name, await ReadLimitedAsync(stream, name, cancellationToken)));
        }
        return uploads;
    }

    /// <summary>Reads and checks the "files" of a multipart form that must carry at least one.</summary>
    public async Task<IReadOnlyList<AttachmentUpload>> CheckRequiredAsync(IFormFileCollection? files, CancellationToken cancellationToken = default)
    {
        var uploads = await CheckAsync(files?.GetFiles("files") ?? [], cancellationToken);
        return uploads.Count > 0 ? uploads : throw new InputValidationException(Field, "Attach a JPEG, PNG or WebP picture or a PDF.");
    }

    /// <summary>Checks one file's bytes: a picture the image inspector recognises, or a PDF.</summary>
    public AttachmentUpload Check(string fileName, byte[] content)
    {
        var name = SafeName(fileName);
        if (content.Length == 0)
            throw new InputValidationException(Field, texts["{0} is empty.", name]);
        if (content.Length > MaxBytes)
            throw new InputValidationException(Field, texts["{0} is larger than {1} MB.", name, MaxBytes / (1024 * 1024)]);
        var (type, extension) = ImageInspector.Inspect(content) is { } image ? (image.ContentType, image.Extension)
            : content.AsSpan().StartsWith("%PDF-"u8) ? ("application/pdf", "pdf")
            : throw new InputValidationException(Field, texts["{0} is not a JPEG, PNG or WebP picture or a PDF.", name]);
        return new AttachmentUpload(WithExtension(name, extension), type, content, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    /// <summary>Adds the uploads to a stored message (saved with the caller's next SaveChanges).</summary>
    public void Attach(SupportMessage message, IReadOnlyList<AttachmentUpload> uploads)
    {
        // Ids are UUID v7s, ordered by their millisecond: one apart keeps the files in the order they were sent.
        var now = clock.GetUtcNow();
        for (var i = 0; i < uploads.Count; i++)
            db.Add(new SupportAttachment(message.ConversationId, message.Id, uploads[i], now.AddMilliseconds(i)));
    }

    /// <summary>A conversation's attachments by message (<paramref name="access"/>: a guest's token, put in the links).</summary>
    public async Task<Dictionary<long, List<AttachmentView>>> ByMessageAsync(Guid conversationId, string? access, CancellationToken cancellationToken = default) =>
        ByMessage(await Listed(db.Set<SupportAttachment>().Where(a => a.ConversationId == conversationId)).ToListAsync(cancellationToken), _ => access);

    /// <summary>The attachments of some messages of any conversations, by message; <paramref name="accessOf"/> gives a conversation's guest token, if any.</summary>
    public async Task<Dictionary<long, List<AttachmentView>>> OfMessagesAsync(IReadOnlyCollection<long> messageIds, Func<Guid, string?> accessOf,
        CancellationToken cancellationToken = default) =>
        ByMessage(await Listed(db.Set<SupportAttachment>().Where(a => messageIds.Contains(a.MessageId))).ToListAsync(cancellationToken), accessOf);

    private static Dictionary<long, List<AttachmentView>> ByMessage(List<AttachmentRow> rows, Func<Guid, string?> accessOf) =>
        rows.GroupBy(a => a.MessageId).ToDictionary(g => g.Key, g => g.Select(a => View(a, accessOf(a.ConversationId))).ToList());

    /// <summary>The file names of each message's attachments (for emails).</summary>
    public async Task<Dictionary<long, List<string>>> NamesAsync(IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken = default) =>
        (await db.Set<SupportAttachment>().AsNoTracking().Where(a => messageIds.Contains(a.MessageId)).OrderBy(a => a.Id)
            .Select(a => new { a.MessageId, a.FileName }).ToListAsync(cancellationToken))
        .GroupBy(a => a.MessageId).ToDictionary(g => g.Key, g => g.Select(a => a.FileName).ToList());

    /// <summary>An attachment with its message's author, for the download's access check.</summary>
    public async Task<(SupportAttachment Attachment, AuthorKind Author)?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var found = await (from a in db.Set<SupportAttachment>().AsNoTracking()
                           join m in db.Set<SupportMessage>().AsNoTracking() on a.MessageId equals m.Id
                           where a.Id == id
                           select new { a, m.AuthorKind }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.a, found.AuthorKind);
    }

    private static IQueryable<AttachmentRow> Listed(IQueryable<SupportAttachment> attachments) =>
        attachments.AsNoTracking().OrderBy(a => a.Id).Select(a => new AttachmentRow(a.Id, a.ConversationId, a.MessageId, a.FileName, a.ContentType, a.SizeBytes));

    private static AttachmentView View(AttachmentRow a, string? access) =>
        new(a.Id, a.FileName, a.ContentType, a.SizeBytes, $"/support/attachments/{a.Id}" + (access is null ? "" : $"?access={Uri.EscapeDataString(access)}"));

    private sealed record AttachmentRow(Guid Id, Guid ConversationId, long MessageId, string FileName, string ContentType, int SizeBytes);

    private async Task<byte[]> ReadLimitedAsync(Stream upload, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new InputValidationException(Field, texts["{0} is larger than {1} MB.", name, MaxBytes / (1024 * 1024)]);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The last path segment, without control or quoting characters, at most 100 characters.</summary>
    public static string SafeName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
            if (!char.IsControl(c) && c is not ('"' or '<' or '>' or ':' or '*' or '?' or '|' or ';') && !char.IsSurrogate(c))
                safe.Append(c);
        var text = safe.ToString().Trim().Trim('.');
        if (text.Length > 100)
            text = text[^100..];
        return text.Length == 0 ? "file" : text;
    }

    /// <summary>The name with the extension its content really has, so a PNG called "x.html" downloads as "x.png".</summary>
    private static string WithExtension(string name, string extension)
    {
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        var current = dot > 0 ? name[(dot + 1)..].ToLowerInvariant() : "";
        return current == extension || (extension == "jpg" && current == "jpeg") ? name : $"{stem}.{extension}";
    }
}
