using System.Text.Json;
using Microsoft.Playwright;

namespace Shop.BrowserTests;

/// <summary>
/// Moving through a page as a person without a mouse does: Tab and Shift+Tab from one control to the next,
/// arrow keys within a group of radio buttons. Every control focused on the way must show that it has focus.
/// </summary>
public static class KeyboardOnly
{
    /// <summary>More stops than any page of the shop has between two controls a shopper wants.</summary>
    private const int MostStops = 400;

    /// <summary>
    /// The focused element: whether it matches the selector (and holds the text, when one is given), whether
    /// its focus shows as an outline or a shadow, and a short description of it for failure messages.
    /// </summary>
    private const string Focused = """
        ([selector, text]) => {
          const el = document.activeElement;
          if (!el || el === document.body || el === document.documentElement) return { matches: false, shows: true, what: '(nothing)' };
          const style = getComputedStyle(el);
          const shows = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
          const name = (el.getAttribute('aria-label') || [...(el.labels ?? [])].map(l => l.textContent).join(' ') || el.textContent || el.value || '')
            .replace(/\s+/g, ' ').trim();
          const classes = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
          const what = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes}${el.name ? `[name="${el.name}"]` : ''} "${name.slice(0, 60)}"`;
          return { matches: !!selector && el.matches(selector) && (text === null || name.includes(text)), shows, what };
        }
        """;

    private sealed record Focus(bool Matches, bool Shows, string What);

    private static async Task<Focus> FocusedAsync(IPage page, string? selector = null, string? text = null)
    {
        var focus = await page.EvaluateAsync<JsonElement>(Focused, new object?[] { selector, text });
        return new(focus.GetProperty("matches").GetBoolean(), focus.GetProperty("shows").GetBoolean(), focus.GetProperty("what").GetString()!);
    }

    /// <summary>Fails unless the focused element shows its focus (a visible outline or box shadow).</summary>
    public static async Task AssertFocusShowsAsync(IPage page)
    {
        var focus = await FocusedAsync(page);
        Assert.True(focus.Shows, $"On {page.Url} the focused {focus.What} has neither an outline nor a box shadow: a keyboard user cannot see where they are.");
    }

    /// <summary>
    /// Presses Tab (Shift+Tab going backwards) until the focused element matches the CSS selector and, when given,
    /// its accessible text contains <paramref name="text"/>; every element passed on the way must show its focus.
    /// </summary>
    public static async Task TabToAsync(IPage page, string selector, string? text = null, bool backwards = false)
    {
        var passed = new List<string>();
        for (var stop = 0; stop < MostStops; stop++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            var focus = await FocusedAsync(page, selector, text);
            Assert.True(focus.Shows, $"On {page.Url} the focused {focus.What} has neither an outline nor a box shadow: a keyboard user cannot see where they are.");
            if (focus.Matches)
                return;
            passed.Add(focus.What);
        }
        throw new InvalidOperationException($"On {page.Url}, {MostStops} presses of {(backwards ? "Shift+Tab" : "Tab")} never reached {selector}{(text is null ? "" : $" \"{text}\"")}; "
            + $"focus went through: {string.Join(", ", passed.Distinct().Take(60))}");
    }

    /// <summary>The skip link, the first stop on every page, taken with Enter: the next Tab starts inside the main content.</summary>
    public static async Task SkipToContentAsync(IPage page)
    {
        var before = await page.EvaluateAsync<string>("() => location.pathname + location.search");
        await page.Keyboard.PressAsync("Tab");
        var focus = await FocusedAsync(page, "a.skip-link");
        Assert.True(focus.Matches, $"The first Tab on {page.Url} reached {focus.What}, not the link that skips to the content.");
        Assert.True(focus.Shows, $"The skip link on {page.Url} does not show its focus.");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(before + "#main", await page.EvaluateAsync<string>("() => location.pathname + location.search + location.hash"));
    }

    /// <summary>
    /// Within the focused group of radio buttons, presses the arrow key until the one labelled with the text is focused,
    /// which checks it; fails if the group runs out first.
    /// </summary>
    public static async Task ArrowToAsync(IPage page, string text, string key = "ArrowRight")
    {
        var group = await page.EvaluateAsync<int>("() => document.getElementsByName(document.activeElement.name).length");
        for (var press = 0; press <= group; press++)
        {
            var focus = await FocusedAsync(page, "input[type=radio]", text);
            if (focus.Matches)
            {
                Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.checked"), $"{focus.What} has focus but is not chosen.");
                await AssertFocusShowsAsync(page);
                return;
            }
            await page.Keyboard.PressAsync(key);
        }
        throw new InvalidOperationException($"On {page.Url}, {key} went round the focused radio group without reaching \"{text}\".");
    }
}
