using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shop.Testing;
using Shop.Web.Modules.Payments.Sandbox;

namespace Shop.BrowserTests;

public sealed class LedgerPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_seller_sees_the_balance_of_a_paid_order_and_an_admin_records_a_payout()
    {
        var shop = browser.Shop;
        await shop.EnsureShippingAsync();
        var (admin, adminEmail) = await shop.SignedInClientAsync("admin", "admin");
        var (seller, sellerEmail) = await shop.SignedInClientAsync("seller", "seller");
        var catalog = new CatalogClient(shop, admin, seller);
        var category = await catalog.CategoryAsync("Prints");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Madhubani Print"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("PRT-" + Guid.NewGuid().ToString("N")[..6], 2000m)]);
        var guest = await shop.GuestWithCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        var order = await CatalogClient.Expect(await guest.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { email = ApiClient.NewEmail("art"), shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "sandbox" }),
        }), System.Net.HttpStatusCode.Created);
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync(
            $"/api/v1/orders/{order.GetProperty("id").GetString()}/payments?access={Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!)}",
            new { method = "sandbox" }), System.Net.HttpStatusCode.Created);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var payment = await scope.ServiceProvider.GetRequiredService<Shop.Web.Modules.Payments.Attempts.PaymentService>().FindAsync(started.GetProperty("paymentId").GetGuid());
            await shop.Services.GetRequiredService<SandboxGateway>().SendCallbackAsync(payment!, Shop.Web.Modules.Payments.Providers.ProviderOutcome.Succeeded, null);
        }
        await Eventually.TrueAsync(async () => (await seller.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/seller/ledger")).GetProperty("balance").GetDecimal() == 1800m,
            "the sale less 10% commission");

        var (sellerPage, sellerErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(sellerPage, sellerEmail);
        await sellerPage.GotoAsync("/seller/ledger");
        Assert.Equal("₹1,800.00", await sellerPage.GetByTestId("balance").InnerTextAsync());
        Assert.Contains("Commission, order", await sellerPage.GetByTestId("statement").InnerTextAsync());

        var (adminPage, adminErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(adminPage, adminEmail);
        await adminPage.GotoAsync("/admin/ledger");
        var row = adminPage.GetByTestId("balances").Locator("tr", new() { HasText = "₹1,800.00" });
        await row.Locator("input[name=Amount]").FillAsync("1500");
        await row.Locator("input[name=Reference]").FillAsync("NEFT-20261121");
        await row.GetByRole(AriaRole.Button, new() { Name = "Record payout" }).ClickAsync();
        await adminPage.GetByText("The payout was recorded.").WaitForAsync();
        await adminPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-ledger.png"), FullPage = true });

        await adminPage.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Prints" });
        await adminPage.GetByLabel("Commission (%)").FillAsync("7");
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Save commission" }).ClickAsync();
        await adminPage.GetByText("The commission was saved.").WaitForAsync();
        Assert.Contains("Every seller, Prints: 7.00%", await adminPage.GetByTestId("commission-rules").InnerTextAsync());

        await sellerPage.ReloadAsync();
        Assert.Equal("₹300.00", await sellerPage.GetByTestId("balance").InnerTextAsync());
        Assert.Empty(sellerErrors);
        Assert.Empty(adminErrors);
    }
}
