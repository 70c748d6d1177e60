using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Security;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Notifications.TextMessages;

public static partial class TextMessageStatusEndpoints
{
    public static void MapTextMessageStatusEndpoints(this RouteGroupBuilder api) =>
        // The provider calls this; its signature (not a session) says who is calling.
        api.MapPost("/notifications/text-messages/status", async Task<Results<NoContent, UnauthorizedHttpResult, ProblemHttpResult>> (
                HttpRequest request, ITextMessageProvider provider, ShopDbContext db, IOptions<StorefrontSettings> store, TimeProvider clock,
                ILoggerFactory loggers, CancellationToken cancellationToken) =>
            {
                var signature = request.Headers[TwilioTextMessages.SignatureHeader].ToString();
                if (signature.Length == 0)
                    return TypedResults.Unauthorized();
                var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
                var fields = form?.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList() ?? [];
                if (!provider.IsSigned(TextMessageDelivery.StatusCallbackUrl(store.Value), fields, signature))
                {
                    LogRefused(loggers.CreateLogger("Shop.Notifications.TextMessages"));
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Callback refused",
                        detail: "The X-Twilio-Signature does not match this request.");
                }
                var sid = form!["MessageSid"].ToString();
                var status = form["MessageStatus"].ToString().Trim().ToLowerInvariant();
                if (sid.Length == 0 || status.Length is 0 or > 20)
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a status callback",
                        detail: "A status callback names its MessageSid and MessageStatus.");
                var message = await db.Set<OutgoingTextMessage>().SingleOrDefaultAsync(m => m.ProviderId == sid, cancellationToken);
                if (message is not null)
                {
                    message.Record(status, form["ErrorCode"].ToString() is { Length: > 0 and <= 20 } code ? code : null, clock.GetUtcNow());
                    await db.SaveChangesAsync(cancellationToken);
                }
                return TypedResults.NoContent();
            })
            .AllowAnonymous().DisableAntiforgery().Access(Callers.SignedRequests).WithTags("Notifications")
            .WithName("TextMessageStatus").WithSummary("Delivery receipts from the text message provider (Twilio status callbacks): signature checked, status recorded.");

    [LoggerMessage(LogLevel.Warning, "Refused a text message status callback: the signature does not match")]
    private static partial void LogRefused(ILogger logger);
}
