using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Modules.Cart.Contracts;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Metrics;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Ordering.Checkout;

/// <summary>
/// Turns the visitor's cart into an order in one transaction: lock the cart, re-read prices and
/// availability, price it, reserve the stock (conditional updates that never oversell), create the
/// order with its snapshots, record the coupon's use, clear the cart and queue the events. A retried
/// request with the same idempotency key, from the same buyer, gets the order it already placed.
/// </summary>
public sealed class OrderPlacement(
    ShopDbContext db, ICartCheckout carts, ICatalogLookup catalog, IInventory inventory, IPricing pricing, ICustomerDirectory customers,
    IPayments payments, Orders.OrderAccess access, IOutbox outbox, IShoppingActivity activity, TimeProvider clock, ShopMeter meter, IStringLocalizer<Strings> texts)
{
    public const int MaxIdempotencyKeyLength = 100;

    private sealed record Buyer(Guid? CustomerId, string Email, string Name);

    private sealed record Priced(CheckoutCart Cart, IReadOnlyList<(CheckoutLine Line, VariantInfo Info)> Lines, Quote Quote);

    public async Task<CheckoutPreview> PreviewAsync(Guid? customerId, CheckoutRequest request)
    {
        var (buyer, shipTo, billTo) = await ResolveAsync(customerId, request, requireEmail: false);
        await carts.MergeAfterSignInAsync();
        var priced = await db.InTransactionAsync(() => PriceAsync(buyer, shipTo, request.ShippingMethod));
        return new CheckoutPreview(
            priced.Lines.Select((l, i) => new CheckoutLineView(l.Line.VariantId, l.Info.ReaderTitle, l.Info.VariantLabel, l.Info.ImageUrl, l.Line.Quantity,
                l.Info.Price, priced.Quote.Lines[i].Subtotal)).ToList(),
            priced.Quote, shipTo, billTo);
    }

    /// <summary>Places the order; the flag says whether it was placed now (false: the same request was already served).</summary>
    /// <param name="visitor">The browser's visitor id, for the funnel; without one the customer, or a guest's order itself, counts as the visitor.</param>
    public async Task<(PlacedOrder Order, bool Created)> PlaceAsync(Guid? customerId, CheckoutRequest request, string? idempotencyKey, Guid? visitor)
    {
        if (idempotencyKey is { Length: > MaxIdempotencyKeyLength })
            throw new InputValidationException("Idempotency-Key", $"Use at most {MaxIdempotencyKeyLength} characters.");
        var scope = string.IsNullOrEmpty(idempotencyKey) ? null : await carts.ScopeAsync();
        var requestHash = RequestHash(request);
        if (await PlacedBeforeAsync(scope, idempotencyKey, requestHash) is { } earlier)
            return (earlier, false);

        var (buyer, shipTo, billTo) = await ResolveAsync(customerId, request, requireEmail: true);
        if (!(await payments.MethodsAsync()).Any(m => m.Code == request.PaymentMethod))
            throw new InputValidationException(nameof(request.PaymentMethod), "Choose a payment method offered at checkout.");

        await carts.MergeAfterSignInAsync();
        PlacedOrder? concurrent = null;
        var order = await db.InTransactionAsync<Order?>(async () =>
        {
            Priced priced;
            try
            {
                priced = await PriceAsync(buyer, shipTo, request.ShippingMethod);
            }
            catch (RuleViolationException e) when (e.Code == "order.empty" && scope is not null)
            {
                // The same request, sent twice at once: the other one placed the order and emptied the cart while this one waited for the lock.
                concurrent = await PlacedBeforeAsync(scope, idempotencyKey, requestHash);
                if (concurrent is null)
                    throw;
                return null;
            }
            return await CreateAsync(priced, buyer, shipTo, billTo, request, scope, idempotencyKey, requestHash);
        });
        if (order is null)
            return (concurrent!, false);
        meter.OrderPlaced(order.PaymentMethod);
        activity.Ordered(visitor ?? buyer.CustomerId ?? order.Id);
        if (request.SaveShippingAddress && request.ShippingAddressId is null && buyer.CustomerId is { } customer)
            await customers.SaveAddressAsync(customer, shipTo);
        return (Placed(order), true);
    }

    /// <summary>Reserves the stock and records the order, the coupon's use and the emptied cart, inside the placement's transaction.</summary>
    private async Task<Order> CreateAsync(Priced priced, Buyer buyer, PostalAddress shipTo, PostalAddress billTo, CheckoutRequest request,
        string? scope, string? idempotencyKey, string requestHash)
    {
        var quote = priced.Quote;
        var number = OrderNumbers.Next(clock.GetUtcNow());
        await inventory.ReserveAsync(priced.Lines.Select(l => new StockLine(l.Line.VariantId, l.Line.Quantity)).ToList(), number);

        var order = Order.Place(new OrderDraft(number, buyer.CustomerId, buyer.Email, buyer.Name, request.PaymentMethod, quote.Currency,
            quote.Subtotal, quote.Discount, quote.Tax, quote.Shipping ?? 0, quote.Total, quote.PricesIncludeTax, quote.Coupon?.Code,
            quote.SelectedShipping!.Code, quote.SelectedShipping.Name, shipTo, billTo, scope, string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey,
            scope is null ? null : requestHash,
            priced.Lines.Select((l, i) => new OrderLineDraft(l.Info.VariantId, l.Info.ProductId, l.Info.SellerId, l.Info.CategoryId, l.Info.ProductTitle, l.Info.ProductSlug,
                Fit(l.Info.VariantLabel, 200), l.Info.Sku, l.Info.ImageUrl, l.Info.Price, l.Line.Quantity, quote.Lines[i].Subtotal, quote.Lines[i].Discount,
                quote.Lines[i].TaxPercent, quote.Lines[i].Tax, quote.Lines[i].Total)).ToList()), clock.GetUtcNow());
        db.Add(order);
        outbox.Add(new OrderPlaced(order.Id, order.Lines.Select(l => new OrderedItem(l.ProductId, l.VariantId, l.Quantity)).ToList()));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two random order numbers met (about one in ten million at 100,000 orders a year); nothing was kept.
            throw new ConflictException("order.retry", "We could not place your order just now. Please try again.");
        }
        if (quote.Coupon is { Applied: true } coupon)
            await pricing.RedeemAsync(coupon.Code, new Pricing.Contracts.Buyer(buyer.CustomerId, buyer.Email), order.Id, coupon.Discount);
        await carts.ClearAsync(priced.Cart.CartId);
        return order;
    }

    /// <summary>
    /// The order an earlier request with this key placed. The same key with a different request is
    /// refused rather than answered with an order the caller did not ask for (as payment APIs do).
    /// </summary>
    private async Task<PlacedOrder?> PlacedBeforeAsync(string? scope, string? key, string requestHash)
    {
        if (scope is null || string.IsNullOrEmpty(key))
            return null;
        var found = await db.Set<Order>().AsNoTracking().Where(o => o.IdempotencyScope == scope && o.IdempotencyKey == key)
            .Select(o => new { o.Id, o.Number, o.Status, o.Total, o.Currency, o.CustomerId, o.IdempotencyRequestHash }).SingleOrDefaultAsync();
        if (found is null)
            return null;
        if (found.IdempotencyRequestHash is not null && found.IdempotencyRequestHash != requestHash)
            throw new RuleViolationException("idempotency.key_reused",
                "This Idempotency-Key was already used to place an order with different details. Send a new key for a new order.");
        return new PlacedOrder(found.Id, found.Number, found.Status, found.Total, found.Currency, found.CustomerId is null ? access.TokenFor(found.Id) : null);
    }

    private static string RequestHash(CheckoutRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));

    private static string Fit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private PlacedOrder Placed(Order order) =>
        new(order.Id, order.Number, order.Status, order.Total, order.Currency, order.CustomerId is null ? access.TokenFor(order.Id) : null);

    /// <summary>Locks the cart (the caller holds the transaction) and prices what it holds today.</summary>
    private async Task<Priced> PriceAsync(Buyer buyer, PostalAddress shipTo, string shippingMethod)
    {
        var cart = await carts.LockAsync();
        if (cart is null || cart.Lines.Count == 0)
            throw new RuleViolationException("order.empty", "Your cart is empty.");
        var infos = await catalog.VariantsAsync(cart.Lines.Select(l => l.VariantId).ToList());
        var lines = cart.Lines.Select(line => (line, infos.GetValueOrDefault(line.VariantId))).ToList();
        if (lines.FirstOrDefault(l => l.Item2 is not { Purchasable: true }) is { Item1: not null } gone)
            throw new ConflictException("cart.unavailable",
                $"{gone.Item2?.ReaderTitle ?? "An item in your cart"} is no longer available. Please remove it from your cart.");
        var quote = await pricing.QuoteAsync(new PricingRequest(
            lines.Select(l => new PricingLine(l.line.VariantId, l.Item2!.ProductId, l.Item2.SellerId, l.Item2.CategoryPath, l.Item2.Price, l.line.Quantity, l.Item2.WeightGrams)).ToList(),
            cart.CouponCode, new Pricing.Contracts.Buyer(buyer.CustomerId, buyer.Email.Length > 0 ? buyer.Email : null),
            new Destination(shipTo.State, shipTo.PostalCode, shipTo.Country), shippingMethod));
        if (quote.SelectedShipping is null || quote.SelectedShipping.Code != shippingMethod)
            throw new InputValidationException(nameof(CheckoutRequest.ShippingMethod), "Choose one of the shipping methods offered.");
        if (quote.Coupon is { Applied: false } refused)
            throw new ConflictException("coupon.not_applicable",
                texts["{0} Remove the coupon to place the order without it.", CouponReasons.ForReader(refused.Reason!, texts)]);
        return new Priced(cart, lines.Select(l => (l.line, l.Item2!)).ToList(), quote);
    }

    private async Task<(Buyer Buyer, PostalAddress ShipTo, PostalAddress BillTo)> ResolveAsync(Guid? customerId, CheckoutRequest request, bool requireEmail)
    {
        var errors = new Dictionary<string, string[]>();
        var contact = customerId is { } id ? await customers.FindAsync(id) : null;
        var email = (contact?.Email ?? request.Email ?? "").Trim().ToLowerInvariant();
        if (requireEmail && email.Length == 0)
            errors[nameof(request.Email)] = ["Enter your email so we can send your confirmation."];

        PostalAddress? shipTo = null;
        if (request.ShippingAddressId is not null && request.ShippingAddress is not null)
            errors[nameof(request.ShippingAddressId)] = ["You chose a saved address and also entered a new one. Choose \"A new address\" to ship to the one you entered, or clear it to use the saved one."];
        else if (request.ShippingAddressId is { } addressId)
        {
            var saved = customerId is { } owner ? (await customers.AddressesAsync(owner)).FirstOrDefault(a => a.Id == addressId) : null;
            if (saved is null)
                errors[nameof(request.ShippingAddressId)] = ["Choose one of your saved addresses."];
            shipTo = saved?.Address;
        }
        else
            shipTo = Validated(request.ShippingAddress, nameof(request.ShippingAddress), errors);
        var billTo = request.BillingSameAsShipping ? shipTo : Validated(request.BillingAddress, nameof(request.BillingAddress), errors);
        if (errors.Count > 0)
            throw new InputValidationException(errors);
        return (new Buyer(customerId, email, contact?.Name ?? shipTo!.FullName), shipTo!, billTo!);
    }

    private static PostalAddress? Validated(AddressInput? input, string field, Dictionary<string, string[]> errors)
    {
        if (input is null)
        {
            errors[field] = ["Enter the address."];
            return null;
        }
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
            return input.ToAddress();
        foreach (var result in results)
            foreach (var member in result.MemberNames)
                errors[$"{field}.{member}"] = [result.ErrorMessage ?? "Invalid."];
        return null;
    }
}
