using System.Buffers.Binary;
using System.IO.Compression;

namespace Shop.Testing;

public static class PngWriter
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Encodes 8-bit RGB pixels (row-major, 3 bytes per pixel, length width*height*3) as a PNG
    /// (colour type 2, filter 0 on every row, zlib-compressed image data).
    /// </summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height * 3 != rgb.Length)
            throw new ArgumentException($"Expected {(long)width * height * 3} bytes for {width}x{height} RGB, got {rgb.Length}.", nameof(rgb));

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: truecolour
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method
        header[12] = 0; // no interlace

        var stride = width * 3;
        using var compressed = new MemoryStream(capacity: rgb.Length / 4 + 64);
        // Fastest keeps bulk generation cheap; the output is still a standard zlib stream.
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var row = 0; row < height; row++)
            {
                zlib.WriteByte(0); // filter type None
                zlib.Write(rgb.Slice(row * stride, stride));
            }
        }
        var imageData = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);

        var png = new byte[Signature.Length + (12 + header.Length) + (12 + imageData.Length) + 12];
        Signature.CopyTo(png);
        var position = Signature.Length;
        position += WriteChunk(png.AsSpan(position), "IHDR"u8, header);
        position += WriteChunk(png.AsSpan(position), "IDAT"u8, imageData);
        WriteChunk(png.AsSpan(position), "IEND"u8, []);
        return png;
    }

    private static int WriteChunk(Span<byte> destination, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, data.Length);
        type.CopyTo(destination[4..]);
        data.CopyTo(destination[8..]);
        // The CRC covers the chunk type and data, not the length.
        var crc = Crc32.Compute(destination.Slice(4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(destination[(8 + data.Length)..], crc);
        return 12 + data.Length;
    }

    // CRC-32 as specified for PNG chunks (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320).
    private static class Crc32
    {
        private static readonly uint[] Table = CreateTable();

        private static uint[] CreateTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }

        public static uint Compute(ReadOnlySpan<byte> bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc ^ 0xFFFFFFFFu;
        }
    }
}
