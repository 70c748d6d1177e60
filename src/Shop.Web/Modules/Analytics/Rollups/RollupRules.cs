using Shop.Web.Modules.Analytics.Data;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Analytics.Rollups;

/// <summary>
/// What an order counts for, shared by the outbox handlers (one order as its events arrive) and the
/// rebuild (every order at once), so both reach the same figures.
/// </summary>
internal static class RollupRules
{
    /// <summary>
    /// Brings an order's counts up to its current facts: its sale when first seen, then whatever
    /// happened since it was last counted (status moved, cancelled, returned, refunded offline).
    /// Returns the record of what it is now counted for (a new one when <paramref name="counted"/> is null).
    /// <paramref name="refunds"/> are the order's online refunds, which a cancellation and a refund by hand weigh against.
    /// </summary>
    public static CountedOrder Count(RollupDelta delta, OrderFacts order, CountedOrder? counted, IReadOnlyList<RefundRecord> refunds,
        Func<DateTimeOffset, DateOnly> dayOf)
    {
        var status = StatusName(order.Status);
        if (counted is null)
        {
            counted = new CountedOrder(order.Id, dayOf(order.PlacedAt), status);
            delta.Sale(order, counted.Day, +1);
            delta.Placed(counted.Day);
            delta.Status(counted.Day, status, +1);
        }
        else if (counted.Status != status)
        {
            delta.Status(counted.Day, counted.Status, -1);
            delta.Status(counted.Day, status, +1);
            counted.Status = status;
        }
        if (order.CancelledAt is { } cancelledAt && !counted.Cancelled)
        {
            // A cancelled order was never a sale: its sale goes, and so do the refunds counted before it was cancelled.
            delta.Sale(order, counted.Day, -1);
            foreach (var refund in refunds.Where(r => Counts(r, cancelledAt)))
                delta.Refund(order, dayOf(refund.RefundedAt), -refund.Amount);
            counted.Cancelled = true;
        }
        if (order.ReturnedAt is not null && !counted.Returned)
        {
            delta.Return(order, counted.Day);
            counted.Returned = true;
        }
        if (order.RefundedOfflineAt is { } refundedAt && !counted.RefundedOffline)
        {
            // Handed back by hand: what the online refunds had not already returned.
            var byHand = order.Total - refunds.Where(r => r.RefundedAt <= refundedAt).Sum(r => r.Amount);
            if (byHand > 0)
                delta.Refund(order, dayOf(refundedAt), byHand);
            counted.RefundedOffline = true;
        }
        return counted;
    }

    /// <summary>
    /// An online refund, on its own day. Money returned for an order already cancelled is not a refund of a sale
    /// (the cancellation took the sale back), and one returned before it was cancelled is taken back with the sale.
    /// </summary>
    public static void Refund(RollupDelta delta, OrderFacts order, RefundRecord refund, Func<DateTimeOffset, DateOnly> dayOf)
    {
        if (order.CancelledAt is { } cancelledAt && !Counts(refund, cancelledAt))
            return;
        delta.Refund(order, dayOf(refund.RefundedAt), refund.Amount);
    }

    /// <summary>Whether a refund of an order cancelled at <paramref name="cancelledAt"/> was counted when it came (before the cancellation).</summary>
    private static bool Counts(RefundRecord refund, DateTimeOffset cancelledAt) => refund.RefundedAt < cancelledAt;

    /// <summary>Signed-in customers by id, guests by email.</summary>
    public static string CustomerKey(OrderFacts order) => order.CustomerId?.ToString() ?? "guest:" + order.Email.ToLowerInvariant();

    /// <summary>
    /// Counts a newly seen order as a new customer's first or a returning customer's. An order placed
    /// before the one taken as first (its event came late) becomes the first, and that one returning.
    /// Returns the customer's first order as it now stands.
    /// </summary>
    public static FirstOrder Customer(RollupDelta delta, FirstOrder? first, OrderFacts order, Func<DateTimeOffset, DateOnly> dayOf)
    {
        var day = dayOf(order.PlacedAt);
        if (first is null)
        {
            delta.NewCustomer(day, +1);
            return new FirstOrder(CustomerKey(order), order.Id, order.PlacedAt);
        }
        if ((order.PlacedAt, order.Id).CompareTo((first.FirstPlacedAt, first.FirstOrderId)) < 0)
        {
            var formerDay = dayOf(first.FirstPlacedAt);
            delta.NewCustomer(formerDay, -1);
            delta.ReturningOrder(formerDay, +1);
            delta.NewCustomer(day, +1);
            first.FirstOrderId = order.Id;
            first.FirstPlacedAt = order.PlacedAt;
            return first;
        }
        delta.ReturningOrder(day, +1);
        return first;
    }

    public static string StatusName(OrderStatus status) => SnakeCaseNames.ToSnakeCase(status.ToString());
}
