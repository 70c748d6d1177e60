using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Cart.Contracts;
using Shop.Web.Modules.Cart.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Cart.Shopping;

internal sealed class CustomerCarts(ShopDbContext db) : ICustomerCarts
{
    public async Task<IReadOnlyList<CustomerCartLine>> LinesAsync(Guid customerId, CancellationToken cancellationToken = default) =>
        await db.Set<ShoppingCart>().AsNoTracking().Where(c => c.CustomerId == customerId)
            .SelectMany(c => c.Lines).OrderBy(l => l.AddedAt)
            .Select(l => new CustomerCartLine(l.VariantId, l.Quantity, l.PriceWhenAdded)).ToListAsync(cancellationToken);
}
