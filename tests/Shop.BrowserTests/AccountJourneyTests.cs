using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class AccountJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task FillAsync(IPage page, string label, string value) => await page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    private async Task<IPage> SignUpAndConfirmAsync(string email, string name = "Meera Iyer")
    {
        var (page, _) = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/account/sign-up");
        await FillAsync(page, "Your name", name);
        await FillAsync(page, "Email", email);
        await FillAsync(page, "Password", ApiClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/account/check-email**");

        var mail = await browser.Shop.WaitForMailAsync(email, "Confirm your email");
        await page.GotoAsync(mail.LinkTo("/account/confirm-email"));
        Assert.Equal("Your email is confirmed", await page.Locator("h1").InnerTextAsync());
        return page;
    }


    [Fact]
    public async Task Sign_up_confirm_sign_in_keep_an_address_book_and_sign_out()
    {
        var email = ApiClient.NewEmail("meera");
        var page = await SignUpAndConfirmAsync(email);

        await SignIn.SubmitAsync(page, email);
        await page.WaitForURLAsync(browser.Shop.ServerAddress.ToString());
        await SignIn.OpenMenuAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Account", Exact = true }).ClickAsync();
        Assert.Equal("Your account", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Addresses" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an address" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
        Assert.True(await page.GetByText("The Full name field is required.").IsVisibleAsync()); // refused with reasons, nothing saved
        await FillAsync(page, "Full name", "Meera Iyer");
        await FillAsync(page, "Phone", "+91 98400 11223");
        await FillAsync(page, "Address line 1", "7 Besant Avenue");
        await FillAsync(page, "City", "Chennai");
        await FillAsync(page, "State", "Tamil Nadu");
        await FillAsync(page, "Postal code", "600020");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
        await page.GetByText("The address was saved.").WaitForAsync();
        Assert.True(await page.GetByText("7 Besant Avenue").IsVisibleAsync());
        Assert.True(await page.GetByText("Default shipping").IsVisibleAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Add an address" }).ClickAsync();
        await FillAsync(page, "Full name", "Meera Iyer");
        await FillAsync(page, "Phone", "+91 98400 11223");
        await FillAsync(page, "Address line 1", "Tidel Park, 4 Rajiv Gandhi Salai");
        await FillAsync(page, "City", "Chennai");
        await FillAsync(page, "State", "Tamil Nadu");
        await FillAsync(page, "Postal code", "600113");
        await page.GetByLabel("Use as my default shipping address").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
        await page.GetByText("The address was saved.").WaitForAsync();
        var office = page.Locator("li", new() { HasText = "Tidel Park" });
        Assert.True(await office.GetByText("Default shipping").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "address-book-phone.png"), FullPage = true });

        await page.Locator("li", new() { HasText = "7 Besant Avenue" }).GetByRole(AriaRole.Button, new() { Name = "Delete the address at 7 Besant Avenue" }).ClickAsync();
        await page.GetByText("The address was deleted.").WaitForAsync();
        Assert.Equal(0, await page.GetByText("7 Besant Avenue").CountAsync());

        await SignIn.OpenMenuAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(browser.Shop.ServerAddress.ToString());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).IsVisibleAsync());
        await page.GotoAsync("/account/addresses");
        await page.WaitForURLAsync("**/account/sign-in?ReturnUrl=%2Faccount%2Faddresses");
    }

    [Fact]
    public async Task A_wrong_password_shows_a_readable_message_on_the_form()
    {
        var email = ApiClient.NewEmail();
        await browser.Shop.RegisterConfirmedAsync(email);
        var (page, _) = await browser.NewPageAsync();

        await SignIn.SubmitAsync(page, email, "Not-My-Password-1");

        Assert.Equal("Invalid email or password.", (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Trim());
        Assert.Equal(email, await page.GetByLabel("Email").InputValueAsync());
    }

    [Fact]
    public async Task Two_factor_set_up_with_the_qr_key_then_sign_in_with_a_generated_code()
    {
        var email = ApiClient.NewEmail("ravi");
        await browser.Shop.RegisterConfirmedAsync(email);
        var (page, _) = await browser.NewPageAsync();
        await SignIn.SubmitAsync(page, email);
        await page.WaitForURLAsync(browser.Shop.ServerAddress.ToString());

        await page.GotoAsync("/account/two-factor");
        Assert.True(await page.GetByAltText("QR code for your authenticator app").IsVisibleAsync());
        var key = await page.GetByTestId("shared-key").InnerTextAsync();
        await FillAsync(page, "Code", Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        var recoveryCodes = await page.GetByTestId("recovery-codes").Locator("code").AllInnerTextsAsync();
        Assert.Equal(10, recoveryCodes.Count);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "two-factor-codes.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await SignIn.SubmitAsync(page, email);
        await page.WaitForURLAsync("**/account/sign-in/two-factor**");
        await FillAsync(page, "Code", "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.Contains("That code is not right", await page.Locator(".validation-message").InnerTextAsync());
        await FillAsync(page, "Code", Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(browser.Shop.ServerAddress.ToString());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Account" }).IsVisibleAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignIn.SubmitAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "No access to your app? Use a recovery code" }).ClickAsync();
        await FillAsync(page, "Recovery code", recoveryCodes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(browser.Shop.ServerAddress.ToString());
    }

    [Fact]
    public async Task After_a_password_reset_the_sign_in_page_says_it_worked_and_the_new_password_signs_in()
    {
        var email = ApiClient.NewEmail("kiran");
        await browser.Shop.RegisterConfirmedAsync(email);
        var (page, errors) = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/account/forgot-password");
        await FillAsync(page, "Email", email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();

        var mail = await browser.Shop.WaitForMailAsync(email, "Reset your");
        await page.GotoAsync(mail.LinkTo("/account/reset-password"));
        await FillAsync(page, "New password", "Fresh-Tamarind-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in?reset=done", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        Assert.Equal("Your password was changed. Sign in with your new password.", (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "password-changed-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1366, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "password-changed.png"), FullPage = true });
        await FillAsync(page, "Email", email);
        await FillAsync(page, "Password", "Fresh-Tamarind-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_get_a_page_that_says_how_long_to_wait()
    {
        // Its own shop with a low limit, its clock at the start of a window so every attempt counts in one.
        var clock = AdjustableClock.AtStartOf(TimeSpan.FromMinutes(1));
        await using var shop = new LiveShopFactory { ConfigureTestServices = services => services.AddSingleton<TimeProvider>(clock) };
        shop.WithSettings(("RateLimits:AuthenticationPermitsPerMinute", "2"));
        await shop.InitializeAsync();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = shop.ServerAddress.ToString(), ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/sign-in");
        await FillAsync(page, "Email", ApiClient.NewEmail());
        await FillAsync(page, "Password", "Not-My-Password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Too many requests" }).WaitForAsync();
        Assert.Matches(@"Please wait \d+ seconds? and try again\.", await page.Locator("main").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "too-many-requests.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "too-many-requests-phone.png"), FullPage = true });
        await context.CloseAsync();
    }
}
