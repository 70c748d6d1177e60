using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Support.Conversations;

public static class ConversationEndpoints
{
    public static void MapConversationEndpoints(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/support/conversations").WithTags("Support");

        conversations.MapPost("/", async Task<Created<ConversationView>> (ContactRequest request, ClaimsPrincipal user, SupportDesk desk) =>
        {
            var started = await desk.StartAsync(UserOf(user), request);
            return TypedResults.Created($"/api/v1/support/conversations/{started.Id}", started);
        })
            .AllowAnonymous().Access(Callers.Anyone)
            .WithName("StartSupportConversation").WithSummary("Ask support a question (topic, message, optionally one of your orders); guests give their name and email and get an accessToken for ?access=.");

        conversations.MapGet("/", async Task<Ok<Paged<ConversationSummary>>> ([AsParameters] PageRequest page, ClaimsPrincipal user, SupportDesk desk) =>
            TypedResults.Ok(await desk.MineAsync(user.UserId(), page)))
            .RequireAuthorization().Access(Callers.SignedIn, Objects.Own)
            .WithName("ListMySupportConversations").WithSummary("The signed-in customer's conversations with support, latest first, with unread replies counted.");

        // Guests reach their conversation with the signed access token from the confirmation email.
        conversations.MapGet("/{id:guid}", async Task<Results<Ok<ConversationView>, NotFound>> (Guid id, string? access, ClaimsPrincipal user, SupportDesk desk) =>
            await desk.FindAsync(id, Viewer(user, access)) is { } conversation ? TypedResults.Ok(conversation) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own)
            .WithName("GetSupportConversation").WithSummary("A conversation with its messages (your own, or with ?access= from the email).");

        conversations.MapPost("/{id:guid}/messages", async Task<Results<Created<MessageView>, NotFound>> (Guid id, string? access, ReplyRequest request, ClaimsPrincipal user, SupportDesk desk) =>
            await desk.ReplyAsync(id, Viewer(user, access), request) is { } message
                ? TypedResults.Created($"/api/v1/support/conversations/{id}", message) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own)
            .WithName("ReplyToSupportConversation").WithSummary("Reply in your conversation; a resolved or answered conversation opens again.");

        conversations.MapPost("/{id:guid}/read", async Task<Results<NoContent, NotFound>> (Guid id, string? access, ClaimsPrincipal user, SupportDesk desk) =>
            await desk.MarkReadAsync(id, Viewer(user, access)) ? TypedResults.NoContent() : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own)
            .WithName("MarkSupportConversationRead").WithSummary("Mark every message of your conversation as read.");
    }

    private static Guid? UserOf(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.UserId() : null;

    private static SupportViewer Viewer(ClaimsPrincipal user, string? access) => new(UserOf(user), access);
}
