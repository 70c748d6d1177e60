using System.Text.Json;

namespace Shop.Web.Modules.Notifications.Templates;

/// <summary>
/// A model as templates see it: camel-cased names ({{customerName}}) in plain dictionaries and lists,
/// so templates never depend on how the C# types are spelt.
/// </summary>
internal static class TemplateData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Dictionary<string, object?> From(object model) =>
        (Dictionary<string, object?>)Convert(JsonSerializer.SerializeToElement(model, model.GetType(), Json))!;

    private static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.Number => element.GetDecimal(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
