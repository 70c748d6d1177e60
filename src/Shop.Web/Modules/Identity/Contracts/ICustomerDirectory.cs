namespace Shop.Web.Modules.Identity.Contracts;

/// <summary>A postal address as orders keep it.</summary>
public sealed record PostalAddress(
    string FullName, string Phone, string Line1, string? Line2, string City, string State, string PostalCode, string Country);

public sealed record SavedAddress(Guid Id, PostalAddress Address, bool IsDefaultShipping, bool IsDefaultBilling);

/// <summary>How to reach a customer; <see cref="Language"/> is the culture they chose (null: the shop's default).</summary>
public sealed record CustomerContact(Guid UserId, string Email, string Name, string? Language = null);

/// <summary>What checkout and orders need to know about a customer.</summary>
public interface ICustomerDirectory
{
    Task<CustomerContact?> FindAsync(Guid userId);

    /// <summary>The account's phone number (E.164) once the user has proved it by entering a texted code; null otherwise.</summary>
    Task<string?> VerifiedPhoneAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>The accounts with these email addresses (as stored, lower case); unknown addresses are left out.</summary>
    Task<IReadOnlyList<CustomerContact>> FindByEmailAsync(IReadOnlyCollection<string> emails);

    /// <summary>The customer's address book, default shipping address first.</summary>
    Task<IReadOnlyList<SavedAddress>> AddressesAsync(Guid userId);

    /// <summary>Adds an address to the customer's address book unless the same address is already there.</summary>
    Task SaveAddressAsync(Guid userId, PostalAddress address);
}
