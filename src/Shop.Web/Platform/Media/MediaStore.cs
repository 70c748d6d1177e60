using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Platform.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    public int MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    public int MinDimension { get; set; } = 100;

    public int MaxDimension { get; set; } = 6000;

    /// <summary>Refuses decompression bombs: a few kilobytes of PNG can claim a picture that needs gigabytes decoded.</summary>
    public long MaxPixels { get; set; } = 24_000_000;
}

public sealed record StoredMedia(string Hash, string Url, string ContentType, int Width, int Height, int SizeBytes);

/// <summary>
/// Keeps pictures in PostgreSQL, each distinct upload once (by the hash of its bytes), prepared by
/// <see cref="ImagePipeline"/> and with every rendition the pages ask for.
/// </summary>
public sealed class MediaStore(NpgsqlDataSource dataSource, IOptions<MediaOptions> options, TimeProvider clock)
{
    // Encoding is CPU-bound: more at once than there are cores only makes every request wait longer.
    private static readonly SemaphoreSlim Encoders = new(Environment.ProcessorCount);

    public async Task<StoredMedia> SaveImageAsync(Stream upload, CancellationToken cancellationToken = default)
    {
        var content = await ReadLimitedAsync(upload, options.Value.MaxUploadBytes, cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        return await SaveAsync(hash, () => ImagePipeline.PrepareUpload(content, options.Value), cancellationToken);
    }


    /// <summary>
    /// Keeps the shop's own drawings (the demo store's pictures), each distinct drawing once, and returns their
    /// hashes in order. Only the prepared picture is stored: its renditions are made on first request.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveDrawingsAsync(IReadOnlyList<string> svgs, CancellationToken cancellationToken = default)
    {
        var hashes = svgs.Select(svg => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(svg)))).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var kept = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT hash FROM media.files WHERE hash = ANY(@hashes)", new { hashes = hashes.Distinct().ToArray() }, cancellationToken: cancellationToken))).ToHashSet();
        var now = clock.GetUtcNow();
        var missing = svgs.Zip(hashes).Where(d => kept.Add(d.Second)).ToList();
        var files = new MediaFile[missing.Count];
        await Parallel.ForAsync(0, missing.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            (i, _) =>
            {
                files[i] = MediaFile.Create(missing[i].Second, ImagePipeline.PrepareDrawing(missing[i].First), now);
                return ValueTask.CompletedTask;
            });
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO media.files (hash, content_type, extension, width, height, size_bytes, content, created_at, prepared)
            VALUES (@Hash, @ContentType, @Extension, @Width, @Height, @SizeBytes, @Content, @CreatedAt, true)
            ON CONFLICT (hash) DO NOTHING
            """, files, cancellationToken: cancellationToken));
        return hashes;
    }

    private async Task<StoredMedia> SaveAsync(string hash, Func<PreparedImage> prepare, CancellationToken cancellationToken)
    {
        await using (var lookup = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var kept = await lookup.QuerySingleOrDefaultAsync<(string ContentType, int Width, int Height, int SizeBytes)?>(new CommandDefinition(
                "SELECT content_type, width, height, size_bytes FROM media.files WHERE hash = @hash AND prepared", new { hash }, cancellationToken: cancellationToken));
            if (kept is { } same)
                return new StoredMedia(hash, MediaFile.UrlOf(hash), same.ContentType, same.Width, same.Height, same.SizeBytes);
        }
        var file = MediaFile.Create(hash, await EncodeAsync(prepare, cancellationToken), clock.GetUtcNow());
        var renditions = await EncodeAsync(() => RenditionsOf(file.Content, file.Extension), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO media.files (hash, content_type, extension, width, height, size_bytes, content, created_at, prepared)
            VALUES (@Hash, @ContentType, @Extension, @Width, @Height, @SizeBytes, @Content, @CreatedAt, true)
            ON CONFLICT (hash) DO NOTHING
            """, file, transaction, cancellationToken: cancellationToken));
        await InsertRenditionsAsync(connection, transaction, hash, renditions, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StoredMedia(file.Hash, file.Url, file.ContentType, file.Width, file.Height, file.SizeBytes);
    }

    public async Task<MediaFile?> FindAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MediaFile>(new CommandDefinition(
            "SELECT hash, content_type AS ContentType, extension, width, height, size_bytes AS SizeBytes, content, created_at AS CreatedAt, prepared FROM media.files WHERE hash = @hash",
            new { hash }, cancellationToken: cancellationToken));
    }

    public async Task<MediaRendition?> FindRenditionAsync(string hash, int width, bool webp, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MediaRendition>(new CommandDefinition(
            "SELECT hash, width, webp, content_type AS ContentType, content FROM media.renditions WHERE hash = @hash AND width = @width AND webp = @webp",
            new { hash, width, webp }, cancellationToken: cancellationToken));
    }

    public async Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM media.files WHERE hash = @hash)", new { hash }, cancellationToken: cancellationToken));
    }

    /// <summary>Files kept before pictures were prepared, or missing renditions.</summary>
    public async Task<IReadOnlyList<string>> UnconvertedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT f.hash FROM media.files f
             WHERE NOT f.prepared OR (SELECT count(*) FROM media.renditions r WHERE r.hash = f.hash) < @expected
             ORDER BY f.created_at, f.hash
            """, new { expected = Renditions.Widths.Length * 2 }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Prepares a file kept before pictures were prepared (its URL keeps serving the same picture, now upright and
    /// without metadata) and adds the renditions it lacks. A file that cannot be decoded is left as it is.
    /// </summary>
    public async Task<bool> ConvertAsync(string hash, CancellationToken cancellationToken = default)
    {
        var file = await FindAsync(hash, cancellationToken);
        if (file is null)
            return false;
        PreparedImage prepared;
        try
        {
            prepared = file.Prepared
                ? new PreparedImage(file.Content, file.ContentType, file.Extension, file.Width, file.Height)
                : await EncodeAsync(() => ImagePipeline.PrepareUpload(file.Content, options.Value), cancellationToken);
        }
        catch (InputValidationException)
        {
            return false;
        }
        var renditions = await EncodeAsync(() => RenditionsOf(prepared.Content, prepared.Extension), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE media.files SET content = @Content, content_type = @ContentType, extension = @Extension,
                   width = @Width, height = @Height, size_bytes = length(@Content), prepared = true
             WHERE hash = @hash AND NOT prepared
            """, new { hash, prepared.Content, prepared.ContentType, prepared.Extension, prepared.Width, prepared.Height }, transaction, cancellationToken: cancellationToken));
        await InsertRenditionsAsync(connection, transaction, hash, renditions, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static List<(int Width, bool Webp, RenditionFormat Format, byte[] Content)> RenditionsOf(byte[] prepared, string extension) =>
        [.. Renditions.Widths.SelectMany(width => new[] { RenditionFormat.Webp, Renditions.FallbackOf(extension) }
            .Select(format => (width, format == RenditionFormat.Webp, format, ImagePipeline.Render(prepared, width, format))))];

    private static Task InsertRenditionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string hash,
        List<(int Width, bool Webp, RenditionFormat Format, byte[] Content)> renditions, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO media.renditions (hash, width, webp, content_type, content) VALUES (@hash, @Width, @Webp, @ContentType, @Content)
            ON CONFLICT DO NOTHING
            """, renditions.Select(r => new { hash, r.Width, r.Webp, ContentType = r.Format.ContentType(), r.Content }), transaction,
            cancellationToken: cancellationToken));

    private static async Task<T> EncodeAsync<T>(Func<T> encode, CancellationToken cancellationToken)
    {
        await Encoders.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(encode, cancellationToken);
        }
        finally
        {
            Encoders.Release();
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream upload, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new InputValidationException("File", $"The image is larger than {maxBytes / (1024 * 1024)} MB.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            throw new InputValidationException("File", "The file is empty.");
        return buffer.ToArray();
    }
}
