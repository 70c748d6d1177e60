using Microsoft.Playwright;

namespace Shop.BrowserTests;

/// <summary>Filling in the checkout page's new shipping address, as a person types it.</summary>
public static class CheckoutForm
{
    public sealed record Address(string FullName, string Phone, string Line1, string City, string State, string PostalCode);

    public static readonly Address Chennai = new("Kavya Iyer", "+91 98450 11111", "7 Temple Street", "Chennai", "Tamil Nadu", "600004");

    public static async Task FillShippingAsync(IPage page, Address address)
    {
        await page.Locator("#f-ship-fullname").FillAsync(address.FullName);
        await page.Locator("#f-ship-phone").FillAsync(address.Phone);
        await page.Locator("#f-ship-line1").FillAsync(address.Line1);
        await page.Locator("#f-ship-city").FillAsync(address.City);
        await page.Locator("#f-ship-state").FillAsync(address.State);
        await page.Locator("#f-ship-postalcode").FillAsync(address.PostalCode);
    }
}
