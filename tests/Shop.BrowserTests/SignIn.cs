using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>Signing in through the sign-in page, as a person does.</summary>
public static class SignIn
{
    public static async Task SubmitAsync(IPage page, string email, string password = ApiClient.Password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in and waits until the header offers to sign out (folded into its menu on a phone).</summary>
    public static async Task AsAsync(IPage page, string email)
    {
        await SubmitAsync(page, email);
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", IncludeHidden = true })
                .WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"Signing in as {email} did not finish; the page at {page.Url} says: {await page.Locator("main").InnerTextAsync()}", e);
        }
    }

    /// <summary>Opens the header's menu where a phone folds the account links into it; wider windows show them anyway.</summary>
    public static async Task OpenMenuAsync(IPage page)
    {
        var menu = page.Locator("header details.header-menu");
        if (await menu.Locator("summary").IsVisibleAsync() && await menu.GetAttributeAsync("open") is null)
            await menu.Locator("summary").ClickAsync();
    }
}
