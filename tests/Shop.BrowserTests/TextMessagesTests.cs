using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>
/// Text messages on a phone: a customer adds a mobile number on the account page, types in the code the
/// shop texted, and then turns on SMS for shipped orders in notification settings; a seller marks a parcel
/// out for delivery on its order page, and the customer who chose it is texted.
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

    [Fact]
    public async Task A_seller_marks_a_shipped_parcel_out_for_delivery_and_the_customer_who_chose_sms_is_texted()
    {
        const string phone = "+919845012388";
        var shop = browser.Shop;
        await shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(shop);
        var (seller, sellerEmail) = await shop.SignedInClientAsync("seller", "seller");
        var category = await catalog.CategoryAsync("Bells");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Temple Bell"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("BELL-" + Guid.NewGuid().ToString("N")[..6], 450m, stock: 5)], client: seller);

        var (customer, email) = await shop.SignedInClientAsync("courier");
        await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/me/phone/code", new { phoneNumber = phone }), HttpStatusCode.Accepted);
        var code = await browser.Twilio.CodeSentToAsync(phone);
        await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/me/phone/confirm", new { phoneNumber = phone, code }), HttpStatusCode.OK);
        customer = shop.BearerClient((await shop.LoginAsync(email)).AccessToken);
        await CatalogClient.Expect(await customer.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = new[] { new { kind = "order-out-for-delivery", email = true, inApp = true, sms = true } } }), HttpStatusCode.OK);
        await customer.AddToCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        var number = (await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created)).GetProperty("number").GetString()!;
        var fulfillmentId = (await seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments")).GetProperty("items").EnumerateArray()
            .Single(f => f.GetProperty("orderNumber").GetString() == number).GetProperty("id").GetString();
        await CatalogClient.Expect(await seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status",
            new { status = "shipped", carrier = "Delhivery", trackingNumber = "DL-OFD-1" }), HttpStatusCode.OK);

        var (page, errors) = await browser.NewPageAsync(390, 844);
        await SignIn.AsAsync(page, sellerEmail);
        await page.GotoAsync("/seller/orders");
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as out for delivery" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("done=updated"));
        Assert.Equal("out for delivery", await page.GetByTestId("fulfillment-status").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Mark as out for delivery" }).CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as delivered" }).WaitForAsync();
        await Screenshots.AtBothWidthsAsync(page, "seller-order-out-for-delivery");

        var texted = await browser.Twilio.WaitForAsync(phone, $"your order {number} is out for delivery today with Delhivery");
        Assert.StartsWith("Bazaar: ", texted.Body);
        Assert.Empty(errors);
        await page.Context.CloseAsync();

        // Admins see what was texted and what the provider last said about it.
        var (_, adminEmail) = await shop.SignedInClientAsync("admin", "admin");
        var (adminPage, adminErrors) = await browser.NewPageAsync(390, 844);
        await SignIn.AsAsync(adminPage, adminEmail);
        await adminPage.GotoAsync("/admin/notifications/text-messages");
        var row = adminPage.GetByTestId("text-message").Filter(new() { HasText = $"your order {number} is out for delivery" });
        Assert.Contains(phone, await row.InnerTextAsync());
        Assert.Contains("queued", await row.InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(adminPage, "admin-text-messages");
        Assert.Empty(adminErrors);
        await adminPage.Context.CloseAsync();
    }
}
