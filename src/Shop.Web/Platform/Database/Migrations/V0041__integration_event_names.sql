-- Integration events are stored under the stable names they declare ([IntegrationEventName]) instead of their
-- class names. Messages still waiting (or dead-lettered, which an admin may retry) take the new names; delivered
-- ones keep theirs as history.
UPDATE platform.outbox_messages m
   SET type = renamed.name
  FROM (VALUES
    ('Shop.Web.Modules.Payments.Contracts.RefundIssued', 'payments.refund-issued'),
    ('Shop.Web.Modules.Payments.Contracts.PaymentSucceeded', 'payments.payment-succeeded'),
    ('Shop.Web.Modules.Payments.Contracts.PaymentFailed', 'payments.payment-failed'),
    ('Shop.Web.Modules.Reviews.Messages.ReviewModerated', 'reviews.review-moderated'),
    ('Shop.Web.Modules.Identity.Emails.EmailConfirmationRequested', 'identity.email-confirmation-requested'),
    ('Shop.Web.Modules.Identity.Emails.RegistrationAttemptedForExistingAccount', 'identity.registration-attempted-for-existing-account'),
    ('Shop.Web.Modules.Identity.Emails.PasswordResetRequested', 'identity.password-reset-requested'),
    ('Shop.Web.Modules.Identity.Emails.EmailChangeRequested', 'identity.email-change-requested'),
    ('Shop.Web.Modules.Identity.Emails.SellerApplicationDecided', 'identity.seller-application-decided'),
    ('Shop.Web.Modules.Notifications.TextMessages.TextMessageQueued', 'notifications.text-message-queued'),
    ('Shop.Web.Modules.Notifications.Sending.EmailQueued', 'notifications.email-queued'),
    ('Shop.Web.Modules.Notifications.Push.PushQueued', 'notifications.push-queued'),
    ('Shop.Web.Modules.Catalog.Contracts.ProductUpdated', 'catalog.product-updated'),
    ('Shop.Web.Modules.Catalog.Contracts.CategoryDeleted', 'catalog.category-deleted'),
    ('Shop.Web.Modules.Support.Contracts.ConversationStarted', 'support.conversation-started'),
    ('Shop.Web.Modules.Support.Contracts.SupportMessagePosted', 'support.support-message-posted'),
    ('Shop.Web.Modules.Support.Contracts.ConversationResolved', 'support.conversation-resolved'),
    ('Shop.Web.Modules.Ordering.Contracts.OrderPlaced', 'ordering.order-placed'),
    ('Shop.Web.Modules.Ordering.Contracts.OrderStatusChanged', 'ordering.order-status-changed'),
    ('Shop.Web.Modules.Ordering.Contracts.FulfillmentStatusChanged', 'ordering.fulfillment-status-changed'),
    ('Shop.Web.Modules.Ordering.Contracts.OrderPaid', 'ordering.order-paid'),
    ('Shop.Web.Modules.Webhooks.Contracts.WebhookEndpointDisabled', 'webhooks.webhook-endpoint-disabled'),
    ('Shop.Web.Modules.Inventory.Contracts.StockLow', 'inventory.stock-low'),
    ('Shop.Web.Modules.Inventory.Contracts.ProductAvailabilityChanged', 'inventory.product-availability-changed')
  ) AS renamed(class_name, name)
 WHERE m.type = renamed.class_name AND m.processed_at IS NULL;
