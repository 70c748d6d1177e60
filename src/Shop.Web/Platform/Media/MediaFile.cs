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

    /// <summary>Whether <see cref="Content"/> went through <see cref="ImagePipeline"/> (files kept before it hold the upload as it came).</summary>
    public bool Prepared { get; private set; }

    public string Url => UrlOf(Hash);

    public static string UrlOf(string hash) => $"/media/{hash}";

    internal static MediaFile Create(string hash, PreparedImage image, DateTimeOffset now) => new()
    {
        Hash = hash, ContentType = image.ContentType, Extension = image.Extension, Width = image.Width, Height = image.Height,
        SizeBytes = image.Content.Length, Content = image.Content, CreatedAt = now, Prepared = true,
    };
}

/// <summary>A picture at one of <see cref="Renditions.Widths"/>, as WebP or as its own format.</summary>
public sealed class MediaRendition
{
    public string Hash { get; private set; } = "";
    public int Width { get; private set; }
    public bool Webp { get; private set; }
    public string ContentType { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
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

internal sealed class MediaRenditionConfiguration : IEntityTypeConfiguration<MediaRendition>
{
    public void Configure(EntityTypeBuilder<MediaRendition> builder)
    {
        builder.ToTable("renditions", "media");
        builder.HasKey(r => new { r.Hash, r.Width, r.Webp });
        builder.Property(r => r.Hash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(32);
        builder.HasOne<MediaFile>().WithMany().HasForeignKey(r => r.Hash).OnDelete(DeleteBehavior.Cascade);
    }
}
