namespace Shop.Web.Modules.Support.Console.Alerts;

/// <summary>Whether any agent is online now: new requests then reach them in the app only, otherwise by email too.</summary>
public interface IAgentAvailability
{
    Task<bool> AnyoneOnlineAsync(CancellationToken cancellationToken = default);
}
