using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity.Emails;

// Facts that lead to an email. Tokens are made when the mail is sent, so no secret sits in the outbox.
// Language is the culture of the request that asked: the mail is written in it unless the account chose one.

[IntegrationEventName("identity.email-confirmation-requested")]
public sealed record EmailConfirmationRequested(Guid UserId, string? Language = null) : IIntegrationEvent;

[IntegrationEventName("identity.registration-attempted-for-existing-account")]
public sealed record RegistrationAttemptedForExistingAccount(Guid UserId, string? Language = null) : IIntegrationEvent;

[IntegrationEventName("identity.password-reset-requested")]
public sealed record PasswordResetRequested(Guid UserId, string? Language = null) : IIntegrationEvent;

[IntegrationEventName("identity.email-change-requested")]
public sealed record EmailChangeRequested(Guid UserId, string NewEmail, string? Language = null) : IIntegrationEvent;

[IntegrationEventName("identity.seller-application-decided")]
public sealed record SellerApplicationDecided(Guid ApplicationId) : IIntegrationEvent;
