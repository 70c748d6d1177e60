using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Pricing.Contracts;

namespace Shop.Web.Modules.Ordering.Checkout;

public sealed class CheckoutRequest
{
    /// <summary>Where the confirmation goes; needed from guests (customers use their account's).</summary>
    [EmailAddress, MaxLength(256)]
    public string? Email { get; set; }

    /// <summary>A saved address of the signed-in customer, instead of <see cref="ShippingAddress"/>.</summary>
    public Guid? ShippingAddressId { get; set; }

    public AddressInput? ShippingAddress { get; set; }

    public bool BillingSameAsShipping { get; set; } = true;

    public AddressInput? BillingAddress { get; set; }

    [Required, MaxLength(32)]
    public string ShippingMethod { get; set; } = "";

    [MaxLength(32)]
    public string PaymentMethod { get; set; } = Data.Order.CashOnDelivery;

    /// <summary>Signed-in customers: add the new <see cref="ShippingAddress"/> to the address book once the order is placed.</summary>
    public bool SaveShippingAddress { get; set; }
}

public sealed record CheckoutLineView(Guid VariantId, string ProductTitle, string VariantLabel, string? ImageUrl, int Quantity, decimal UnitPrice, decimal Subtotal);

/// <summary>What the order would be: its lines and money, the shipping methods for the address, the coupon's outcome.</summary>
public sealed record CheckoutPreview(IReadOnlyList<CheckoutLineView> Lines, Quote Quote, PostalAddress ShippingAddress, PostalAddress BillingAddress);

/// <param name="AccessToken">For a guest: the token that opens the order (<c>?access=</c>), as in the confirmation email.</param>
public sealed record PlacedOrder(Guid Id, string Number, OrderStatus Status, decimal Total, string Currency, string? AccessToken);
