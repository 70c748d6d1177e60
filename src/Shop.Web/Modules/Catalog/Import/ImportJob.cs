using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;
using Shop.Web.Modules.Catalog.Data;

namespace Shop.Web.Modules.Catalog.Import;

public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

public sealed record ImportRowError(int Row, string Message);

/// <summary>A seller's CSV upload, worked through in the background product by product.</summary>
public sealed class ImportJob
{
    private ImportJob() { }

    public Guid Id { get; private set; }
    public Guid SellerId { get; private set; }
    public string FileName { get; private set; } = "";
    public ImportStatus Status { get; private set; }
    public int TotalRows { get; private set; }
    public int ProcessedRows { get; private set; }
    public int CreatedProducts { get; private set; }
    public int UpdatedProducts { get; private set; }
    public List<ImportRowError> Errors { get; private set; } = [];
    public string Content { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }

    public static ImportJob Queue(Guid sellerId, string fileName, string content, int totalRows, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), SellerId = sellerId, FileName = fileName, Content = content, TotalRows = totalRows,
        Status = ImportStatus.Queued, CreatedAt = now,
    };
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("import_jobs", CatalogSchema.Name);
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.FileName).HasMaxLength(200);
        builder.Property(j => j.Status).IsLowercaseName();
        builder.Property(j => j.Errors).IsJson();
        builder.HasIndex(j => new { j.SellerId, j.CreatedAt });
        builder.HasIndex(j => j.CreatedAt, "ix_import_jobs_waiting").HasFilter("status IN ('queued', 'running')");
    }
}
