using Shop.Testing;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Shop.Web.Platform.Media;

namespace Shop.Tests.Media;

public sealed class PngWriterTests
{
    [Fact]
    public void Encoded_png_is_recognised_with_its_dimensions()
    {
        var png = PngWriter.Encode(7, 5, Gradient(7, 5));

        Assert.Equal(new ImageInfo("image/png", "png", 7, 5), ImageInspector.Inspect(png));
    }

    [Fact]
    public void Encoded_png_has_valid_chunks_and_round_trips_the_pixels()
    {
        var rgb = Gradient(13, 9);

        var png = ReadPng(PngWriter.Encode(13, 9, rgb));

        Assert.Equal(["IHDR", "IDAT", "IEND"], png.ChunkTypes);
        Assert.Equal([8, 2, 0, 0, 0], png.Header[8..]); // 8-bit truecolour, deflate, standard filtering, not interlaced
        Assert.Equal(rgb, png.Pixels);
    }

    [Fact]
    public void Encode_rejects_pixel_data_of_the_wrong_length()
    {
        Assert.Throws<ArgumentException>(() => PngWriter.Encode(4, 4, new byte[4 * 4 * 3 - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Encode(0, 4, []));
    }

    [Fact]
    public void Test_crc_matches_the_published_check_values()
    {
        Assert.Equal(0xCBF43926u, Crc32("123456789"u8));
        Assert.Equal(0xAE426082u, Crc32("IEND"u8)); // the CRC every PNG ends with
    }

    private static byte[] Gradient(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < rgb.Length; i++)
            rgb[i] = (byte)(i * 37 % 256);
        return rgb;
    }

    private sealed record Png(List<string> ChunkTypes, byte[] Header, byte[] Pixels);

    /// <summary>Independent reader: checks the signature, every chunk's CRC and the image data layout.</summary>
    private static Png ReadPng(byte[] bytes)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        var types = new List<string>();
        byte[]? header = null;
        var idat = new MemoryStream();
        var position = 8;
        while (position < bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(position));
            var type = Encoding.ASCII.GetString(bytes, position + 4, 4);
            var data = bytes.AsSpan(position + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position + 8 + length));
            Assert.True(Crc32(bytes.AsSpan(position + 4, 4 + length)) == crc, $"bad CRC on {type}");
            types.Add(type);
            if (type == "IHDR")
                header = data.ToArray();
            if (type == "IDAT")
                idat.Write(data);
            position += 12 + length;
        }
        Assert.Equal(bytes.Length, position);
        Assert.NotNull(header);
        Assert.Equal(13, header.Length);

        var width = BinaryPrimitives.ReadInt32BigEndian(header);
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = 1 + width * 3;
        Assert.Equal(height * stride, raw.Length);

        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, raw[y * stride]); // filter type None on every row
            raw.AsSpan(y * stride + 1, width * 3).CopyTo(pixels.AsSpan(y * width * 3));
        }
        return new Png(types, header, pixels);
    }

    // Bit-at-a-time CRC-32, deliberately not the writer's table-driven one.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
        }
        return ~crc;
    }
}
