namespace Shop.Web.Platform.Commands;

/// <summary>
/// Work a module needs done once a database is migrated (the first admin, demo data). Run by
/// `Shop.Web setup`; each step must be safe to run again.
/// </summary>
public interface ISetupStep
{
    int Order { get; }

    Task RunAsync(TextWriter output, CancellationToken cancellationToken);
}
