using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.SellerMessages.Admin;
using Shop.Web.Modules.Support.SellerMessages.Notices;
using Shop.Web.Modules.Support.SellerMessages.Reports;
using Shop.Web.Modules.Support.SellerMessages.Seller;
using Shop.Web.Modules.Support.SellerMessages.Threads;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Support.SellerMessages;

/// <summary>Buyer-seller messages: customers write to sellers, sellers answer their own threads, admins read and step in, either side reports.</summary>
public static class SellerMessagesModule
{
    public static WebApplicationBuilder AddSupportSellerMessages(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SellerThreads>();
        builder.Services.AddScoped<SellerInbox>();
        builder.Services.AddScoped<ThreadOversight>();
        builder.Services.AddScoped<MessageReports>();
        builder.Services.AddIntegrationEventHandler<SupportMessagePosted, SellerMessageNotices>();
        return builder;
    }

    public static WebApplication MapSupportSellerMessages(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/support").WithTags("Support");

        api.MapPost("/seller-threads", async Task<Created<StartedThread>> (AskSellerRequest request, ClaimsPrincipal user, SellerThreads threads) =>
        {
            var started = await threads.AskAsync(user.UserId(), request);
            return TypedResults.Created($"/api/v1/support/conversations/{started.Id}", started);
        })
            .RequireAuthorization().Access(Callers.SignedIn, Objects.Own)
            .WithName("AskSeller")
            .WithSummary("Write to a seller about one of your orders (orderId and one of its sellers' sellerId) or a product (productId); writing again about the same one continues the thread, which you read at /support/conversations/{id}.");

        var seller = api.MapGroup("/seller/threads").RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own);

        seller.MapGet("/", async Task<Ok<Paged<SellerThreadSummary>>> (bool? unanswered, [AsParameters] PageRequest page, ClaimsPrincipal user, SellerInbox inbox) =>
            TypedResults.Ok(await inbox.ListAsync(user.UserId(), unanswered == true, page)))
            .WithName("ListSellerThreads").WithSummary("The seller's threads with customers, latest first, with unread messages counted; ?unanswered=true for those waiting on the seller.");

        seller.MapGet("/{id:guid}", async Task<Results<Ok<SellerThreadView>, NotFound>> (Guid id, ClaimsPrincipal user, SellerInbox inbox) =>
            await inbox.FindAsync(user.UserId(), id) is { } thread ? TypedResults.Ok(thread) : TypedResults.NotFound())
            .WithName("GetSellerThread").WithSummary("One of the seller's threads with its messages (support's notes are never among them).");

        seller.MapPost("/{id:guid}/messages", async Task<Results<Created<ThreadMessage>, NotFound>> (Guid id, ThreadReplyRequest request, ClaimsPrincipal user, SellerInbox inbox) =>
            await inbox.ReplyAsync(user.UserId(), id, request) is { } message
                ? TypedResults.Created($"/api/v1/support/seller/threads/{id}", message) : TypedResults.NotFound())
            .WithName("ReplyToSellerThread").WithSummary("The seller answers the customer; the thread then waits on the customer.");

        seller.MapPost("/{id:guid}/read", async Task<Results<NoContent, NotFound>> (Guid id, ClaimsPrincipal user, SellerInbox inbox) =>
            await inbox.MarkReadAsync(user.UserId(), id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("MarkSellerThreadRead").WithSummary("Mark every message of the thread as read by the seller.");

        api.MapPost("/messages/{messageId:long}/reports", async Task<Results<Created<ReportView>, NotFound>> (long messageId, ReportRequest request, ClaimsPrincipal user,
                MessageReports reports) =>
            await reports.FileAsync(user.UserId(), messageId, request) is { } report
                ? TypedResults.Created($"/api/v1/support/admin/reports/{report.Id}", report) : TypedResults.NotFound())
            .RequireAuthorization().Access(Callers.SignedIn, Objects.Own)
            .WithName("ReportSupportMessage").WithSummary("The customer or the seller of a thread reports a message of the other side to the admins, once; one's own message is 403.");

        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        admin.MapGet("/threads", async Task<Ok<Paged<SellerThreadSummary>>> (bool? reported, [AsParameters] PageRequest page, ThreadOversight oversight) =>
            TypedResults.Ok(await oversight.ListAsync(reported == true, page)))
            .WithName("ListAllSellerThreads").WithSummary("Every buyer-seller thread, latest first; ?reported=true for those with open reports.");

        admin.MapGet("/threads/{id:guid}", async Task<Results<Ok<SellerThreadView>, NotFound>> (Guid id, ClaimsPrincipal user, ThreadOversight oversight) =>
            await oversight.FindAsync(user.UserId(), id) is { } thread ? TypedResults.Ok(thread) : TypedResults.NotFound())
            .WithName("GetAnySellerThread").WithSummary("Any buyer-seller thread with all its messages, notes included.");

        admin.MapPost("/threads/{id:guid}/messages", async Task<Results<Created<ThreadMessage>, NotFound>> (Guid id, ThreadReplyRequest request, ClaimsPrincipal user,
                ThreadOversight oversight) =>
            await oversight.StepInAsync(user.UserId(), id, request) is { } message
                ? TypedResults.Created($"/api/v1/support/admin/threads/{id}", message) : TypedResults.NotFound())
            .WithName("StepIntoSellerThread").WithSummary("An admin answers in the thread as support (the first time, the thread says an admin joined), or with note=true writes a note only staff see.");

        admin.MapGet("/reports", async Task<Ok<Paged<ReportView>>> (string? status, [AsParameters] PageRequest page, MessageReports reports) =>
            TypedResults.Ok(await reports.ListAsync(MessageReports.StatusNamed(status), page)))
            .WithName("ListMessageReports").WithSummary("Reported messages with their context, oldest first; ?status=open (default), dismissed or handled.");

        admin.MapPost("/reports/{id:guid}/resolve", async Task<Results<Ok<ReportView>, NotFound>> (Guid id, ResolveReportRequest request, ClaimsPrincipal user,
                MessageReports reports) =>
            await reports.ResolveAsync(user.UserId(), id, request) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound())
            .WithName("ResolveMessageReport").WithSummary("Close an open report: dismiss it, or mark it handled with a note of what was done; a closed one is 409.");

        return app;
    }
}
