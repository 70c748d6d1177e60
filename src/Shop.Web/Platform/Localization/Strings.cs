namespace Shop.Web.Platform.Localization;

/// <summary>
/// The shop's shared texts: Strings.resx holds each text in English (its key), Strings.hi.resx the same keys in
/// Hindi. Pages read them through <c>IStringLocalizer&lt;Strings&gt;</c>; a key with no translation shows in English.
/// Resource names ignore case, so a text that differs from another only in capitals ("placed", "Placed") gets a note
/// after a bar as its key ("placed|order date") and its English as the value.
/// </summary>
public sealed class Strings;
