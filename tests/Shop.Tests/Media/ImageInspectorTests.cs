using Shop.Testing;
using System.Text;
using Shop.Web.Platform.Media;

namespace Shop.Tests.Media;

public sealed class ImageInspectorTests
{
    private static readonly byte[] Soi = [0xFF, 0xD8];
    private static readonly byte[] Eoi = [0xFF, 0xD9];
    private static readonly byte[] App0 = [0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
    // A DHT segment: C4 is in the SOF range but is not a frame header.
    private static readonly byte[] Dht = [0xFF, 0xC4, 0x00, 0x05, 0x00, 0x00, 0x00];

    private static byte[] Sof(byte marker, int width, int height) =>
    [
        0xFF, marker, 0x00, 0x11, 0x08,
        (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width,
        0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    ];

    private static byte[] Jpeg(int width, int height, byte marker = 0xC0) => [.. Soi, .. App0, .. Dht, .. Sof(marker, width, height), .. Eoi];

    private static byte[] WebP(string fourCc, byte[] chunk) =>
    [
        .. "RIFF"u8, .. LittleEndian32(4 + 8 + chunk.Length), .. "WEBP"u8,
        .. Encoding.ASCII.GetBytes(fourCc), .. LittleEndian32(chunk.Length), .. chunk,
    ];

    private static byte[] LittleEndian32(int value) => BitConverter.GetBytes(value); // test hosts are little-endian

    private static byte[] Vp8(int width, int height, int scaleBits = 0) =>
    [
        0x50, 0x02, 0x00, 0x9D, 0x01, 0x2A,
        (byte)width, (byte)((width >> 8) | scaleBits << 6), (byte)height, (byte)((height >> 8) | scaleBits << 6),
        0x00, 0x00,
    ];

    private static byte[] Vp8L(int width, int height) =>
        [0x2F, .. LittleEndian32((width - 1) | (height - 1) << 14), 0x00];

    private static byte[] Vp8X(int width, int height) =>
    [
        0x10, 0x00, 0x00, 0x00,
        (byte)(width - 1), (byte)((width - 1) >> 8), (byte)((width - 1) >> 16),
        (byte)(height - 1), (byte)((height - 1) >> 8), (byte)((height - 1) >> 16),
    ];

    private static byte[] PngHeader(int width, int height) =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
        0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8,
        (byte)(width >> 24), (byte)(width >> 16), (byte)(width >> 8), (byte)width,
        (byte)(height >> 24), (byte)(height >> 16), (byte)(height >> 8), (byte)height,
        0x08, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    [Fact]
    public void Reads_png_dimensions()
    {
        Assert.Equal(new ImageInfo("image/png", "png", 640, 200), ImageInspector.Inspect(PngHeader(640, 200)));
        Assert.Equal(new ImageInfo("image/png", "png", 3, 2), ImageInspector.Inspect(PngWriter.Encode(3, 2, new byte[3 * 2 * 3])));
    }

    [Theory]
    [InlineData(0xC0)] // baseline
    [InlineData(0xC2)] // progressive
    [InlineData(0xCF)]
    public void Reads_jpeg_dimensions_from_the_frame_header(byte marker)
    {
        Assert.Equal(new ImageInfo("image/jpeg", "jpg", 500, 300), ImageInspector.Inspect(Jpeg(500, 300, marker)));
    }

    [Fact]
    public void Skips_jpeg_fill_bytes_and_standalone_markers()
    {
        byte[] jpeg = [.. Soi, .. App0, 0xFF, 0xFF, 0xD0, 0xFF, 0x01, 0xFF, .. Sof(0xC1, 1024, 768)];

        Assert.Equal(new ImageInfo("image/jpeg", "jpg", 1024, 768), ImageInspector.Inspect(jpeg));
    }

    [Fact]
    public void Reads_lossy_webp_dimensions_ignoring_the_scale_bits()
    {
        Assert.Equal(new ImageInfo("image/webp", "webp", 321, 123), ImageInspector.Inspect(WebP("VP8 ", Vp8(321, 123, scaleBits: 2))));
    }

    [Fact]
    public void Reads_lossless_webp_dimensions()
    {
        Assert.Equal(new ImageInfo("image/webp", "webp", 1000, 750), ImageInspector.Inspect(WebP("VP8L", Vp8L(1000, 750))));
        Assert.Equal(new ImageInfo("image/webp", "webp", 16384, 1), ImageInspector.Inspect(WebP("VP8L", Vp8L(16384, 1))));
    }

    [Fact]
    public void Reads_extended_webp_dimensions()
    {
        Assert.Equal(new ImageInfo("image/webp", "webp", 70000, 3), ImageInspector.Inspect(WebP("VP8X", Vp8X(70000, 3))));
    }

    public static TheoryData<string, byte[]> NotImages => new()
    {
        { "empty", [] },
        { "text", "just some plain text, long enough to look like a file"u8.ToArray() },
        { "HTML saved as picture.png", "<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"u8.ToArray() },
        { "GIF", [.. "GIF89a"u8, 0x10, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00] },
        { "PNG signature only", PngHeader(10, 10)[..8] },
        { "PNG with truncated IHDR", PngHeader(10, 10)[..20] },
        { "PNG whose first chunk is not IHDR", [.. PngHeader(10, 10)[..12], .. "IDAT"u8, .. PngHeader(10, 10)[16..]] },
        { "PNG zero width", PngHeader(0, 10) },
        { "PNG width over int range", PngHeader(-1, 10) },
        { "JPEG with no frame header", [.. Soi, .. App0, .. Dht, .. Eoi] },
        { "JPEG cut off before a frame header", [.. Soi, .. App0] },
        { "JPEG segment length past the end", [.. Soi, 0xFF, 0xE1, 0xFF, 0xF0, 0x45, 0x78, 0x69, 0x66] },
        { "JPEG frame header cut short", Jpeg(500, 300)[..(2 + App0.Length + Dht.Length + 9)] },
        { "JPEG segment length below two", [.. Soi, 0xFF, 0xE0, 0x00, 0x00, .. Sof(0xC0, 5, 5)] },
        { "JPEG of fill bytes", [0xFF, 0xD8, .. Enumerable.Repeat((byte)0xFF, 100)] },
        { "JPEG scan before frame header", [.. Soi, 0xFF, 0xDA, 0x00, 0x02, .. Sof(0xC0, 5, 5)] },
        { "JPEG zero height", Jpeg(500, 0) },
        { "JPEG garbage between segments", [.. Soi, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34, .. Sof(0xC0, 5, 5)] },
        { "RIFF but not WebP", [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WAVEfmt "u8, 16, 0, 0, 0, 1, 0, 2, 0] },
        { "WebP with unknown chunk", WebP("ABCD", Vp8X(10, 10)) },
        { "WebP lossy without start code", WebP("VP8 ", [0x50, 0x02, 0x00, 0x00, 0x00, 0x00, 10, 0, 10, 0]) },
        { "WebP lossy zero width", WebP("VP8 ", Vp8(0, 10)) },
        { "WebP lossy truncated", WebP("VP8 ", Vp8(10, 10))[..26] },
        { "WebP lossless without signature", WebP("VP8L", [0x00, .. Vp8L(10, 10)[1..]]) },
        { "WebP extended truncated", WebP("VP8X", Vp8X(10, 10))[..27] },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public void Rejects_anything_that_is_not_a_readable_image(string description, byte[] data)
    {
        Assert.True(ImageInspector.Inspect(data) is null, description);
    }

    [Fact]
    public void Never_throws_on_truncated_or_random_input()
    {
        byte[][] samples =
        [
            Jpeg(500, 300), WebP("VP8 ", Vp8(10, 10)), WebP("VP8L", Vp8L(10, 10)), WebP("VP8X", Vp8X(10, 10)),
            PngWriter.Encode(2, 2, new byte[12]),
        ];
        foreach (var sample in samples)
        {
            for (var length = 0; length <= sample.Length; length++)
                ImageInspector.Inspect(sample.AsSpan(0, length));
        }

        var random = new Random(1234);
        var buffer = new byte[64];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            // Force a known signature on most samples so the format parsers actually run.
            switch (i % 4)
            {
                case 0: Soi.CopyTo(buffer, 0); buffer[2] = 0xFF; break;
                case 1: "RIFF"u8.CopyTo(buffer); "WEBP"u8.CopyTo(buffer.AsSpan(8)); "VP8"u8.CopyTo(buffer.AsSpan(12)); break;
                case 2: PngHeader(1, 1).AsSpan(0, 16).CopyTo(buffer); break;
            }
            ImageInspector.Inspect(buffer.AsSpan(0, random.Next(buffer.Length + 1)));
        }
    }
}
