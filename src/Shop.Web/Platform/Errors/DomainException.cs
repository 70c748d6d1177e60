namespace Shop.Web.Platform.Errors;

/// <summary>
/// A broken business rule raised by an entity or use case. The exception handler turns it into a
/// problem-details response with the status below and <see cref="Code"/> as a stable machine-readable
/// reason; the message is written for the person who made the request.
/// </summary>
public abstract class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
    public abstract int StatusCode { get; }
}

/// <summary>The request conflicts with the current state (e.g. an illegal status transition): 409.</summary>
public class ConflictException(string code, string message) : DomainException(code, message)
{
    public override int StatusCode => StatusCodes.Status409Conflict;
}

/// <summary>The request is well-formed but a rule forbids it (e.g. a coupon that expired): 422.</summary>
public sealed class RuleViolationException(string code, string message) : DomainException(code, message)
{
    public override int StatusCode => StatusCodes.Status422UnprocessableEntity;
}
