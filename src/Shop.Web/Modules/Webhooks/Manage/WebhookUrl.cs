using System.Net;
using Shop.Web.Modules.Webhooks.Dispatch;

namespace Shop.Web.Modules.Webhooks.Manage;

/// <summary>
/// What a webhook URL must be: absolute http(s), no credentials, and not an address of the shop's
/// own machine or network. Host names are checked again on every connection, where it counts.
/// </summary>
public static class WebhookUrl
{
    public static string? Problem(string url, OutboundAddresses addresses)
    {
        if (url.Length == 0)
            return "Enter the URL that should receive the events.";
        if (url.Length > 2000)
            return "Use at most 2,000 characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            return "Enter an http:// or https:// URL.";
        if (uri.UserInfo.Length > 0)
            return "Leave user names and passwords out of the URL; check the signature instead.";
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && !addresses.MayConnect(address))
            return "This address is on a loopback, link-local or private network; use an address reachable from the internet.";
        return null;
    }
}
