using System.Buffers.Binary;

namespace Shop.Web.Platform.Media;

public sealed record ImageInfo(string ContentType, string Extension, int Width, int Height);

public static class ImageInspector
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Identifies a real JPEG, PNG or WebP by its bytes (never by file name) and reads its pixel dimensions.
    /// Returns null for anything else, for truncated/corrupt headers, or when width/height cannot be read.
    /// </summary>
    public static ImageInfo? Inspect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
            return Png(data);
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
            return Jpeg(data);
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..].StartsWith("WEBP"u8))
            return WebP(data);
        return null;
    }

    private static ImageInfo? Png(ReadOnlySpan<byte> data)
    {
        // Signature, IHDR length and type, then width and height: the spec requires IHDR to come first.
        if (data.Length < 8 + 8 + 13)
            return null;
        var chunk = data[8..];
        if (BinaryPrimitives.ReadUInt32BigEndian(chunk) != 13 || !chunk[4..].StartsWith("IHDR"u8))
            return null;
        return Create("image/png", "png", BinaryPrimitives.ReadUInt32BigEndian(chunk[8..]), BinaryPrimitives.ReadUInt32BigEndian(chunk[12..]));
    }

    private static ImageInfo? Jpeg(ReadOnlySpan<byte> data)
    {
        var position = 2;
        while (position < data.Length)
        {
            if (data[position] != 0xFF)
                return null;
            while (position < data.Length && data[position] == 0xFF)
                position++;
            if (position >= data.Length)
                return null;

            var marker = data[position++];
            if (marker is (>= 0xD0 and <= 0xD8) or 0x01)
                continue;
            // End of image, or start of scan (entropy-coded data follows), before any frame header: no dimensions.
            if (marker is 0xD9 or 0xDA or 0x00)
                return null;

            if (position + 2 > data.Length)
                return null;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            // The length counts its own two bytes, so anything smaller is corrupt (and would stop the walk advancing).
            if (length < 2 || position + length > data.Length)
                return null;

            if (IsStartOfFrame(marker))
            {
                if (length < 2 + 1 + 2 + 2)
                    return null;
                var frame = data[(position + 3)..];
                return Create("image/jpeg", "jpg", BinaryPrimitives.ReadUInt16BigEndian(frame[2..]), BinaryPrimitives.ReadUInt16BigEndian(frame));
            }
            position += length;
        }
        return null;
    }

    // C4 (DHT), C8 (reserved) and CC (DAC) sit in the same range but are not frame headers.
    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    private static ImageInfo? WebP(ReadOnlySpan<byte> data)
    {
        // RIFF header (12 bytes), then the first chunk's four-character code and little-endian size.
        if (data.Length < 20)
            return null;
        var fourCc = data.Slice(12, 4);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(data[16..]);
        var chunk = data[20..];

        if (fourCc.SequenceEqual("VP8 "u8))
        {
            // Frame tag (3 bytes), start code, then 14-bit dimensions; the top two bits are upscaling hints.
            if (size < 10 || chunk.Length < 10 || chunk[3] != 0x9D || chunk[4] != 0x01 || chunk[5] != 0x2A)
                return null;
            return Create("image/webp", "webp",
                BinaryPrimitives.ReadUInt16LittleEndian(chunk[6..]) & 0x3FFFu,
                BinaryPrimitives.ReadUInt16LittleEndian(chunk[8..]) & 0x3FFFu);
        }
        if (fourCc.SequenceEqual("VP8L"u8))
        {
            if (size < 5 || chunk.Length < 5 || chunk[0] != 0x2F)
                return null;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(chunk[1..]);
            if (bits >> 29 != 0) // version must be 0
                return null;
            return Create("image/webp", "webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }
        if (fourCc.SequenceEqual("VP8X"u8))
        {
            if (size < 10 || chunk.Length < 10)
                return null;
            return Create("image/webp", "webp", ReadUInt24LittleEndian(chunk[4..]) + 1, ReadUInt24LittleEndian(chunk[7..]) + 1);
        }
        return null;
    }

    private static uint ReadUInt24LittleEndian(ReadOnlySpan<byte> bytes) =>
        bytes[0] | (uint)bytes[1] << 8 | (uint)bytes[2] << 16;

    private static ImageInfo? Create(string contentType, string extension, uint width, uint height) =>
        width is 0 or > int.MaxValue || height is 0 or > int.MaxValue
            ? null
            : new ImageInfo(contentType, extension, (int)width, (int)height);
}
