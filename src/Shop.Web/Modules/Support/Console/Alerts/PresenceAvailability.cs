using Shop.Web.Modules.Support.Chat;

namespace Shop.Web.Modules.Support.Console.Alerts;

/// <summary>Anyone online per agents' presence (an online status with a live connection).</summary>
internal sealed class PresenceAvailability(AgentPresence presence) : IAgentAvailability
{
    public Task<bool> AnyoneOnlineAsync(CancellationToken cancellationToken = default) => presence.IsAnyoneOnlineAsync(cancellationToken);
}
