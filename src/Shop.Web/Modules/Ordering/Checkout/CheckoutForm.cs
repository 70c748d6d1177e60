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
        ShippingAddress = Guid.TryParse(SavedAddress, out _) ? null : ShippingAddress,
        BillingSameAsShipping = BillingSameAsShipping,
        BillingAddress = BillingSameAsShipping ? null : BillingAddress,
        ShippingMethod = ShippingMethod,
        PaymentMethod = PaymentMethod,
    };
}
