using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Testing;

/// <summary>The application on a real Kestrel socket on loopback, for a real browser to visit.</summary>
public sealed class LiveShopFactory : ShopAppFactory
{
    public Uri ServerAddress { get; private set; } = null!;

    protected override bool UsesTestServer => false;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ServerAddress = new Uri(address);
    }
}
