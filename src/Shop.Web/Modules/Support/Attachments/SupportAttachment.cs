using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.Attachments;

/// <summary>A picture or PDF attached to one message; private to its conversation, checked by its content when it arrived.</summary>
public sealed class SupportAttachment
{
    private SupportAttachment()
    {
    }

    internal SupportAttachment(Guid conversationId, long messageId, AttachmentUpload upload, DateTimeOffset now) =>
        (Id, ConversationId, MessageId, FileName, ContentType, SizeBytes, Sha256, Content, CreatedAt) =
        (Guid.CreateVersion7(now), conversationId, messageId, upload.FileName, upload.ContentType, upload.Content.Length, upload.Sha256, upload.Content, now);

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public long MessageId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public int SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
}

internal sealed class SupportAttachmentConfiguration : IEntityTypeConfiguration<SupportAttachment>
{
    public void Configure(EntityTypeBuilder<SupportAttachment> builder)
    {
        builder.ToTable("attachments", "support");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(64);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SupportMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.MessageId);
        builder.HasIndex(a => a.ConversationId);
    }
}
