namespace Shop.Testing;

/// <summary>Real PNG pictures for upload tests: a gradient whose colours follow the seed, so different seeds give different files.</summary>
public static class TestPictures
{
    public static byte[] Png(int width, int height, int seed = 1) =>
        PngWriter.Encode(width, height, Enumerable.Range(0, width * height * 3).Select(i =>
        {
            var pixel = i / 3;
            var (x, y) = (pixel % width, pixel / width);
            return (byte)((i % 3) switch { 0 => x * 255 / width, 1 => y * 255 / height, _ => seed * 47 });
        }).ToArray());
}
