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
}

public sealed record StoredMedia(string Hash, string Url, string ContentType, int Width, int Height, int SizeBytes);

/// <summary>Checks uploads by their content and keeps each distinct file once, in PostgreSQL.</summary>
public sealed class MediaStore(NpgsqlDataSource dataSource, IOptions<MediaOptions> options, TimeProvider clock)
{
    public async Task<StoredMedia> SaveImageAsync(Stream upload, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var content = await ReadLimitedAsync(upload, limits.MaxUploadBytes, cancellationToken);
        var image = ImageInspector.Inspect(content)
            ?? throw new InputValidationException("File", "The file is not a JPEG, PNG or WebP image.");
        if (image.Width < limits.MinDimension || image.Height < limits.MinDimension)
            throw new InputValidationException("File", $"The image is {image.Width}×{image.Height} pixels; it must be at least {limits.MinDimension}×{limits.MinDimension}.");
        if (image.Width > limits.MaxDimension || image.Height > limits.MaxDimension)
            throw new InputValidationException("File", $"The image is {image.Width}×{image.Height} pixels; it must be at most {limits.MaxDimension}×{limits.MaxDimension}.");

        var file = MediaFile.Create(Convert.ToHexStringLower(SHA256.HashData(content)), image, content, clock.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO media.files (hash, content_type, extension, width, height, size_bytes, content, created_at)
            VALUES (@Hash, @ContentType, @Extension, @Width, @Height, @SizeBytes, @Content, @CreatedAt)
            ON CONFLICT (hash) DO NOTHING
            """, file, cancellationToken: cancellationToken));
        return new StoredMedia(file.Hash, file.Url, file.ContentType, file.Width, file.Height, file.SizeBytes);
    }

    public async Task<MediaFile?> FindAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MediaFile>(new CommandDefinition(
            "SELECT hash, content_type AS ContentType, extension, width, height, size_bytes AS SizeBytes, content, created_at AS CreatedAt FROM media.files WHERE hash = @hash",
            new { hash }, cancellationToken: cancellationToken));
    }

    public async Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM media.files WHERE hash = @hash)", new { hash }, cancellationToken: cancellationToken));
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
