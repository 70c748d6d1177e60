using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Platform.Security;

/// <summary>The hits one rate-limit key had in one fixed window, counted by every instance (see <see cref="SharedRateLimitCounters"/>).</summary>
public sealed class RateLimitWindow
{
    public string Key { get; private set; } = "";
    public DateTimeOffset WindowStart { get; private set; }
    public DateTimeOffset WindowEnd { get; private set; }
    public int Hits { get; private set; }
}

internal sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> builder)
    {
        builder.ToTable("rate_limit_windows", "platform");
        builder.HasKey(w => new { w.Key, w.WindowStart });
        builder.HasIndex(w => w.WindowEnd);
    }
}
