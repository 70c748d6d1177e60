using System.Diagnostics;
using Shop.Web.Platform.Commands;

namespace Shop.Web.Platform.Media;

/// <summary>
/// `Shop.Web media-convert`: prepares pictures kept before the image pipeline (upright, without metadata) and
/// makes every rendition that is missing, so no shopper waits for one to be made on first request.
/// </summary>
internal sealed class ConvertMediaCommand(MediaStore media) : IShopCommand
{
    public string Name => "media-convert";

    public string Usage => "media-convert";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var hashes = await media.UnconvertedAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        var (done, refused) = (0, 0);
        await Parallel.ForEachAsync(hashes, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (hash, token) =>
            {
                if (!await media.ConvertAsync(hash, token))
                    Interlocked.Increment(ref refused);
                lock (output)
                    ProgressBar.Write(output, "Pictures", ++done, hashes.Count, watch.Elapsed);
            });
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Pictures converted: {hashes.Count - refused:N0}." + (refused > 0 ? $" {refused:N0} could not be read and were left as they were." : ""));
    }
}
