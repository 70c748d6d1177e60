namespace Shop.Web.Modules.Support.Console.Alerts;

/// <summary>Whether any agent is online now: new requests then reach them in the app only, otherwise by email too.</summary>
public interface IAgentAvailability
{
    Task<bool> AnyoneOnlineAsync(CancellationToken cancellationToken = default);
}

/// <summary>Until agents' presence is tracked, nobody counts as online, so every agent hears of new requests by email too.</summary>
internal sealed class NobodyOnline : IAgentAvailability
{
    public Task<bool> AnyoneOnlineAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);
}
