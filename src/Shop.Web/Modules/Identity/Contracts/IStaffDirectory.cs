namespace Shop.Web.Modules.Identity.Contracts;

/// <summary>A support agent: a user with the support or admin role.</summary>
public sealed record StaffMember(Guid UserId, string Name, string Email);

/// <summary>Who works support, for assigning conversations, naming agents and telling them of new requests.</summary>
public interface IStaffDirectory
{
    /// <summary>Every active user with the support or admin role, by name.</summary>
    Task<IReadOnlyList<StaffMember>> AgentsAsync(CancellationToken cancellationToken = default);

    /// <summary>The user, when they are an active support or admin user; null for anyone else.</summary>
    Task<StaffMember?> FindAgentAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Display names of any users (agents, customers), for showing who wrote or did what.</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default);
}
