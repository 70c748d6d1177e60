using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Platform.Outbox;

/// <summary>Proof that a handler's effects for a message committed; a redelivery skips that handler.</summary>
public sealed class OutboxHandledMessage
{
    public Guid MessageId { get; private set; }
    public string Handler { get; private set; } = "";
    public DateTimeOffset HandledAt { get; private set; }
}

internal sealed class OutboxHandledMessageConfiguration : IEntityTypeConfiguration<OutboxHandledMessage>
{
    public void Configure(EntityTypeBuilder<OutboxHandledMessage> builder)
    {
        builder.ToTable("outbox_handled", "platform");
        builder.HasKey(h => new { h.MessageId, h.Handler });
        builder.Property(h => h.HandledAt).HasDefaultValueSql("now()");
    }
}
