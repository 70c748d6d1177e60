using NetVips;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Platform.Media;

/// <summary>A picture made ready to keep: upright, without metadata, in sRGB, at most <see cref="Renditions.Largest"/> wide.</summary>
public sealed record PreparedImage(byte[] Content, string ContentType, string Extension, int Width, int Height);

/// <summary>
/// Decodes, checks and re-encodes pictures with libvips (NetVips): the only code that touches pixels.
/// Every picture the shop serves went through here, so none carries the uploader's EXIF (location,
/// camera serial) and none is larger than the pages use.
/// </summary>
public static class ImagePipeline
{
    private const int JpegQuality = 82;
    private const int WebpQuality = 78;
    private const int DrawingWidth = 800;

    static ImagePipeline()
    {
        // libvips caches whole operations by default; the shop never repeats one, so the cache only holds memory.
        Cache.Max = 0;
    }

    /// <summary>
    /// Checks an upload by its content (JPEG, PNG or WebP, within the size limits, and never more pixels than
    /// <see cref="MediaOptions.MaxPixels"/>, read from the header before anything is decoded), then turns it
    /// upright by its EXIF orientation and stores it without metadata.
    /// </summary>
    public static PreparedImage PrepareUpload(byte[] content, MediaOptions limits)
    {
        var header = ImageInspector.Inspect(content)
            ?? throw new InputValidationException("File", "The file is not a JPEG, PNG or WebP image.");
        if (header.Width < limits.MinDimension || header.Height < limits.MinDimension)
            throw new InputValidationException("File", $"The image is {header.Width}×{header.Height} pixels; it must be at least {limits.MinDimension}×{limits.MinDimension}.");
        if (header.Width > limits.MaxDimension || header.Height > limits.MaxDimension)
            throw new InputValidationException("File", $"The image is {header.Width}×{header.Height} pixels; it must be at most {limits.MaxDimension}×{limits.MaxDimension}.");
        if ((long)header.Width * header.Height > limits.MaxPixels)
            throw new InputValidationException("File", $"The image has {(long)header.Width * header.Height:N0} pixels; it may have at most {limits.MaxPixels:N0}.");
        try
        {
            using var decoded = Image.NewFromBuffer(content, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            // The container's header and the decoder must agree; a file that claims one size and holds another is refused.
            if (decoded.Width != header.Width || decoded.Height != header.Height)
                throw new InputValidationException("File", "The image is damaged: its header and its pictures disagree.");
            return Prepare(Image.ThumbnailBuffer(content, Renditions.Largest, height: Unbounded, size: Enums.Size.Down, failOn: Enums.FailOn.Error),
                lossless: header.ContentType == "image/png");
        }
        catch (VipsException)
        {
            throw new InputValidationException("File", "The image is damaged and cannot be read.");
        }
    }

    /// <summary>
    /// Renders the shop's own SVG drawing (never an upload: SVG can reference other files) on white (drawings
    /// paint their own background), <see cref="DrawingWidth"/> wide: flat colours stay sharp when enlarged.
    /// </summary>
    public static PreparedImage PrepareDrawing(string svg)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(svg);
        using var header = Image.SvgloadBuffer(bytes);
        using var drawing = Image.SvgloadBuffer(bytes, scale: (double)DrawingWidth / header.Width);
        return Prepare(drawing.Flatten(background: [255, 255, 255]), lossless: false);
    }

    /// <summary>The shop's own SVG (an app icon) as a square PNG <paramref name="size"/> pixels wide, transparency kept.</summary>
    public static byte[] RenderIcon(string svg, int size)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(svg);
        using var header = Image.SvgloadBuffer(bytes);
        using var icon = Image.SvgloadBuffer(bytes, scale: (double)size / header.Width);
        return Encode(icon, RenditionFormat.Png);
    }

    /// <summary>One rendition of a prepared picture: <paramref name="width"/> wide (never wider than the picture) in the given format.</summary>
    public static byte[] Render(byte[] prepared, int width, RenditionFormat format)
    {
        using var resized = Image.ThumbnailBuffer(prepared, width, height: Unbounded, size: Enums.Size.Down);
        return Encode(resized, format);
    }

    private const int Unbounded = 10_000_000;

    /// <summary>Kept as PNG when it was lossless (a PNG: drawings, screenshots) or has transparency, else as JPEG.</summary>
    private static PreparedImage Prepare(Image image, bool lossless)
    {
        using (image)
        {
            using var srgb = image.Interpretation == Enums.Interpretation.Srgb ? image.Copy() : image.Colourspace(Enums.Interpretation.Srgb);
            using var pixels = srgb.CopyMemory();
            var format = lossless || pixels.HasAlpha() ? RenditionFormat.Png : RenditionFormat.Jpeg;
            return new PreparedImage(Encode(pixels, format), format.ContentType(), format.Extension(), pixels.Width, pixels.Height);
        }
    }

    private static byte[] Encode(Image image, RenditionFormat format) => format switch
    {
        RenditionFormat.Webp => image.WebpsaveBuffer(q: WebpQuality, effort: 2, keep: Enums.ForeignKeep.None),
        RenditionFormat.Png => image.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None),
        _ => image.JpegsaveBuffer(q: JpegQuality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
    };
}
