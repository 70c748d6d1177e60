using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity.Emails;

// Facts that lead to an email. Tokens are made when the mail is sent, so no secret sits in the outbox.

public sealed record EmailConfirmationRequested(Guid UserId) : IIntegrationEvent;

public sealed record RegistrationAttemptedForExistingAccount(Guid UserId) : IIntegrationEvent;

public sealed record PasswordResetRequested(Guid UserId) : IIntegrationEvent;

public sealed record EmailChangeRequested(Guid UserId, string NewEmail) : IIntegrationEvent;

public sealed record SellerApplicationDecided(Guid ApplicationId) : IIntegrationEvent;
