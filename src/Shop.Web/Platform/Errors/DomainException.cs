using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Shop.Web.Platform.Errors;

/// <summary>
/// A broken business rule raised by an entity or use case. The exception handler turns it into a
/// problem-details response with the status below and <see cref="Code"/> as a stable machine-readable
/// reason; the message is written for the person who made the request. A message with values is given as
/// an English template and its arguments, so pages can show it in the reader's language.
/// </summary>
public abstract class DomainException(string code, string message, params object[] arguments)
    : Exception(arguments.Length == 0 ? message : string.Format(CultureInfo.CurrentCulture, message, arguments))
{
    public string Code { get; } = code;
    public abstract int StatusCode { get; }

    /// <summary>The message in the language of <paramref name="texts"/>' current culture (as written when it has no translation).</summary>
    public string MessageIn(IStringLocalizer texts) => arguments.Length == 0 ? texts[message] : texts[message, arguments];
}

/// <summary>The request conflicts with the current state (e.g. an illegal status transition): 409.</summary>
public class ConflictException(string code, string message, params object[] arguments) : DomainException(code, message, arguments)
{
    public override int StatusCode => StatusCodes.Status409Conflict;
}

/// <summary>The request is well-formed but a rule forbids it (e.g. a coupon that expired): 422.</summary>
public sealed class RuleViolationException(string code, string message, params object[] arguments) : DomainException(code, message, arguments)
{
    public override int StatusCode => StatusCodes.Status422UnprocessableEntity;
}
