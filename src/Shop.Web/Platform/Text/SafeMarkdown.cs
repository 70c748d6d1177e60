using Markdig;
using Markdig.Syntax;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace Shop.Web.Platform.Text;

/// <summary>
/// Markdown from sellers rendered to HTML that is safe by construction: raw HTML is not passed
/// through, and links or images with a scheme other than http, https or mailto are dropped.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsSafe(link.Url))
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
                continue;
            }
            var text = new LiteralInline(link.Title ?? string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString())));
            link.ReplaceBy(text);
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
        if (trimmed.StartsWith('/') || trimmed.StartsWith('#'))
            return !trimmed.StartsWith("//", StringComparison.Ordinal);
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
    }
}
