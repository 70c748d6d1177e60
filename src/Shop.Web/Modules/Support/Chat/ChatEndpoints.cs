using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Web.Modules.Support.Attachments;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>Live chat over plain HTTP: starting one, and every hub action for clients without a live connection.</summary>
public static class ChatEndpoints
{
    public static void MapChatEndpoints(this RouteGroupBuilder api)
    {
        var chats = api.MapGroup("/support/chats").WithTags("Support");

        chats.MapPost("/", async Task<Created<ConversationView>> (StartChatRequest request, ClaimsPrincipal user, LiveChat chat) =>
        {
            var started = await chat.StartAsync(user, request);
            return TypedResults.Created($"/api/v1/support/conversations/{started.Id}", started);
        })
            .AllowAnonymous().Access(Callers.Anyone)
            .WithName("StartLiveChat").WithSummary("Start a live chat (guests give name and email and get an accessToken for ?access= and the hub); it is assigned to an online agent when one has room.");

        chats.MapGet("/availability", async Task<Ok<ChatAvailability>> (LiveChat chat) => TypedResults.Ok(await chat.AvailabilityAsync()))
            .AllowAnonymous().Access(Callers.Anyone)
            .WithName("GetLiveChatAvailability").WithSummary("Whether an agent is online and how fast support usually replies.");

        chats.MapGet("/{id:guid}/messages", async Task<Results<Ok<IReadOnlyList<ChatMessage>>, NotFound>> (Guid id, string? access, long? after, ClaimsPrincipal user, LiveChat chat) =>
            await chat.ParticipantAsync(id, user, access) is { } participant ? TypedResults.Ok(await chat.CatchUpAsync(participant, after ?? 0)) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own)
            .WithName("CatchUpLiveChat").WithSummary("The messages after ?after= (a message id), oldest first: what a client missed (agents also get notes).");

        chats.MapPost("/{id:guid}/messages", async Task<Results<Created<ChatMessage>, NotFound>> (Guid id, string? access, ChatSendRequest request, ClaimsPrincipal user, LiveChat chat) =>
            await chat.ParticipantAsync(id, user, access) is { } participant
                ? TypedResults.Created($"/api/v1/support/chats/{id}/messages", await chat.SendAsync(participant, request.Body)) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own)
            .WithName("SendLiveChatMessage").WithSummary("Send a message: the customer's, or support's reply (which takes an unassigned conversation). Stored, then pushed live.");

        chats.MapPost("/{id:guid}/attachments", async Task<Results<Created<ChatMessage>, NotFound>> (
                Guid id, string? access, [FromForm] string? body, IFormFileCollection? files, ClaimsPrincipal user, LiveChat chat, SupportAttachments attachments) =>
            {
                // Ownership first: someone else's conversation is not there, whatever they send.
                if (await chat.ParticipantAsync(id, user, access) is not { } participant)
                    return TypedResults.NotFound();
                var checkedFiles = await attachments.CheckRequiredAsync(files);
                return TypedResults.Created($"/api/v1/support/chats/{id}/messages", await chat.SendAsync(participant, body, checkedFiles));
            })
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentsSetup.MaxRequestBytes))
            .Accepts<AttachmentsSetup.AttachmentForm>("multipart/form-data")
            .WithName("SendLiveChatAttachments")
            .WithSummary("Send pictures or PDFs in a live chat, the customer's or support's: multipart form data with \"files\" (up to 5 JPEG, PNG, WebP pictures or PDFs, 10 MB each, checked by content) and an optional \"body\". Guests add ?access=. Stored, then pushed live.");

        chats.MapPost("/{id:guid}/typing", async Task<Results<NoContent, NotFound>> (Guid id, string? access, ClaimsPrincipal user, LiveChat chat) =>
        {
            if (await chat.ParticipantAsync(id, user, access) is not { } participant)
                return TypedResults.NotFound();
            await chat.TypingAsync(participant);
            return TypedResults.NoContent();
        })
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own)
            .WithName("SignalLiveChatTyping").WithSummary("Tell the other side you are typing.");

        chats.MapPost("/{id:guid}/read", async Task<Results<NoContent, NotFound>> (Guid id, string? access, ChatReadRequest request, ClaimsPrincipal user, LiveChat chat) =>
        {
            if (await chat.ParticipantAsync(id, user, access) is not { } participant)
                return TypedResults.NotFound();
            await chat.ReadAsync(participant, request.MessageId);
            return TypedResults.NoContent();
        })
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own)
            .WithName("ReadLiveChat").WithSummary("You read up to a message (read receipts for the other side).");

        chats.MapPost("/{id:guid}/page", async Task<Results<NoContent, NotFound>> (Guid id, string? access, ChatPageRequest request, ClaimsPrincipal user, LiveChat chat) =>
        {
            if (await chat.ParticipantAsync(id, user, access) is not { } participant)
                return TypedResults.NotFound();
            await chat.ShowPageAsync(participant, request.Page);
            return TypedResults.NoContent();
        })
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own)
            .WithName("ShowLiveChatPage").WithSummary("The storefront page the customer is on (a path), for agents to see.");

        var agents = api.MapGroup("/support/agents").WithTags("Support");

        agents.MapGet("/online", async Task<Ok<IReadOnlyList<OnlineAgent>>> (AgentPresence presence) => TypedResults.Ok(await presence.OnlineAgentsAsync()))
            .RequireAuthorization(Policies.Support).Access(Callers.Support)
            .WithName("ListOnlineSupportAgents").WithSummary("Agents taking chats now, with their open conversations and limits.");

        agents.MapPut("/me/status", async Task<NoContent> (AgentStatusRequest request, ClaimsPrincipal user, AgentPresence presence) =>
        {
            await presence.SetStatusAsync(user.UserId(), request.Status!.Value);
            if (request.MaxOpenChats is { } limit)
                await presence.SetLimitAsync(user.UserId(), limit);
            return TypedResults.NoContent();
        })
            .RequireAuthorization(Policies.Support).Access(Callers.Support, Objects.Own)
            .WithName("SetSupportAgentStatus").WithSummary("Your status as an agent (online takes chats, away does not) and optionally how many open chats you take at once.");
    }
}

public sealed class AgentStatusRequest
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Choose online or away.")]
    public AgentStatus? Status { get; set; }

    [System.ComponentModel.DataAnnotations.Range(0, 100, ErrorMessage = "Take 0 to 100 open chats at once.")]
    public int? MaxOpenChats { get; set; }
}
