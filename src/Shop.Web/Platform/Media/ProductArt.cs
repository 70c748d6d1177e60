namespace Shop.Web.Platform.Media;

/// <summary>Placeholder product pictures for demo data: a distinct, deterministic picture per seed.</summary>
public static class ProductArt
{
    /// <summary>
    /// A width x height PNG whose colours and shapes are derived from <paramref name="seed"/>:
    /// a diagonal two-colour gradient, a band of stripes, a large backdrop disc, a rounded "product"
    /// tile with a soft shadow, and a couple of small dots. Same seed, same bytes.
    /// </summary>
    public static byte[] Render(int seed, int width = 400, int height = 400)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        // Our own generator rather than System.Random, whose sequence for a seed is not promised to stay the same.
        var random = new SplitMix((uint)seed);
        var canvas = new Canvas(width, height);

        var hue = random.NextFloat() * 360f;
        var light = Hsv(hue, 0.25f + random.NextFloat() * 0.25f, 0.93f + random.NextFloat() * 0.07f);
        var dark = Hsv(hue + 20f + random.NextFloat() * 40f, 0.45f + random.NextFloat() * 0.25f, 0.70f + random.NextFloat() * 0.15f);
        var accentHue = hue + 150f + random.NextFloat() * 60f;
        var accent = Hsv(accentHue, 0.60f + random.NextFloat() * 0.25f, 0.80f + random.NextFloat() * 0.15f);
        var second = Hsv(accentHue + 40f + random.NextFloat() * 60f, 0.50f + random.NextFloat() * 0.30f, 0.85f + random.NextFloat() * 0.15f);
        var flipGradient = random.Next(2) == 0;
        canvas.FillDiagonalGradient(flipGradient ? light : dark, flipGradient ? dark : light);

        // Shapes are laid out in a unit square scaled to the smaller side, centred on the canvas.
        var size = (float)Math.Min(width, height);
        var originX = (width - size) / 2f;
        var originY = (height - size) / 2f;
        float X(float u) => originX + u * size;
        float Y(float v) => originY + v * size;

        canvas.FillStripes(
            period: size * (0.06f + random.NextFloat() * 0.06f),
            thickness: 0.35f + random.NextFloat() * 0.2f,
            rising: random.Next(2) == 0,
            color: White, alpha: 0.12f + random.NextFloat() * 0.08f);

        // A soft tint near the background hue; mixing complementary colours at partial opacity turns muddy.
        var backdrop = Hsv(hue + 300f + random.NextFloat() * 120f, 0.30f + random.NextFloat() * 0.25f, 0.95f);
        var discRadius = size * (0.30f + random.NextFloat() * 0.12f);
        canvas.FillRoundedRect(X(0.3f + random.NextFloat() * 0.4f), Y(0.25f + random.NextFloat() * 0.3f),
            discRadius, discRadius, discRadius, backdrop, 0.8f);

        var tileX = X(0.5f + (random.NextFloat() - 0.5f) * 0.1f);
        var tileY = Y(0.55f + (random.NextFloat() - 0.5f) * 0.1f);
        var halfWidth = size * (0.16f + random.NextFloat() * 0.12f);
        var halfHeight = size * (0.16f + random.NextFloat() * 0.12f);
        var corner = Math.Min(halfWidth, halfHeight) * (0.15f + random.NextFloat() * 0.85f);
        var lift = size * 0.025f;
        canvas.FillRoundedRect(tileX + lift, tileY + lift * 1.5f, halfWidth, halfHeight, corner, Black, 0.18f);
        canvas.FillRoundedRect(tileX, tileY, halfWidth, halfHeight, corner, accent, 1f);
        // A lighter band across the tile's upper part reads as a label or highlight.
        var bandHalfHeight = halfHeight * 0.18f;
        canvas.FillRoundedRect(tileX, tileY - halfHeight * 0.35f, halfWidth * 0.7f, bandHalfHeight, bandHalfHeight, White, 0.35f);

        for (var i = 0; i < 2; i++)
        {
            var radius = size * (0.03f + random.NextFloat() * 0.05f);
            canvas.FillRoundedRect(X(0.1f + random.NextFloat() * 0.8f), Y(0.08f + random.NextFloat() * 0.2f + i * 0.62f),
                radius, radius, radius, i == 0 ? accent : second, 0.85f);
        }

        return PngWriter.Encode(width, height, canvas.Pixels);
    }

    private readonly record struct Rgb(float R, float G, float B);

    private static readonly Rgb White = new(255f, 255f, 255f);
    private static readonly Rgb Black = new(0f, 0f, 0f);

    private static Rgb Hsv(float hue, float saturation, float value)
    {
        hue %= 360f;
        var chroma = value * saturation;
        var sector = hue / 60f;
        var x = chroma * (1f - Math.Abs(sector % 2f - 1f));
        var (r, g, b) = (int)sector switch
        {
            0 => (chroma, x, 0f),
            1 => (x, chroma, 0f),
            2 => (0f, chroma, x),
            3 => (0f, x, chroma),
            4 => (x, 0f, chroma),
            _ => (chroma, 0f, x),
        };
        var m = value - chroma;
        return new Rgb((r + m) * 255f, (g + m) * 255f, (b + m) * 255f);
    }

    private sealed class Canvas(int width, int height)
    {
        public byte[] Pixels { get; } = new byte[checked(width * height * 3)];

        public void FillDiagonalGradient(Rgb from, Rgb to)
        {
            // Colour depends only on x + y, so build one lookup row and copy a shifted slice of it per row.
            var steps = width + height - 1;
            var ramp = new byte[steps * 3];
            var last = Math.Max(1, steps - 1);
            for (var i = 0; i < steps; i++)
            {
                var t = (float)i / last;
                ramp[i * 3] = ToByte(from.R + (to.R - from.R) * t);
                ramp[i * 3 + 1] = ToByte(from.G + (to.G - from.G) * t);
                ramp[i * 3 + 2] = ToByte(from.B + (to.B - from.B) * t);
            }
            var stride = width * 3;
            for (var y = 0; y < height; y++)
                ramp.AsSpan(y * 3, stride).CopyTo(Pixels.AsSpan(y * stride, stride));
        }

        public void FillStripes(float period, float thickness, bool rising, Rgb color, float alpha)
        {
            // Integer steps: a float modulo per pixel costs more than all the other drawing together.
            var step = Math.Max(2, (int)period);
            var band = Math.Max(1, (int)(step * thickness));
            for (var y = 0; y < height; y++)
            {
                var phase = (rising ? y : height - y) % step;
                for (var x = 0; x < width; x++)
                {
                    if (phase < band)
                        Blend(x, y, color, alpha);
                    if (++phase == step)
                        phase = 0;
                }
            }
        }

        /// <summary>Anti-aliased rounded rectangle; a circle is one whose half sizes both equal the radius.</summary>
        public void FillRoundedRect(float centerX, float centerY, float halfWidth, float halfHeight, float radius, Rgb color, float alpha)
        {
            radius = Math.Min(radius, Math.Min(halfWidth, halfHeight));
            var left = Math.Max(0, (int)(centerX - halfWidth - 1));
            var right = Math.Min(width - 1, (int)(centerX + halfWidth + 1));
            var top = Math.Max(0, (int)(centerY - halfHeight - 1));
            var bottom = Math.Min(height - 1, (int)(centerY + halfHeight + 1));

            for (var y = top; y <= bottom; y++)
            {
                var qy = Math.Abs(y + 0.5f - centerY) - (halfHeight - radius);
                for (var x = left; x <= right; x++)
                {
                    var qx = Math.Abs(x + 0.5f - centerX) - (halfWidth - radius);
                    // Signed distance to the rounded rectangle's edge (negative inside).
                    var distance = qx > 0f && qy > 0f
                        ? MathF.Sqrt(qx * qx + qy * qy) - radius
                        : Math.Max(qx, qy) - radius;
                    var coverage = Math.Clamp(0.5f - distance, 0f, 1f);
                    if (coverage > 0f)
                        Blend(x, y, color, alpha * coverage);
                }
            }
        }

        private void Blend(int x, int y, Rgb color, float alpha)
        {
            // With alpha in [0, 1] the result lies between two in-range values, so no clamping is needed.
            var pixel = Pixels.AsSpan((y * width + x) * 3, 3);
            pixel[0] = (byte)(pixel[0] + (color.R - pixel[0]) * alpha + 0.5f);
            pixel[1] = (byte)(pixel[1] + (color.G - pixel[1]) * alpha + 0.5f);
            pixel[2] = (byte)(pixel[2] + (color.B - pixel[2]) * alpha + 0.5f);
        }

        private static byte ToByte(float value) => (byte)Math.Clamp(value + 0.5f, 0f, 255f);
    }

    // SplitMix32-style generator: tiny, fast and fully specified here, so pictures stay stable across runtimes.
    private struct SplitMix(uint state)
    {
        private uint _state = state;

        public uint NextUInt()
        {
            var z = _state += 0x9E3779B9u;
            z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
            z = (z ^ (z >> 13)) * 0xC2B2AE35u;
            return z ^ (z >> 16);
        }

        public float NextFloat() => (NextUInt() >> 8) / 16777216f;

        public int Next(int exclusiveMax) => (int)(NextUInt() % (uint)exclusiveMax);
    }
}
