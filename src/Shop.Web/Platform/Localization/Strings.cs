namespace Shop.Web.Platform.Localization;

/// <summary>
/// The shop's shared texts: Strings.resx holds each text in English (its key), Strings.hi.resx the same keys in
/// Hindi. Pages read them through <c>IStringLocalizer&lt;Strings&gt;</c>; a key with no translation shows in English.
/// </summary>
public sealed class Strings;
