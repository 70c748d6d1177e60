using System.Globalization;

namespace Shop.Web.Platform.Api;

/// <summary>A calendar day given in a query string or form as yyyy-MM-dd; a malformed one is named among the field errors.</summary>
public static class DayField
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>The day, or null when the field is empty or malformed (then <paramref name="errors"/> says why).</summary>
    public static DateOnly? Parse(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        errors[field] = [$"Write the day as {Format}."];
        return null;
    }
}
