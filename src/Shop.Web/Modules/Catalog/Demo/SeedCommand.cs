using Microsoft.Extensions.Options;
using Shop.Web.Platform.Commands;

namespace Shop.Web.Modules.Catalog.Demo;

public sealed class DemoCatalogOptions
{
    public const string Section = "Demo";

    /// <summary>Products the demo store starts with (setup seeds them into an empty catalog).</summary>
    public int CatalogProducts { get; set; }
}

/// <summary>`Shop.Web seed --products N`: adds N generated products (default 1,000).</summary>
internal sealed class SeedCommand(CatalogSeeder seeder) : IShopCommand
{
    public string Name => "seed";

    public string Usage => "seed [--products N]";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var index = arguments.ToList().IndexOf("--products");
        var count = index >= 0 && index + 1 < arguments.Count && int.TryParse(arguments[index + 1], out var n) && n > 0 ? n : 1_000;
        await output.WriteLineAsync($"Seeding {count:N0} products…");
        await seeder.SeedAsync(count, output, cancellationToken);
        await output.WriteLineAsync($"Done: {count:N0} products added.");
    }
}

/// <summary>Setup step: an empty catalog gets the demo store.</summary>
internal sealed class DemoCatalogSetup(CatalogSeeder seeder, Platform.Database.ShopDbContext db, IOptions<DemoCatalogOptions> options) : ISetupStep
{
    public int Order => 30;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (options.Value.CatalogProducts <= 0 || db.Set<Data.Product>().Any())
            return;
        await output.WriteLineAsync($"Creating the demo catalog ({options.Value.CatalogProducts} products)…");
        await seeder.SeedAsync(options.Value.CatalogProducts, output, cancellationToken);
    }
}
