using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity.Emails;

/// <summary>Sends the account emails; runs from the outbox, never inside the request that asked.</summary>
internal sealed class AccountEmails(UserManager<ShopUser> users, ShopDbContext db, INotifier notifier) :
    IIntegrationEventHandler<EmailConfirmationRequested>,
    IIntegrationEventHandler<RegistrationAttemptedForExistingAccount>,
    IIntegrationEventHandler<PasswordResetRequested>,
    IIntegrationEventHandler<EmailChangeRequested>,
    IIntegrationEventHandler<SellerApplicationDecided>
{
    public async Task HandleAsync(EmailConfirmationRequested request, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.UserId.ToString()) is not { EmailConfirmed: false } user)
            return;
        var code = EmailTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        await NotifyAsync(NotificationKind.ConfirmEmail, user, request.Language,
            new AccountLinkModel(Link("/account/confirm-email", ("userId", user.Id.ToString()), ("code", code))), cancellationToken);
    }

    public async Task HandleAsync(RegistrationAttemptedForExistingAccount attempt, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(attempt.UserId.ToString()) is not { } user)
            return;
        await NotifyAsync(NotificationKind.AccountExists, user, attempt.Language, new AccountExistsModel("/account/sign-in", "/account/forgot-password"), cancellationToken);
    }

    public async Task HandleAsync(PasswordResetRequested request, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.UserId.ToString()) is not { } user)
            return;
        var code = EmailTokens.Encode(await users.GeneratePasswordResetTokenAsync(user));
        await NotifyAsync(NotificationKind.PasswordReset, user, request.Language,
            new AccountLinkModel(Link("/account/reset-password", ("userId", user.Id.ToString()), ("code", code))), cancellationToken);
    }

    public async Task HandleAsync(EmailChangeRequested request, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.UserId.ToString()) is not { } user)
            return;
        var code = EmailTokens.Encode(await users.GenerateChangeEmailTokenAsync(user, request.NewEmail));
        var link = Link("/account/confirm-email-change", ("userId", user.Id.ToString()), ("email", request.NewEmail), ("code", code));
        await notifier.NotifyAsync(new Notice(NotificationKind.EmailChange, new Recipient(user.Id, request.NewEmail, user.DisplayName, user.Language ?? request.Language),
            new AccountLinkModel(link, request.NewEmail)), cancellationToken);
    }

    public async Task HandleAsync(SellerApplicationDecided decided, CancellationToken cancellationToken)
    {
        var application = await db.Set<SellerApplication>().SingleAsync(a => a.Id == decided.ApplicationId, cancellationToken);
        if (await users.FindByIdAsync(application.UserId.ToString()) is not { } user)
            return;
        var approved = application.Status == SellerApplicationStatus.Approved;
        var link = approved ? "/seller" : "/account/sell";
        await notifier.NotifyAsync(new Notice(NotificationKind.SellerApplicationDecided, RecipientOf(user),
            new SellerApplicationModel(application.ShopName, approved, application.RejectionReason, link), LinkPath: link), cancellationToken);
    }

    private Task NotifyAsync(NotificationKind kind, ShopUser user, string? requestLanguage, object model, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notice(kind, RecipientOf(user, requestLanguage), model), cancellationToken);

    /// <summary>In the account's chosen language, else the one of the request that asked (an admin's decision has none to offer).</summary>
    private static Recipient RecipientOf(ShopUser user, string? requestLanguage = null) => new(user.Id, user.Email!, user.DisplayName, user.Language ?? requestLanguage);

    private static string Link(string path, params (string Name, string Value)[] query) =>
        QueryHelpers.AddQueryString(path, query.Select(q => KeyValuePair.Create(q.Name, (string?)q.Value)));
}
