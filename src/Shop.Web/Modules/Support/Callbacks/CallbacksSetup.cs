using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Support.Callbacks;

public static class CallbacksSetup
{
    public static WebApplicationBuilder AddSupportCallbacks(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CallbackOptions>(builder.Configuration.GetSection(CallbackOptions.Section));
        builder.Services.AddSingleton<CallbackSchedule>();
        builder.Services.AddScoped<CallbackDesk>();
        builder.Services.AddIntegrationEventHandler<ConversationStarted, CallbackMessages>();
        builder.Services.AddSingleton<CallbackReminders>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CallbackReminders>());
        return builder;
    }

    public static WebApplication MapSupportCallbacks(this WebApplication app)
    {
        var callbacks = app.MapGroup("/api/v1/support/callbacks").WithTags("Support");

        callbacks.MapGet("/slots", async Task<Ok<CallbackSlotsView>> (CallbackDesk desk) => TypedResults.Ok(await desk.SlotsAsync()))
            .AllowAnonymous().Access(Callers.Anyone)
            .WithName("ListCallbackSlots").WithSummary("The call-back slots of the next days within business hours, in the shop's time zone, each marked free or full.");

        callbacks.MapPost("/", async Task<Created<CallbackView>> (CallbackRequest request, ClaimsPrincipal user, CallbackDesk desk) =>
        {
            var booked = await desk.RequestAsync(user.Identity?.IsAuthenticated == true ? user.UserId() : null, request);
            return TypedResults.Created($"/api/v1/support/conversations/{booked.ConversationId}", booked);
        })
            .AllowAnonymous().Access(Callers.Anyone)
            .WithName("RequestCallback").WithSummary("Ask support to call you back: a phone number with its country code (+91 98765 43210), the start of a free slot, a topic and an optional note. Guests give their name and email and get an accessToken for ?access=.");

        var staff = callbacks.MapGroup("").RequireAuthorization(Policies.Support);

        staff.MapGet("/", async Task<Ok<IReadOnlyList<CallbackAgentView>>> (CallbackDesk desk) => TypedResults.Ok(await desk.ListAsync()))
            .Access(Callers.Support)
            .WithName("ListCallbacks").WithSummary("Support: call-backs still to make and those of the last two days, by slot.");

        staff.MapPost("/{id:guid}/outcome", async Task<Results<Ok<CallbackAgentView>, NotFound>> (Guid id, CallbackOutcomeRequest request, ClaimsPrincipal user, CallbackDesk desk) =>
            await desk.RecordAsync(id, user.UserId(), request) is { } recorded ? TypedResults.Ok(recorded) : TypedResults.NotFound())
            .Access(Callers.Support)
            .WithName("RecordCallbackOutcome").WithSummary("Support: what came of a call (reached, noAnswer, or rescheduled with newSlotStart), with notes kept as an internal note.");

        // The agents' page: an ordinary form post (anti-forgery checked), back to the list with the result.
        app.MapPost("/support/callbacks/{id:guid}/outcome", async Task<RedirectHttpResult> (Guid id, [FromForm] string? outcome, [FromForm] string? newSlot,
                [FromForm] string? notes, ClaimsPrincipal user, CallbackDesk desk, CallbackSchedule schedule) =>
            {
                var request = new CallbackOutcomeRequest
                {
                    Outcome = Enum.TryParse<CallbackOutcome>(outcome, true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null,
                    NewSlotStart = DateTime.TryParse(newSlot, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? schedule.FromLocal(local) : null,
                    Notes = notes is { Length: > 2000 } ? notes[..2000] : notes,
                };
                try
                {
                    return await desk.RecordAsync(id, user.UserId(), request) is null
                        ? TypedResults.Redirect($"/support/callbacks?error={Uri.EscapeDataString("That call-back no longer exists.")}")
                        : TypedResults.Redirect($"/support/callbacks?done={id}#callback-{id}");
                }
                catch (InputValidationException invalid)
                {
                    return TypedResults.Redirect($"/support/callbacks?error={Uri.EscapeDataString(invalid.Errors.Values.First().First())}&failed={id}#callback-{id}");
                }
            })
            .RequireAuthorization(Policies.Support).ExcludeFromDescription();
        return app;
    }
}
