using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>What an agent chose: taking chats (online) or not (away). Online counts only while they have a live connection.</summary>
public enum AgentStatus
{
    Online,
    Away,
}

/// <summary>A support agent as live chat knows them: their chosen status and how many open chats they take at once.</summary>
public sealed class SupportAgent
{
    public const int DefaultMaxOpenChats = 5;

    private SupportAgent()
    {
    }

    public SupportAgent(Guid userId, string name, DateTimeOffset now) =>
        (UserId, Name, Status, MaxOpenChats, UpdatedAt) = (userId, name, AgentStatus.Online, DefaultMaxOpenChats, now);

    public Guid UserId { get; private set; }
    public string Name { get; private set; } = "";
    public AgentStatus Status { get; private set; }
    public int MaxOpenChats { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Choose(AgentStatus status, DateTimeOffset now) => (Status, UpdatedAt) = (status, now);

    public void Limit(int maxOpenChats, DateTimeOffset now) =>
        (MaxOpenChats, UpdatedAt) = (maxOpenChats is >= 0 and <= 100 ? maxOpenChats : throw new ArgumentOutOfRangeException(nameof(maxOpenChats)), now);

    public void Rename(string name) => Name = name.Length > 100 ? name[..100] : name;
}

/// <summary>One live hub connection of an agent, on one instance; refreshed by that instance and swept once it stops.</summary>
public sealed class AgentConnection
{
    public string ConnectionId { get; set; } = "";
    public Guid AgentId { get; set; }
    public string Instance { get; set; } = "";
    public DateTimeOffset ConnectedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

internal sealed class SupportAgentConfiguration : IEntityTypeConfiguration<SupportAgent>
{
    public void Configure(EntityTypeBuilder<SupportAgent> builder)
    {
        builder.ToTable("agents", "support", table => table.HasCheckConstraint("ck_agents_max_open_chats", "max_open_chats BETWEEN 0 AND 100"));
        builder.HasKey(a => a.UserId);
        builder.Property(a => a.UserId).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.Status).IsLowercaseName();
    }
}

internal sealed class AgentConnectionConfiguration : IEntityTypeConfiguration<AgentConnection>
{
    public void Configure(EntityTypeBuilder<AgentConnection> builder)
    {
        builder.ToTable("agent_connections", "support");
        builder.HasKey(c => c.ConnectionId);
        builder.Property(c => c.ConnectionId).HasMaxLength(64);
        builder.Property(c => c.Instance).HasMaxLength(200);
        builder.HasOne<SupportAgent>().WithMany().HasForeignKey(c => c.AgentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.AgentId);
        builder.HasIndex(c => c.Instance);
    }
}
