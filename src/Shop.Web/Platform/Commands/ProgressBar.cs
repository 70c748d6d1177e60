namespace Shop.Web.Platform.Commands;

/// <summary>One line that redraws itself: what is done out of how many, and how fast.</summary>
public static class ProgressBar
{
    public static void Write(TextWriter output, string what, int done, int total, TimeSpan elapsed)
    {
        const int width = 30;
        var filled = (int)((long)done * width / Math.Max(1, total));
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        output.Write($"\r{what,-9} [{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} ({rate:N0}/s)");
    }
}
