using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>
/// Text messages on a phone: a customer adds a mobile number on the account page, types in the code the
/// shop texted, and then turns on SMS for shipped orders in notification settings.
/// </summary>
public sealed class TextMessagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_customer_confirms_a_mobile_number_with_the_texted_code_and_turns_on_sms_for_shipped_orders()
    {
        var email = ApiClient.NewEmail("sms");
        await browser.Shop.RegisterConfirmedAsync(email);
        var (page, errors) = await browser.NewPageAsync(390, 844);
        await SignIn.AsAsync(page, email);

        // Without a confirmed number there is nothing to turn on.
        await page.GotoAsync("/account/notifications");
        var shippedBySms = page.GetByTestId("preferences").GetByRole(AriaRole.Checkbox, new() { Name = "Order shipped as a text message" });
        Assert.True(await shippedBySms.IsDisabledAsync());
        await page.GetByTestId("sms-note").GetByRole(AriaRole.Link, new() { Name = "Add your phone number" }).ClickAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Mobile number" }).FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await page.GetByText("Enter a 10-digit Indian mobile number").WaitForAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Mobile number" }).FillAsync("98450 12377");
        await page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        Assert.Equal("+919845012377", await page.GetByTestId("phone-to-confirm").InnerTextAsync());
        var code = await browser.Twilio.CodeSentToAsync("+919845012377");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Code", Exact = true }).FillAsync(code == "000000" ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm number" }).ClickAsync();
        await page.GetByText("This code is not right or has expired").WaitForAsync();
        await Screenshots.AtBothWidthsAsync(page, "phone-code-refused");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Code", Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm number" }).ClickAsync();
        await page.GetByText("Your mobile number is confirmed.").WaitForAsync();
        Assert.Contains("+919845012377", await page.GetByTestId("phone-status").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "phone-confirmed");

        await page.GetByRole(AriaRole.Link, new() { Name = "notification settings" }).First.ClickAsync();
        await page.GetByText("Text messages go to +919845012377").WaitForAsync();
        Assert.False(await shippedBySms.IsCheckedAsync());
        await shippedBySms.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save choices" }).ClickAsync();
        await page.GetByText("Your choices were saved.").WaitForAsync();
        Assert.True(await shippedBySms.IsCheckedAsync());
        Assert.False(await page.GetByTestId("preferences").GetByRole(AriaRole.Checkbox, new() { Name = "Order delivered as a text message" }).IsCheckedAsync());
        await Screenshots.AtBothWidthsAsync(page, "notification-settings-sms");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
