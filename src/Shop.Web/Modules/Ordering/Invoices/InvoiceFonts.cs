using PdfSharp.Fonts;

namespace Shop.Web.Modules.Ordering.Invoices;

/// <summary>
/// DejaVu Sans (it has the rupee sign), shipped inside the app so invoices look the same on any
/// server, whatever fonts it has installed.
/// </summary>
internal sealed class InvoiceFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Setup = new();
    private static bool installed;

    /// <summary>PDFsharp's process-wide font resolver, set once before the first document.</summary>
    public static void EnsureInstalled()
    {
        lock (Setup)
        {
            if (installed)
                return;
            GlobalFontSettings.FontResolver = new InvoiceFonts();
            installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(InvoiceFonts).Assembly.GetManifestResourceStream($"Fonts/{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
