using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.ReplyEmails;

/// <summary>How far a conversation's replies have been emailed to its customer (the job reads and moves it in SQL).</summary>
public sealed class ReplyEmailMark
{
    private ReplyEmailMark()
    {
    }

    public Guid ConversationId { get; private set; }
    public long LastEmailedMessageId { get; private set; }
    public DateTimeOffset EmailedAt { get; private set; }
}

internal sealed class ReplyEmailMarkConfiguration : IEntityTypeConfiguration<ReplyEmailMark>
{
    public void Configure(EntityTypeBuilder<ReplyEmailMark> builder)
    {
        builder.ToTable("reply_emails", "support");
        builder.HasKey(m => m.ConversationId);
        builder.Property(m => m.ConversationId).ValueGeneratedNever();
        builder.HasOne<Conversation>().WithOne().HasForeignKey<ReplyEmailMark>(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
