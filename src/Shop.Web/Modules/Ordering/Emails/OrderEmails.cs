using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Modules.Storefront.Contracts;
using Shop.Web.Platform.Email;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Ordering.Emails;

/// <summary>
/// Order confirmation and status emails to the buyer, and "new order to fulfil" to each seller; sent
/// from the outbox after the order committed. Guests get the signed link to their order.
/// </summary>
internal sealed class OrderEmails(OrderStore orders, OrderAccess access, ICustomerDirectory customers, IEmailSender email, Money money,
    IOptions<StorefrontSettings> store) : IIntegrationEventHandler<OrderPlaced>, IIntegrationEventHandler<OrderStatusChanged>
{
    private string Shop => store.Value.Name;

    public async Task HandleAsync(OrderPlaced placed, CancellationToken cancellationToken)
    {
        if (await orders.LoadAsync(placed.OrderId) is not { } order)
            return;
        var text = new StringBuilder()
            .AppendLine($"Hello {order.CustomerName},").AppendLine()
            .AppendLine($"Thank you for your order {order.Number}.").AppendLine();
        foreach (var line in order.Lines)
            text.AppendLine($"- {line.Quantity} × {line.ProductTitle}{(line.VariantLabel == "Standard" ? "" : $" ({line.VariantLabel})")}: {money.Show(line.Subtotal)}");
        text.AppendLine().AppendLine(Totals(order))
            .AppendLine($"Payment: {(order.PaymentMethod == Order.CashOnDelivery ? "cash on delivery" : order.PaymentMethod)}")
            .AppendLine($"Shipping to: {order.ShippingAddress.FullName}, {order.ShippingAddress.Line1}, {order.ShippingAddress.City}, {order.ShippingAddress.State} {order.ShippingAddress.PostalCode}")
            .AppendLine().AppendLine($"Follow your order: {OrderLink(order)}");
        await SendAsync(order.Email, $"Your {Shop} order {order.Number}", text.ToString(), cancellationToken);

        foreach (var fulfillment in order.Fulfillments)
        {
            if (await customers.FindAsync(fulfillment.SellerId) is not { } seller)
                continue;
            var items = order.Lines.Where(l => l.FulfillmentId == fulfillment.Id)
                .Select(l => $"- {l.Quantity} × {l.ProductTitle} ({l.Sku})");
            await SendAsync(seller.Email, $"New order to fulfil: {order.Number}",
                $"Hello {seller.Name},\n\nOrder {order.Number} includes your items:\n{string.Join('\n', items)}\n\nPrepare and ship them: {Link($"/seller/orders/{fulfillment.Id}")}",
                cancellationToken);
        }
    }

    public async Task HandleAsync(OrderStatusChanged changed, CancellationToken cancellationToken)
    {
        if (await orders.LoadAsync(changed.OrderId) is not { } order || order.Status != changed.Status)
            return;
        var latest = order.Events.Where(e => !e.IsInternal).OrderBy(e => e.Id).LastOrDefault()?.Message;
        await SendAsync(order.Email, $"Your order {order.Number} is {OrderStatusText.Of(order.Status).ToLowerInvariant()}",
            $"Hello {order.CustomerName},\n\n{latest}\n\nSee the details and the whole timeline: {OrderLink(order)}", cancellationToken);
    }

    private string Totals(Order order) =>
        $"Subtotal {money.Show(order.Subtotal)}" + (order.Discount > 0 ? $", discount −{money.Show(order.Discount)}" : "")
        + $", shipping {money.Show(order.Shipping)}, total {money.Show(order.Total)}"
        + (order.PricesIncludeTax ? $" (includes tax of {money.Show(order.Tax)})" : $" (tax {money.Show(order.Tax)})");

    private string OrderLink(Order order) => Link(order.CustomerId is null ? access.LinkPath(order.Id) : $"/orders/{order.Id}");

    private string Link(string path) => store.Value.PublicUrl.TrimEnd('/') + path;

    private Task SendAsync(string to, string subject, string text, CancellationToken cancellationToken) =>
        email.SendAsync(new EmailMessage(to, subject, text, $"<pre style=\"font-family:inherit\">{HtmlEncoder.Default.Encode(text)}</pre>"), cancellationToken);
}
