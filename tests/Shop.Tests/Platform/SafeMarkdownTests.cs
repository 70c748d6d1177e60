using AngleSharp.Html.Parser;
using Shop.Web.Platform.Text;

namespace Shop.Tests.Platform;

public sealed class SafeMarkdownTests
{
    private static string[] Hrefs(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToArray();

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JavaScript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<vbscript:msgbox(1)>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[x](java&#x09;script:alert(1))")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[x](//evil.example/phish)")]
    [InlineData("[x](/\\evil.example/phish)")]
    public void Links_that_could_run_script_or_leave_without_a_scheme_keep_only_their_text(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.Empty(Hrefs(html));
        Assert.DoesNotContain("<a", html);
    }

    [Theory]
    [InlineData("[returns](/pages/returns)", "/pages/returns")]
    [InlineData("[returns](returns)", "returns")]
    [InlineData("[top](#top)", "#top")]
    [InlineData("[search](?q=kurta)", "?q=kurta")]
    [InlineData("[shop](https://example.in/a?b=c:d)", "https://example.in/a?b=c:d")]
    [InlineData("<https://example.in>", "https://example.in")]
    [InlineData("<help@example.in>", "mailto:help@example.in")]
    public void Links_within_the_shop_to_the_web_and_to_email_stay(string markdown, string href)
    {
        Assert.Equal([href], Hrefs(SafeMarkdown.ToHtml(markdown)));
    }

    [Fact]
    public void Sellers_links_are_not_credited_by_search_engines_and_the_shops_own_are()
    {
        const string markdown = "[a](https://example.in) and <https://example.in/b>";

        Assert.Equal(2, new HtmlParser().ParseDocument(SafeMarkdown.ToHtml(markdown)).QuerySelectorAll("a[rel='nofollow ugc noopener']").Length);
        Assert.Empty(new HtmlParser().ParseDocument(SafeMarkdown.ToHtml(markdown, shopAuthored: true)).QuerySelectorAll("a[rel]"));
    }
}
