using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Storefront.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Email;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity.Emails;

/// <summary>Sends the account emails; runs from the outbox, never inside the request that asked.</summary>
internal sealed class AccountEmails(
    UserManager<ShopUser> users,
    ShopDbContext db,
    IEmailSender email,
    IOptions<StorefrontSettings> store) :
    IIntegrationEventHandler<EmailConfirmationRequested>,
    IIntegrationEventHandler<RegistrationAttemptedForExistingAccount>,
    IIntegrationEventHandler<PasswordResetRequested>,
    IIntegrationEventHandler<EmailChangeRequested>,
    IIntegrationEventHandler<SellerApplicationDecided>
{
    private string Shop => store.Value.Name;

    public async Task HandleAsync(EmailConfirmationRequested request, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.UserId.ToString()) is not { EmailConfirmed: false } user)
            return;
        var code = EmailTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link("/account/confirm-email", ("userId", user.Id.ToString()), ("code", code));
        await SendAsync(user.Email!, $"Confirm your email for {Shop}",
            $"Hello {user.DisplayName},\n\nPlease confirm your email address by opening this link:\n{link}\n\nIf you did not create an account at {Shop}, ignore this email.",
            cancellationToken);
    }

    public async Task HandleAsync(RegistrationAttemptedForExistingAccount attempt, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(attempt.UserId.ToString()) is not { } user)
            return;
        await SendAsync(user.Email!, $"You already have a {Shop} account",
            $"Hello {user.DisplayName},\n\nSomeone tried to create a new {Shop} account with this email address, which already has one.\n" +
            $"To sign in: {Link("/account/sign-in")}\nForgot your password? {Link("/account/forgot-password")}\n\nIf this wasn't you, you can ignore this email.",
            cancellationToken);
    }

    public async Task HandleAsync(PasswordResetRequested request, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.UserId.ToString()) is not { } user)
            return;
        var code = EmailTokens.Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link("/account/reset-password", ("userId", user.Id.ToString()), ("code", code));
        await SendAsync(user.Email!, $"Reset your {Shop} password",
            $"Hello {user.DisplayName},\n\nTo choose a new password, open this link within the next hour:\n{link}\n\nThe link works once. If you did not ask for it, ignore this email: your password stays as it is.",
            cancellationToken);
    }

    public async Task HandleAsync(EmailChangeRequested request, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.UserId.ToString()) is not { } user)
            return;
        var code = EmailTokens.Encode(await users.GenerateChangeEmailTokenAsync(user, request.NewEmail));
        var link = Link("/account/confirm-email-change", ("userId", user.Id.ToString()), ("email", request.NewEmail), ("code", code));
        await SendAsync(request.NewEmail, $"Confirm your new email for {Shop}",
            $"Hello {user.DisplayName},\n\nTo use this address for your {Shop} account, open this link:\n{link}\n\nUntil then your account keeps its current address.",
            cancellationToken);
    }

    public async Task HandleAsync(SellerApplicationDecided decided, CancellationToken cancellationToken)
    {
        var application = await db.Set<SellerApplication>().SingleAsync(a => a.Id == decided.ApplicationId, cancellationToken);
        var user = await users.FindByIdAsync(application.UserId.ToString());
        if (user is null)
            return;
        var (subject, body) = application.Status == SellerApplicationStatus.Approved
            ? ($"Welcome to selling on {Shop}", $"Hello {user.DisplayName},\n\nYour application for \"{application.ShopName}\" was approved. You can now list products: {Link("/seller")}")
            : ($"Your seller application on {Shop}", $"Hello {user.DisplayName},\n\nYour application for \"{application.ShopName}\" was not approved.\nReason: {application.RejectionReason}\n\nYou can apply again with more details: {Link("/account/sell")}");
        await SendAsync(user.Email!, subject, body, cancellationToken);
    }

    private Task SendAsync(string to, string subject, string text, CancellationToken cancellationToken) =>
        email.SendAsync(new EmailMessage(to, subject, text, $"<pre style=\"font-family:inherit\">{HtmlEncoder.Default.Encode(text)}</pre>"), cancellationToken);

    private string Link(string path, params (string Name, string Value)[] query) =>
        QueryHelpers.AddQueryString(store.Value.PublicUrl.TrimEnd('/') + path, query.Select(q => KeyValuePair.Create(q.Name, (string?)q.Value)));
}
