using Microsoft.AspNetCore.DataProtection;

namespace Shop.Web.Modules.Ordering.Orders;

/// <summary>
/// The signed link a guest gets in the confirmation email: the order id protected with the shop's
/// Data Protection keys (shared by every instance through PostgreSQL), so it cannot be guessed or
/// altered to reach another order.
/// </summary>
public sealed class OrderAccess(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Shop.Ordering.GuestOrderLink");

    public string TokenFor(Guid orderId) => protector.Protect(orderId.ToString("N"));

    public bool Allows(string? token, Guid orderId)
    {
        if (string.IsNullOrEmpty(token))
            return false;
        try
        {
            return protector.Unprotect(token) == orderId.ToString("N");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    public string LinkPath(Guid orderId) => $"/orders/{orderId}?access={Uri.EscapeDataString(TokenFor(orderId))}";
}
