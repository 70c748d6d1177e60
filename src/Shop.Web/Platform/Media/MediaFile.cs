using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Platform.Media;

/// <summary>An uploaded image, keyed by the SHA-256 of its bytes so the same file is stored once.</summary>
public sealed class MediaFile
{
    private MediaFile() { }

    public string Hash { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public string Extension { get; private set; } = "";
    public int Width { get; private set; }
    public int Height { get; private set; }
    public int SizeBytes { get; private set; }
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    public string Url => UrlOf(Hash);

    public static string UrlOf(string hash) => $"/media/{hash}";

    internal static MediaFile Create(string hash, ImageInfo image, byte[] content, DateTimeOffset now) => new()
    {
        Hash = hash, ContentType = image.ContentType, Extension = image.Extension, Width = image.Width, Height = image.Height,
        SizeBytes = content.Length, Content = content, CreatedAt = now,
    };
}

internal sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> builder)
    {
        builder.ToTable("files", "media");
        builder.HasKey(f => f.Hash);
        builder.Property(f => f.Hash).HasMaxLength(64);
        builder.Property(f => f.ContentType).HasMaxLength(32);
        builder.Property(f => f.Extension).HasMaxLength(8);
        builder.Ignore(f => f.Url);
    }
}
