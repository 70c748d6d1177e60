using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity.Emails;

// Facts that lead to an email. Tokens are made when the mail is sent, so no secret sits in the outbox.
// Language is the culture of the request that asked: the mail is written in it unless the account chose one.

public sealed record EmailConfirmationRequested(Guid UserId, string? Language = null) : IIntegrationEvent;

public sealed record RegistrationAttemptedForExistingAccount(Guid UserId, string? Language = null) : IIntegrationEvent;

public sealed record PasswordResetRequested(Guid UserId, string? Language = null) : IIntegrationEvent;

public sealed record EmailChangeRequested(Guid UserId, string NewEmail, string? Language = null) : IIntegrationEvent;

public sealed record SellerApplicationDecided(Guid ApplicationId) : IIntegrationEvent;
