using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Modules.Ordering.Checkout;

/// <summary>The checkout page's form: the same choices as <see cref="CheckoutRequest"/>, plus which button was pressed.</summary>
public sealed class CheckoutForm
{
    public const string NewAddress = "new";

    [EmailAddress, MaxLength(256), Display(Name = "Email")]
    public string? Email { get; set; }

    /// <summary>The id of a saved address, or "new".</summary>
    public string SavedAddress { get; set; } = NewAddress;

    public AddressInput ShippingAddress { get; set; } = new();

    /// <summary>Offered to signed-in customers who ship to a new address.</summary>
    public bool SaveShippingAddress { get; set; }

    public bool BillingSameAsShipping { get; set; } = true;

    public AddressInput BillingAddress { get; set; } = new();

    public string ShippingMethod { get; set; } = "";

    public string PaymentMethod { get; set; } = Data.Order.CashOnDelivery;

    /// <summary>Made when the page is first shown and posted back with it, so a double submission places one order.</summary>
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>"review" or "place": the button pressed.</summary>
    public string? Action { get; set; }

    public CheckoutRequest ToRequest() => new()
    {
        Email = Email,
        ShippingAddressId = Guid.TryParse(SavedAddress, out var id) ? id : null,
        // A new address typed while a saved one is chosen goes along too, so checkout refuses the ambiguity instead of guessing.
        ShippingAddress = SavedAddress == NewAddress || IsTyped(ShippingAddress) ? ShippingAddress : null,
        SaveShippingAddress = SaveShippingAddress,
        BillingSameAsShipping = BillingSameAsShipping,
        BillingAddress = BillingSameAsShipping ? null : BillingAddress,
        ShippingMethod = ShippingMethod,
        PaymentMethod = PaymentMethod,
    };

    private static bool IsTyped(AddressInput address) =>
        new[] { address.FullName, address.Phone, address.Line1, address.Line2, address.City, address.State, address.PostalCode }.Any(f => !string.IsNullOrWhiteSpace(f));
}
