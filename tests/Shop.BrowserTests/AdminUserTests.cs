using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class AdminUserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignedInPageAsync(string email)
    {
        var (page, _) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, email);
        return page;
    }

    [Fact]
    public async Task An_admin_finds_a_customer_deactivates_them_and_their_open_session_ends()
    {
        var adminEmail = ApiClient.NewEmail("admin");
        await browser.Shop.RegisterConfirmedAsync(adminEmail);
        await browser.Shop.GrantRolesAsync(adminEmail, "admin");
        var customerEmail = ApiClient.NewEmail("vikram");
        await browser.Shop.RegisterConfirmedAsync(customerEmail, name: "Vikram Singh");
        var customer = await SignedInPageAsync(customerEmail);
        var admin = await SignedInPageAsync(adminEmail);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Admin", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await admin.GetByLabel("Email or name").FillAsync("Vikram");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Find users" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = customerEmail }).ClickAsync();
        Assert.Equal("Vikram Singh", await admin.Locator("h1").InnerTextAsync());
        await admin.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await admin.WaitForURLAsync("**?done=1");
        Assert.StartsWith("deactivated", await admin.GetByTestId("status").InnerTextAsync());
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-user.png"), FullPage = true });

        await customer.GotoAsync("/account");
        await customer.WaitForURLAsync("**/account/sign-in?ReturnUrl=%2Faccount");
        await customer.GetByLabel("Email").FillAsync(customerEmail);
        await customer.GetByLabel("Password").FillAsync(ApiClient.Password);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.Contains("deactivated", await customer.GetByRole(AriaRole.Alert).InnerTextAsync());
    }

    [Fact]
    public async Task A_customer_applies_to_sell_and_an_admin_approves_the_application()
    {
        var adminEmail = ApiClient.NewEmail("admin");
        await browser.Shop.RegisterConfirmedAsync(adminEmail);
        await browser.Shop.GrantRolesAsync(adminEmail, "admin");
        var applicantEmail = ApiClient.NewEmail("potter");
        await browser.Shop.RegisterConfirmedAsync(applicantEmail);
        var applicant = await SignedInPageAsync(applicantEmail);

        await applicant.GotoAsync("/account/sell");
        await applicant.GetByLabel("Shop name").FillAsync("Khurja Pottery");
        await applicant.GetByLabel("What you sell").FillAsync("Hand-painted blue pottery and planters from Khurja, packed to travel.");
        await applicant.GetByLabel("Contact email").FillAsync("hello@khurjapottery.in");
        await applicant.GetByLabel("Contact phone").FillAsync("+91 5738 123456");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
        Assert.Equal("pending", await applicant.Locator(".badge").First.InnerTextAsync());

        var admin = await SignedInPageAsync(adminEmail);
        await admin.GotoAsync("/admin/seller-applications");
        var card = admin.Locator("article", new() { HasText = "Khurja Pottery" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await admin.WaitForURLAsync("**?done=approved");

        await applicant.GotoAsync("/account/sell");
        Assert.Contains("You are a seller", await applicant.GetByRole(AriaRole.Status).InnerTextAsync());
    }
}
