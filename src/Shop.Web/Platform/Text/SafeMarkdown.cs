using Markdig;
using Markdig.Syntax;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace Shop.Web.Platform.Text;

/// <summary>
/// Markdown rendered to HTML that is safe by construction: raw HTML is not passed through, and
/// links or images that lead anywhere but http, https, mailto or an address of this shop are dropped
/// (their text stays).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .Build();

    /// <param name="markdown">The text.</param>
    /// <param name="shopAuthored">
    /// True for the shop's own text (its pages): its links are the shop's word. Otherwise (sellers')
    /// links carry rel="nofollow ugc", so search engines do not credit where they lead to the shop.
    /// </param>
    public static string ToHtml(string markdown, bool shopAuthored = false)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
                link.ReplaceBy(new LiteralInline(link.Title ?? string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()))));
            else if (!shopAuthored)
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }
        // <scheme:...> autolinks: CommonMark accepts any scheme there, javascript: too.
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !IsSafe(autolink.Url))
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            else if (!shopAuthored)
                autolink.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }
        return document.ToHtml(Pipeline);
    }

    /// <summary>The words of the text without markup, for meta descriptions.</summary>
    public static string ToPlainText(string markdown, int maxLength = 160)
    {
        var text = Markdown.ToPlainText(markdown, Pipeline).ReplaceLineEndings(" ").Trim();
        while (text.Contains("  ", StringComparison.Ordinal))
            text = text.Replace("  ", " ", StringComparison.Ordinal);
        return text.Length <= maxLength ? text : text[..(maxLength - 1)].TrimEnd() + "…";
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return false;
        var trimmed = url.Trim();
        // Another host without a scheme ("//host", which browsers also read in "/\host") must name its scheme.
        if (trimmed.Length > 1 && trimmed[0] is '/' or '\\' && trimmed[1] is '/' or '\\')
            return false;
        // Without a colon before the path, query or fragment there is no scheme: an address of this shop.
        var colon = trimmed.IndexOf(':');
        var rest = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (rest >= 0 && rest < colon))
            return true;
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
    }
}
