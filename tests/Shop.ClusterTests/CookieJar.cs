using System.Net;

namespace Shop.ClusterTests;

/// <summary>Keeps cookies like a browser, in front of a handler that records the exchanges.</summary>
public sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly CookieContainer cookies = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = cookies.GetCookieHeader(request.RequestUri!);
        if (header.Length > 0)
            request.Headers.Add("Cookie", header);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
                cookies.SetCookies(request.RequestUri!, cookie);
        }
        return response;
    }
}
