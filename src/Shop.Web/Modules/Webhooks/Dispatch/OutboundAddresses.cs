using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Shop.Web.Modules.Webhooks.Dispatch;

/// <summary>
/// Keeps deliveries off the shop's own machine and private networks (server-side request forgery).
/// The check runs when the connection is opened, on the addresses actually dialled, so a host name
/// that resolves differently later (DNS rebinding) gets no further than an IP address would.
/// </summary>
public sealed class OutboundAddresses(IOptions<WebhookOptions> options)
{
    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
        IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("2001:db8::/32"),
    ];

    public bool AllowPrivateNetworks => options.Value.AllowPrivateNetworks;

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return !NonPublic.Any(network => network.Contains(address));
    }

    public bool MayConnect(IPAddress address) => AllowPrivateNetworks || IsPublic(address);

    /// <summary>SocketsHttpHandler.ConnectCallback: resolves the host and dials only addresses it may.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var resolved = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = resolved.Where(MayConnect).ToList();
        if (allowed.Count == 0)
            throw new BlockedAddressException($"{host} resolves only to loopback, link-local or private addresses, which webhooks may not call.");
        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}

public sealed class BlockedAddressException(string message) : Exception(message);
