using Microsoft.Extensions.Localization;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Support.Emails;

/// <summary>
/// What happened in a conversation (taken, resolved, a call-back's outcome) is stored in English, as agents read
/// it; the customer reads it in their language.
/// </summary>
public static class SystemMessageText
{
    private static readonly EnglishTemplates Templates = new("Taken by {0}", "Transferred to {0}", "Assigned to {0}", "Call-back moved to {0}");

    public static string ForReader(string stored, IStringLocalizer texts) => Templates.Localize(texts, stored);
}
