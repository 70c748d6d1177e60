namespace Shop.Web.Platform.Errors;

/// <summary>
/// Input that passed its shape checks but was refused by a use case (a weak password, an unknown
/// country): 400 with the reasons per field. Pages show the same reasons next to their fields.
/// </summary>
public sealed class InputValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The input is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public InputValidationException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }) { }
}
