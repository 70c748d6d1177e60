using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Pricing.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Pricing.Tax;

/// <summary>A deleted category's tax rates go with it: no product can be in that category again, so they would never apply.</summary>
internal sealed class DeletedCategoryTaxRates(ShopDbContext db) : IIntegrationEventHandler<CategoryDeleted>
{
    public async Task HandleAsync(CategoryDeleted deleted, CancellationToken cancellationToken) =>
        await db.Set<TaxRate>().Where(r => r.CategoryId == deleted.CategoryId).ExecuteDeleteAsync(cancellationToken);
}
