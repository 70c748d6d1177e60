using Microsoft.Extensions.DependencyInjection;
using Shop.Web.Modules.Content.Setup;
using Shop.Web.Platform.Commands;

namespace Shop.Testing;

public static class ShopPages
{
    /// <summary>Writes the starter pages (about, help, shipping, returns, privacy, terms) as `setup` does on a new shop.</summary>
    public static async Task WriteStarterPagesAsync(this ShopAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<ISetupStep>().OfType<StarterPagesSetup>().Single().RunAsync(TextWriter.Null, CancellationToken.None);
    }
}
