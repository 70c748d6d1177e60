using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Support.Attachments;

public static class AttachmentsSetup
{
    public static WebApplicationBuilder AddSupportAttachments(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AttachmentOptions>(builder.Configuration.GetSection(AttachmentOptions.Section));
        builder.Services.AddScoped<SupportAttachments>();
        return builder;
    }

    /// <summary>The most a request with files may carry: five files at the size limit, their text and the multipart framing.</summary>
    public const long MaxRequestBytes = 6L * 11 * 1024 * 1024;

    public static WebApplication MapSupportAttachments(this WebApplication app)
    {
        // Posting a message with files: multipart form data with "body" (optional when files are attached) and one or more "files".
        app.MapPost("/api/v1/support/conversations/{id:guid}/attachments", async Task<Results<Created<MessageView>, NotFound>> (
                Guid id, string? access, [FromForm] string? body, IFormFileCollection? files, ClaimsPrincipal user, SupportDesk desk, SupportAttachments attachments) =>
            {
                var viewer = new SupportViewer(user.Identity?.IsAuthenticated == true ? user.UserId() : null, access);
                // Ownership first: someone else's conversation is not there, whatever they send.
                if (await desk.FindAsync(id, viewer) is null)
                    return TypedResults.NotFound();
                var checkedFiles = await attachments.CheckRequiredAsync(files);
                if (body is { Length: > ContactRequest.MaxMessageLength })
                    throw new Platform.Errors.InputValidationException("Body", "Use at most 4,000 characters for your reply.");
                return await desk.ReplyAsync(id, viewer, new ReplyRequest { Body = body ?? "" }, checkedFiles) is { } message
                    ? TypedResults.Created($"/api/v1/support/conversations/{id}", message) : TypedResults.NotFound();
            })
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithTags("Support").Accepts<AttachmentForm>("multipart/form-data")
            .WithName("PostSupportAttachments")
            .WithSummary("Reply in your conversation with files: multipart form data with \"files\" (up to 5 JPEG, PNG, WebP pictures or PDFs, 10 MB each, checked by content) and an optional \"body\". Guests add ?access=.");

        // Downloads, for whoever may see the conversation: its customer, a guest with the signed link, support and admins.
        app.MapGet("/support/attachments/{id:guid}", async Task<Results<FileContentHttpResult, NotFound>> (
                Guid id, string? access, ClaimsPrincipal user, HttpContext context, SupportAttachments attachments, ConversationAccess links, ShopDbContext db) =>
            {
                if (await attachments.FindAsync(id) is not var (attachment, author))
                    return TypedResults.NotFound();
                var staff = user.IsInRole(Roles.Support) || user.IsInRole(Roles.Admin);
                var userId = user.Identity?.IsAuthenticated == true ? user.UserId() : (Guid?)null;
                var owner = await db.Set<Conversation>().AsNoTracking().Where(c => c.Id == attachment.ConversationId).Select(c => c.CustomerId).SingleOrDefaultAsync();
                var customerSide = (userId is not null && owner == userId) || links.Allows(access, attachment.ConversationId);
                if (!staff && !(customerSide && author != AuthorKind.Note))
                    return TypedResults.NotFound();
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "private, no-store";
                headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                var disposition = new ContentDispositionHeaderValue(attachment.ContentType.StartsWith("image/", StringComparison.Ordinal) ? "inline" : "attachment");
                disposition.SetHttpFileName(attachment.FileName);
                headers.ContentDisposition = disposition.ToString();
                return TypedResults.File(attachment.Content, attachment.ContentType);
            })
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The multipart form of <c>PostSupportAttachments</c> and <c>SendLiveChatAttachments</c>, as OpenAPI documents it.</summary>
    public sealed class AttachmentForm
    {
        public string? Body { get; set; }

        public IFormFileCollection? Files { get; set; }
    }
}
