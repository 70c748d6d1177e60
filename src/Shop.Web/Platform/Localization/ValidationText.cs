using Microsoft.Extensions.Localization;

namespace Shop.Web.Platform.Localization;

/// <summary>
/// Validation messages in the reader's language. A message written for the shop is a key of Strings.resx; the
/// framework's own messages ("The Email field is required.") are matched against its English templates, which are
/// keys too, and rebuilt in the reader's language with the field's name translated.
/// </summary>
public static class ValidationText
{
    /// <summary>The English of the validation attributes' and form binding's default messages, and the shop's own that carry a value.</summary>
    private static readonly EnglishTemplates FrameworkMessages = new(
        "The {0} field is required.",
        "The field {0} must be a string or array type with a maximum length of '{1}'.",
        "The field {0} must be a string or array type with a minimum length of '{1}'.",
        "The field {0} must be a string with a maximum length of {1}.",
        "The field {0} must be a string with a minimum length of {2} and a maximum length of {1}.",
        "The {0} field is not a valid e-mail address.",
        "The {0} field is not a valid phone number.",
        "The field {0} must be between {1} and {2}.",
        "The field {0} must match the regular expression '{1}'.",
        "'{0}' and '{1}' do not match.",
        "The {0} field must be a number.",
        "The value '{0}' is not valid for '{1}'.",
        "Use at most {0} characters.");

    public static string Localize(this IStringLocalizer<Strings> texts, string message) => FrameworkMessages.Localize(texts, message);
}
