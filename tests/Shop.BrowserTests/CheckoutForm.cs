using Microsoft.Playwright;

namespace Shop.BrowserTests;

/// <summary>Filling in the checkout page's new shipping address, as a person types it.</summary>
public static class CheckoutForm
{
    public sealed record Address(string FullName, string Phone, string Line1, string City, string State, string PostalCode);

    public static readonly Address Chennai = new("Kavya Iyer", "+91 98450 11111", "7 Temple Street", "Chennai", "Tamil Nadu", "600004");

    /// <summary>The shipping address's fields in the order they come on the page, with what goes in each.</summary>
    private static (string Field, string Value)[] Shipping(Address address) =>
    [
        ("#f-ship-fullname", address.FullName),
        ("#f-ship-phone", address.Phone),
        ("#f-ship-line1", address.Line1),
        ("#f-ship-city", address.City),
        ("#f-ship-state", address.State),
        ("#f-ship-postalcode", address.PostalCode),
    ];

    public static async Task FillShippingAsync(IPage page, Address address)
    {
        foreach (var (field, value) in Shipping(address))
            await page.Locator(field).FillAsync(value);
    }

    /// <summary>The same, with the keyboard alone: Tab on to each field, then type.</summary>
    public static async Task TypeShippingAsync(IPage page, Address address)
    {
        foreach (var (field, value) in Shipping(address))
        {
            await KeyboardOnly.TabToAsync(page, field);
            await page.Keyboard.TypeAsync(value);
        }
    }
}
