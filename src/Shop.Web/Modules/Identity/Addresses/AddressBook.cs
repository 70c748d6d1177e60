using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Identity.Addresses;

public sealed class AddressRequest : AddressInput
{
    public bool IsDefaultShipping { get; set; }

    public bool IsDefaultBilling { get; set; }

    public static AddressRequest From(AddressResponse address) => new()
    {
        FullName = address.FullName, Phone = address.Phone, Line1 = address.Line1, Line2 = address.Line2, City = address.City,
        State = address.State, PostalCode = address.PostalCode, Country = address.Country,
        IsDefaultShipping = address.IsDefaultShipping, IsDefaultBilling = address.IsDefaultBilling,
    };
}

public sealed record AddressResponse(
    Guid Id, string FullName, string Phone, string Line1, string? Line2, string City, string State, string PostalCode, string Country,
    bool IsDefaultShipping, bool IsDefaultBilling)
{
    internal static AddressResponse From(Address a) =>
        new(a.Id, a.FullName, a.Phone, a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country, a.IsDefaultShipping, a.IsDefaultBilling);
}

/// <summary>
/// A user's addresses. Every query is scoped to the owner, so another user's address is simply
/// not found. The first address becomes both defaults; choosing a new default clears the old one in
/// the same transaction, and unique partial indexes keep one default of each kind under races.
/// </summary>
public sealed class AddressBook(ShopDbContext db, TimeProvider clock)
{
    private IQueryable<Address> Owned(Guid userId) => db.Set<Address>().Where(a => a.UserId == userId);

    public async Task<IReadOnlyList<AddressResponse>> ListAsync(Guid userId) =>
        (await Owned(userId).OrderByDescending(a => a.IsDefaultShipping).ThenByDescending(a => a.CreatedAt).ToListAsync())
            .Select(AddressResponse.From).ToList();

    public async Task<AddressResponse?> GetAsync(Guid userId, Guid id) =>
        await Owned(userId).Where(a => a.Id == id).Select(a => AddressResponse.From(a)).SingleOrDefaultAsync();

    public async Task<AddressResponse> AddAsync(Guid userId, AddressRequest request)
    {
        var address = Address.Create(userId, request.ToAddress(), clock.GetUtcNow());
        var first = !await Owned(userId).AnyAsync();
        await SaveWithDefaultsAsync(userId, address, request.IsDefaultShipping || first, request.IsDefaultBilling || first, isNew: true);
        return AddressResponse.From(address);
    }

    public async Task<AddressResponse?> UpdateAsync(Guid userId, Guid id, AddressRequest request)
    {
        var address = await Owned(userId).SingleOrDefaultAsync(a => a.Id == id);
        if (address is null)
            return null;
        address.Update(request.ToAddress());
        await SaveWithDefaultsAsync(userId, address, request.IsDefaultShipping || address.IsDefaultShipping, request.IsDefaultBilling || address.IsDefaultBilling, isNew: false);
        return AddressResponse.From(address);
    }

    public async Task<bool> DeleteAsync(Guid userId, Guid id)
    {
        var address = await Owned(userId).SingleOrDefaultAsync(a => a.Id == id);
        if (address is null)
            return false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Remove(address);
        await db.SaveChangesAsync();
        // The newest remaining address takes over a default that was deleted.
        var successor = await Owned(userId).OrderByDescending(a => a.CreatedAt).FirstOrDefaultAsync();
        if (successor is not null)
        {
            successor.IsDefaultShipping |= address.IsDefaultShipping;
            successor.IsDefaultBilling |= address.IsDefaultBilling;
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        return true;
    }

    private async Task SaveWithDefaultsAsync(Guid userId, Address address, bool defaultShipping, bool defaultBilling, bool isNew)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (defaultShipping)
            await Owned(userId).Where(a => a.Id != address.Id && a.IsDefaultShipping).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDefaultShipping, false));
        if (defaultBilling)
            await Owned(userId).Where(a => a.Id != address.Id && a.IsDefaultBilling).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDefaultBilling, false));
        address.IsDefaultShipping = defaultShipping;
        address.IsDefaultBilling = defaultBilling;
        if (isNew)
            db.Add(address);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("address.default_changed", "Your default address was changed at the same moment elsewhere. Please try again.");
        }
        await transaction.CommitAsync();
    }
}
