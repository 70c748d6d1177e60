using PdfSharp;
using PdfSharp.Fonts;

namespace Shop.Web.Modules.Ordering.Invoices;

public sealed class InvoiceOptions
{
    public const string Section = "Invoices";

    /// <summary>
    /// A commercial PDFsharp license key. Without one, PDFsharp is used under its free AGPL license,
    /// which suits this open-source shop (see docs/adr/0009).
    /// </summary>
    public string? PdfSharpLicenseKey { get; set; }
}

/// <summary>
/// DejaVu Sans (it has the rupee sign), shipped inside the app so invoices look the same on any
/// server, whatever fonts it has installed.
/// </summary>
internal sealed class InvoiceFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Setup = new();
    private static bool installed;

    /// <summary>PDFsharp's process-wide settings (font resolver, license), made once before the first document.</summary>
    public static void EnsureInstalled(InvoiceOptions options)
    {
        lock (Setup)
        {
            if (installed)
                return;
            GlobalFontSettings.FontResolver = new InvoiceFonts();
            if (string.IsNullOrWhiteSpace(options.PdfSharpLicenseKey))
                PdfSharpLicense.SetAgplLicense();
            else
                PdfSharpLicense.LoadLicense(options.PdfSharpLicenseKey);
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
