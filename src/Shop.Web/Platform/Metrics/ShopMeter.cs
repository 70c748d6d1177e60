using System.Diagnostics.Metrics;

namespace Shop.Web.Platform.Metrics;

/// <summary>A service that publishes instruments on the shop's own meter; the meter provider creates every one at start.</summary>
public interface IMetricsSource;

/// <summary>The shop's business instruments, next to the framework's and Npgsql's.</summary>
public sealed class ShopMeter : IMetricsSource
{
    public const string Name = "Shop";

    private readonly Counter<long> ordersPlaced;

    public ShopMeter(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        ordersPlaced = meter.CreateCounter<long>("shop.orders.placed", "{order}", "Orders placed through this instance.");
    }

    public void OrderPlaced(string paymentMethod) => ordersPlaced.Add(1, new KeyValuePair<string, object?>("payment.method", paymentMethod));
}
