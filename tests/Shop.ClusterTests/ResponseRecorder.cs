using System.Collections.Concurrent;

namespace Shop.ClusterTests;

public sealed record Exchange(string Method, string Path, int Status, string? Instance, string? ContentType, string? Error, DateTime At)
{
    public bool Succeeded => Error is null && Status is >= 200 and < 400;

    public override string ToString() => $"{Method} {Path} -> {(Error ?? Status.ToString())} via {Instance ?? "?"}";
}

/// <summary>Notes every request a client sends: its answer, and which instance (X-Shop-Instance) gave it.</summary>
public sealed class ResponseRecorder() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    private readonly ConcurrentQueue<Exchange> exchanges = new();

    public IReadOnlyList<Exchange> Exchanges => exchanges.ToList();

    public static string? InstanceOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Shop-Instance", out var values) ? values.First() : null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            exchanges.Enqueue(new Exchange(request.Method.Method, path, (int)response.StatusCode, InstanceOf(response),
                response.Content.Headers.ContentType?.MediaType, null, DateTime.UtcNow));
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            exchanges.Enqueue(new Exchange(request.Method.Method, path, 0, null, null, exception.GetType().Name, DateTime.UtcNow));
            throw;
        }
    }
}
