using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Ordering.Invoices;

/// <summary>A paid order's invoice as an A4 PDF: who sold and bought, every line with its tax, and the totals.</summary>
public sealed class InvoiceDocument(Money money, Microsoft.Extensions.Options.IOptions<StorefrontSettings> store)
{
    private const double Margin = 50;

    public byte[] Render(OrderDetail order)
    {
        InvoiceFonts.EnsureInstalled();
        var document = new PdfDocument();
        document.Info.Title = $"Invoice {order.Number}";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var regular = new XFont(InvoiceFonts.Family, 9.5, XFontStyleEx.Regular);
            var bold = new XFont(InvoiceFonts.Family, 9.5, XFontStyleEx.Bold);
            var title = new XFont(InvoiceFonts.Family, 18, XFontStyleEx.Bold);
            var width = page.Width.Point - 2 * Margin;
            var y = Margin;

            gfx.DrawString(store.Value.Name, title, XBrushes.DarkGreen, Margin, y + 18);
            gfx.DrawString("Tax invoice", bold, XBrushes.Black, new XRect(Margin, y, width, 20), XStringFormats.TopRight);
            y += 40;
            foreach (var text in new[] { $"Invoice for order {order.Number}", $"Order date: {order.PlacedAt:d MMM yyyy}", $"Paid: {(order.IsPaid ? "yes" : "no")}" })
            {
                gfx.DrawString(text, regular, XBrushes.Black, Margin, y);
                y += 14;
            }
            y += 8;
            gfx.DrawString("Bill to", bold, XBrushes.Black, Margin, y);
            gfx.DrawString("Ship to", bold, XBrushes.Black, Margin + width / 2, y);
            y += 14;
            var billing = AddressLines(order.BillingAddress);
            var shipping = AddressLines(order.ShippingAddress);
            for (var i = 0; i < Math.Max(billing.Count, shipping.Count); i++, y += 13)
            {
                if (i < billing.Count)
                    gfx.DrawString(billing[i], regular, XBrushes.Black, Margin, y);
                if (i < shipping.Count)
                    gfx.DrawString(shipping[i], regular, XBrushes.Black, Margin + width / 2, y);
            }

            y += 16;
            double[] columns = [0, 0.46, 0.54, 0.66, 0.76, 0.87];
            string[] headings = ["Item", "Qty", "Price", "Tax %", "Tax", "Amount"];
            for (var c = 0; c < headings.Length; c++)
                gfx.DrawString(headings[c], bold, XBrushes.Black, Margin + columns[c] * width, y);
            y += 5;
            gfx.DrawLine(XPens.Gray, Margin, y, Margin + width, y);
            y += 13;
            foreach (var line in order.Lines)
            {
                var name = line.ProductTitle + (line.VariantLabel == "Standard" ? "" : $" ({line.VariantLabel})");
                string[] cells = [Fit(gfx, name, regular, columns[1] * width - 6), line.Quantity.ToString(), money.Show(line.UnitPrice),
                    $"{line.TaxPercent:0.##}%", money.Show(line.Tax), money.Show(line.Total)];
                for (var c = 0; c < cells.Length; c++)
                    gfx.DrawString(cells[c], regular, XBrushes.Black, Margin + columns[c] * width, y);
                y += 14;
            }
            gfx.DrawLine(XPens.Gray, Margin, y - 8, Margin + width, y - 8);
            y += 6;
            var totals = new List<(string, string)> { ("Subtotal", money.Show(order.Subtotal)) };
            if (order.Discount > 0)
                totals.Add(($"Discount ({order.CouponCode})", "−" + money.Show(order.Discount)));
            totals.Add((order.PricesIncludeTax ? "Tax included" : "Tax", money.Show(order.Tax)));
            totals.Add(($"Shipping ({order.ShippingMethod})", money.Show(order.Shipping)));
            totals.Add(("Total", money.Show(order.Total)));
            foreach (var (label, amount) in totals)
            {
                var font = label == "Total" ? bold : regular;
                gfx.DrawString(label, font, XBrushes.Black, Margin + 0.6 * width, y);
                gfx.DrawString(amount, font, XBrushes.Black, new XRect(Margin, y - 10, width, 14), XStringFormats.TopRight);
                y += 15;
            }
            gfx.DrawString($"Thank you for shopping at {store.Value.Name}. Questions? {store.Value.SupportEmail}", regular, XBrushes.Gray, Margin, page.Height.Point - Margin);
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static List<string> AddressLines(PostalAddress a) =>
        new[] { a.FullName, a.Line1, a.Line2, $"{a.City}, {a.State} {a.PostalCode}", $"{a.Country} · {a.Phone}" }.Where(l => !string.IsNullOrWhiteSpace(l)).ToList()!;

    private static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width)
            return text;
        while (text.Length > 1 && gfx.MeasureString(text + "…", font).Width > width)
            text = text[..^1];
        return text + "…";
    }
}
