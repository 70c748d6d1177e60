using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Shop.Web.Platform.Localization;

/// <summary>
/// Texts written in English from templates ("Taken by {0}") that are read back in the reader's language: a
/// text that is itself a key of the shared texts is translated as it is; one that matches a template is rebuilt
/// from the template's translation, its values translated where the texts know them (names stay as they are).
/// </summary>
public sealed class EnglishTemplates(params string[] templates)
{
    private readonly (string Template, Regex Pattern)[] patterns = [.. templates.Select(t => (t, Pattern(t)))];

    public string Localize(IStringLocalizer texts, string text)
    {
        var own = texts[text];
        if (!own.ResourceNotFound)
            return own.Value;
        foreach (var (template, pattern) in patterns)
            if (pattern.Match(text) is { Success: true } match)
                return texts[template, [.. Enumerable.Range(0, match.Groups.Count - 1).Select(n => (object)texts[match.Groups[$"p{n}"].Value].Value)]].Value;
        return text;
    }

    private static Regex Pattern(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{(\d)}", "(?<p$1>.*?)") + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
}
