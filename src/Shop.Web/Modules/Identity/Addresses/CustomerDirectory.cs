using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Identity.Addresses;

internal sealed class CustomerDirectory(ShopDbContext db, AddressBook book) : ICustomerDirectory
{
    public async Task<CustomerContact?> FindAsync(Guid userId) =>
        await db.Set<ShopUser>().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new CustomerContact(u.Id, u.Email!, u.DisplayName, u.Language)).SingleOrDefaultAsync();

    public async Task<string?> VerifiedPhoneAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Set<ShopUser>().AsNoTracking().Where(u => u.Id == userId && u.PhoneNumberConfirmed).Select(u => u.PhoneNumber).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<CustomerContact>> FindByEmailAsync(IReadOnlyCollection<string> emails)
    {
        var normalized = emails.Select(e => e.ToUpperInvariant()).ToList();
        return await db.Set<ShopUser>().AsNoTracking().Where(u => normalized.Contains(u.NormalizedEmail!))
            .Select(u => new CustomerContact(u.Id, u.Email!, u.DisplayName, u.Language)).ToListAsync();
    }

    public async Task<IReadOnlyList<SavedAddress>> AddressesAsync(Guid userId) =>
        (await book.ListAsync(userId)).Select(a => new SavedAddress(a.Id,
            new PostalAddress(a.FullName, a.Phone, a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country), a.IsDefaultShipping, a.IsDefaultBilling)).ToList();

    public async Task SaveAddressAsync(Guid userId, PostalAddress address)
    {
        if ((await AddressesAsync(userId)).Any(saved => saved.Address == address))
            return;
        await book.AddAsync(userId, new AddressRequest
        {
            FullName = address.FullName, Phone = address.Phone, Line1 = address.Line1, Line2 = address.Line2, City = address.City,
            State = address.State, PostalCode = address.PostalCode, Country = address.Country,
        });
    }
}
