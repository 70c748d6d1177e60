using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Reviews.Emails;

/// <summary>A moderator approved or rejected a review: its author hears of it.</summary>
[IntegrationEventName("reviews.review-moderated")]
public sealed record ReviewModerated(Guid ReviewId) : IIntegrationEvent;
