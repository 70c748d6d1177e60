using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Pricing.Data;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Pricing.Shipping;

/// <summary>
/// A new shop can sell at once: standard and express shipping and GST at 18 % (5 % for clothing
/// is a typical first change admins make on the tax page). Only runs while nothing is configured.
/// </summary>
internal sealed class DefaultPricingSetup(ShopDbContext db) : ISetupStep
{
    public int Order => 40;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (!await db.Set<ShippingMethod>().AnyAsync(cancellationToken))
        {
            db.Add(new ShippingMethod("standard", "Standard") { DeliveryEstimate = "3–6 business days", BaseRate = 49m, PerKgRate = 20m, FreeOver = 499m, SortOrder = 1 });
            var express = new ShippingMethod("express", "Express") { DeliveryEstimate = "1–2 business days", BaseRate = 149m, PerKgRate = 40m, SortOrder = 2 };
            express.Rates.Add(new ShippingRate(null, "7", 199m, 50m));
            db.Add(express);
            await output.WriteLineAsync("Shipping: standard and express methods");
        }
        if (!await db.Set<TaxRate>().AnyAsync(cancellationToken))
        {
            db.Add(new TaxRate("GST 18%", 18m, null, null));
            await output.WriteLineAsync("Tax: GST 18% on everything");
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
