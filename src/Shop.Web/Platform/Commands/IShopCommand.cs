namespace Shop.Web.Platform.Commands;

/// <summary>A verb a module adds to `Shop.Web &lt;verb&gt;` (e.g. `seed`), run after migrations.</summary>
public interface IShopCommand
{
    string Name { get; }

    string Usage { get; }

    Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken);
}
