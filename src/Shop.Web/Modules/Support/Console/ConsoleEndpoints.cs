using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Console.Canned;
using Shop.Web.Modules.Support.Console.Desk;
using Shop.Web.Modules.Support.Console.Figures;
using Shop.Web.Modules.Support.Console.Queue;
using Shop.Web.Modules.Support.Console.Ratings;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Support.Console;

/// <summary>The agents' console over HTTP (support and admin users), and the customer's rating of the help.</summary>
public static class ConsoleEndpoints
{
    public static void MapConsoleEndpoints(this RouteGroupBuilder api)
    {
        var console = api.MapGroup("/support/console").WithTags("Support console").RequireAuthorization(Policies.Support).Access(Callers.Support);

        console.MapGet("/queue", async Task<Ok<Paged<QueueItem>>> ([AsParameters] QueueFilter filter, [AsParameters] PageRequest page, ClaimsPrincipal user, AgentQueue queue) =>
            TypedResults.Ok(await queue.ListAsync(filter, user.UserId(), page)))
            .WithName("ListSupportQueue")
            .WithSummary("Conversations of every channel with wait time and response due time (breached when past); filter by status (open by default, pending, snoozed, resolved, all), channel, priority, assignee (me, unassigned, anyone, an agent's id) and q (words in any message, notes included).");

        var conversation = console.MapGroup("/conversations/{id:guid}");
        conversation.MapGet("/", async Task<Results<Ok<AgentConversationView>, NotFound>> (Guid id, AgentDesk desk) =>
            await desk.ViewAsync(id) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetSupportConsoleConversation").WithSummary("A conversation as agents see it: every message (notes and events included), the customer, their recent orders and cart, the response due time.");
        conversation.MapPost("/replies", async Task<Results<Created<AgentMessageView>, NotFound>> (Guid id, AgentMessageRequest request, ClaimsPrincipal user, AgentDesk desk) =>
            Created(id, await desk.ReplyAsync(id, user.UserId(), request)))
            .WithName("ReplyAsSupport").WithSummary("Answer the customer; a leading canned-reply shortcut (/returns) is sent as its text. An unassigned conversation becomes yours.");
        conversation.MapPost("/notes", async Task<Results<Created<AgentMessageView>, NotFound>> (Guid id, AgentMessageRequest request, ClaimsPrincipal user, AgentDesk desk) =>
            Created(id, await desk.NoteAsync(id, user.UserId(), request)))
            .WithName("AddSupportNote").WithSummary("An internal note for agents; customers never see it.");
        conversation.MapPost("/take", async Task<Results<Ok<AgentMessageView>, NotFound>> (Guid id, ClaimsPrincipal user, AgentDesk desk) =>
            Done(await desk.TakeAsync(id, user.UserId())))
            .WithName("TakeSupportConversation").WithSummary("Assign the conversation to yourself.");
        conversation.MapPost("/transfer", async Task<Results<Ok<AgentMessageView>, NotFound>> (Guid id, TransferRequest request, ClaimsPrincipal user, AgentDesk desk) =>
            Done(await desk.TransferAsync(id, user.UserId(), request)))
            .WithName("TransferSupportConversation").WithSummary("Hand the conversation to another agent (a support or admin user).");
        conversation.MapPost("/priority", async Task<Results<Ok<AgentMessageView>, NotFound>> (Guid id, PriorityRequest request, ClaimsPrincipal user, AgentDesk desk) =>
            Done(await desk.SetPriorityAsync(id, user.UserId(), request)))
            .WithName("SetSupportConversationPriority").WithSummary("Change the priority (low, normal, high, urgent); the response due time follows.");
        conversation.MapPost("/snooze", async Task<Results<Ok<AgentMessageView>, NotFound>> (Guid id, SnoozeRequest request, ClaimsPrincipal user, AgentDesk desk) =>
            Done(await desk.SnoozeAsync(id, user.UserId(), request)))
            .WithName("SnoozeSupportConversation").WithSummary("Set the conversation aside until a time in the future; it comes back then, or when the customer writes.");
        conversation.MapPost("/resolve", async Task<Results<Ok<AgentMessageView>, NotFound>> (Guid id, ClaimsPrincipal user, AgentDesk desk) =>
            Done(await desk.ResolveAsync(id, user.UserId())))
            .WithName("ResolveSupportConversation").WithSummary("Mark it resolved; the customer may then rate the help, and their next message reopens it.");
        conversation.MapPost("/reopen", async Task<Results<Ok<AgentMessageView>, NotFound>> (Guid id, ClaimsPrincipal user, AgentDesk desk) =>
            Done(await desk.ReopenAsync(id, user.UserId())))
            .WithName("ReopenSupportConversation").WithSummary("Open a resolved, answered or snoozed conversation again.");
        conversation.MapPost("/read", async Task<Results<NoContent, NotFound>> (Guid id, ClaimsPrincipal user, AgentDesk desk) =>
            await desk.MarkReadAsync(id, user.UserId()) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("MarkSupportConversationReadByAgent").WithSummary("Mark every message read by you; the customer sees their messages as read.");

        var canned = console.MapGroup("/canned-replies");
        canned.MapGet("/", async Task<Ok<IReadOnlyList<CannedReplyView>>> (CannedReplies replies) => TypedResults.Ok(await replies.ListAsync()))
            .WithName("ListCannedReplies").WithSummary("The canned replies, by shortcut.");
        canned.MapPost("/", async Task<Created<CannedReplyView>> (CannedReplyRequest request, CannedReplies replies) =>
            await replies.CreateAsync(request) is var created ? TypedResults.Created($"/api/v1/support/console/canned-replies/{created.Id}", created) : throw new InvalidOperationException())
            .WithName("CreateCannedReply").WithSummary("Add a canned reply: a shortcut (lowercase letters, digits, dashes), a title and its text ({name} becomes the customer's first name).");
        canned.MapPut("/{id:guid}", async Task<Results<Ok<CannedReplyView>, NotFound>> (Guid id, CannedReplyRequest request, CannedReplies replies) =>
            await replies.UpdateAsync(id, request) is { } updated ? TypedResults.Ok(updated) : TypedResults.NotFound())
            .WithName("UpdateCannedReply").WithSummary("Change a canned reply.");
        canned.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, CannedReplies replies) =>
            await replies.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteCannedReply").WithSummary("Remove a canned reply.");

        console.MapGet("/figures", async Task<Ok<FiguresReport>> (int? days, AgentFigures figures) => TypedResults.Ok(await figures.ReportAsync(days ?? 30)))
            .WithName("GetSupportFigures").WithSummary("Per agent over the last days (30 unless ?days=, at most 366): conversations resolved, average first response time, average rating and number of ratings.");

        // The customer's side: their own conversation, or a guest's through the signed link.
        api.MapPost("/support/conversations/{id:guid}/rating", async Task<Results<Ok<RatingView>, NotFound>> (Guid id, string? access, RatingRequest request, ClaimsPrincipal user, SupportRatings ratings) =>
            await ratings.RateAsync(id, new SupportViewer(user.Identity?.IsAuthenticated == true ? user.UserId() : null, access), request) is { } rated
                ? TypedResults.Ok(rated) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own).WithTags("Support")
            .WithName("RateSupportConversation").WithSummary("Rate the help in your resolved conversation, 1 to 5 with an optional comment; rating again replaces it until the conversation is reopened.");
    }

    private static Results<Created<AgentMessageView>, NotFound> Created(Guid id, AgentMessageView? message) =>
        message is null ? TypedResults.NotFound() : TypedResults.Created($"/api/v1/support/console/conversations/{id}", message);

    private static Results<Ok<AgentMessageView>, NotFound> Done(AgentMessageView? message) =>
        message is null ? TypedResults.NotFound() : TypedResults.Ok(message);
}
