namespace Shop.Web.Components;

/// <summary>
/// Typed query-string values for pages. A malformed value (page=abc) reads as absent instead of
/// failing the request, which the framework's typed query parameters would do.
/// </summary>
public static class QueryValues
{
    public static int? Int(this IQueryCollection query, string name) => int.TryParse(query[name], out var value) ? value : null;

    public static Guid Guid(this IQueryCollection query, string name) => System.Guid.TryParse(query[name], out var value) ? value : System.Guid.Empty;

    public static bool Bool(this IQueryCollection query, string name) => bool.TryParse(query[name], out var value) && value;

    public static TEnum? Enum<TEnum>(this IQueryCollection query, string name) where TEnum : struct, System.Enum =>
        System.Enum.TryParse<TEnum>(query[name], ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value : null;
}
