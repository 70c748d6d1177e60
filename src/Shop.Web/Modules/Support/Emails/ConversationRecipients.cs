using Microsoft.Extensions.Localization;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Support.Emails;

/// <summary>Who the emails about a conversation go to, and the words they read in their language.</summary>
public static class ConversationRecipients
{
    /// <summary>The account in the language it chose, else (and for a guest) the language the conversation was started in; null when the account is gone.</summary>
    public static async Task<Recipient?> RecipientOfAsync(this ICustomerDirectory customers, Conversation conversation) =>
        conversation.CustomerId is { } customerId
            ? await customers.FindAsync(customerId) is { } account ? new Recipient(account.UserId, account.Email, account.Name, account.Language ?? conversation.Language) : null
            : new Recipient(null, conversation.GuestEmail!, conversation.GuestName!, conversation.Language);

    public static ShopLanguage LanguageOf(Recipient recipient) => ShopLanguages.Find(recipient.Language) ?? ShopLanguages.Default;

    /// <summary>A text of the shop's resource as the recipient reads it.</summary>
    public static string For(this IStringLocalizer<Strings> texts, Recipient recipient, string text) =>
        ShopLanguages.In(LanguageOf(recipient), () => texts[text].Value);
}
