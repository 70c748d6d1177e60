namespace Shop.Web.Platform.Security;

/// <summary>Who may call an endpoint. Sellers and Support include admins, as their policies do.</summary>
public enum Callers
{
    Anyone,
    SignedIn,
    Sellers,
    Support,
    Admins,

    /// <summary>Whoever signs the request with a shared secret (a payment provider's callback); a session counts for nothing.</summary>
    SignedRequests,
}

/// <summary>Which objects a caller reaches through the endpoint: any (public or administrative), or only its own.</summary>
public enum Objects
{
    Any,
    Own,
}

/// <summary>
/// The rule an endpoint is meant to follow, declared beside it. The authorization policy enforces the
/// callers and the use case the ownership; a test calls every API operation as every kind of user and
/// holds both to this declaration.
/// </summary>
public sealed record AccessRule(Callers Callers, Objects Objects);

public static class EndpointAccess
{
    public static TBuilder Access<TBuilder>(this TBuilder builder, Callers callers, Objects objects = Objects.Any) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule(callers, objects));
}
