using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Tests.Platform.Fuzzing;

public sealed record ApiParameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>One operation of the OpenAPI document: where it is, what it takes.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, string? BodyMediaType, JsonElement? BodySchema)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation; those that delete or archive after the others, and those that end sessions or change credentials last.</summary>
    public static IReadOnlyList<ApiOperation> All(JsonElement document) =>
    [
        .. from path in document.GetProperty("paths").EnumerateObject()
           from operation in path.Value.EnumerateObject()
           where operation.Name is "get" or "post" or "put" or "patch" or "delete"
           let parsed = Parse(path.Name, operation.Name.ToUpperInvariant(), operation.Value)
           orderby Spoils(parsed), parsed.Path, parsed.Method
           select parsed,
    ];

    private static int Spoils(ApiOperation operation) =>
        new[] { "logout", "password", "email", "two-factor", "deactivate", "roles" }.Any(word => operation.Path.Contains(word, StringComparison.OrdinalIgnoreCase)) ? 2
        : operation.Method == "DELETE" || operation.Path.EndsWith("/archive", StringComparison.Ordinal) ? 1
        : 0;

    private static ApiOperation Parse(string path, string method, JsonElement operation)
    {
        var parameters = operation.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Select(p => new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                p.TryGetProperty("required", out var required) && required.GetBoolean(),
                p.TryGetProperty("schema", out var schema) ? schema : default)).ToList()
            : [];
        string? mediaType = null;
        JsonElement? bodySchema = null;
        if (operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
        {
            var first = content.EnumerateObject().OrderBy(c => c.Name.Contains("json") ? 0 : 1).First();
            mediaType = first.Name;
            bodySchema = first.Value.TryGetProperty("schema", out var schema) ? schema : null;
        }
        return new ApiOperation(method, path, parameters, mediaType, bodySchema);
    }
}

/// <summary>Reads schemas of the document: references resolved, the main type of a union, a plausible value.</summary>
public sealed class Schemas(JsonElement document, IReadOnlyDictionary<string, string> known)
{
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 10 && schema.ValueKind == JsonValueKind.Object; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
            else if (FirstAlternative(schema) is { } alternative)
                schema = alternative;
            else
                break;
        }
        return schema;
    }

    private static JsonElement? FirstAlternative(JsonElement schema)
    {
        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var alternatives) && !schema.TryGetProperty("type", out _))
            {
                foreach (var alternative in alternatives.EnumerateArray())
                {
                    if (!(alternative.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
                        return alternative;
                }
            }
        }
        return null;
    }

    /// <summary>"object", "array", "integer", "number", "boolean" or "string" (what a union of types is mostly about).</summary>
    public string TypeOf(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
            return "string";
        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            return new[] { "object", "array", "integer", "number", "boolean", "string" }.FirstOrDefault(names.Contains) ?? "string";
        }
        return schema.TryGetProperty("properties", out _) ? "object" : "string";
    }

    public IEnumerable<(string Name, JsonElement Schema)> PropertiesOf(JsonElement schema)
    {
        schema = Resolve(schema);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];
    }

    public static double? Bound(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var bound)
            ? bound.ValueKind == JsonValueKind.Number ? bound.GetDouble() : double.TryParse(bound.GetString(), out var parsed) ? parsed : null
            : null;

    /// <summary>A value the operation could accept: real ids where the name says what they are, plausible text and numbers.</summary>
    public JsonNode? Sample(JsonElement schema, string name, int depth = 0)
    {
        var resolved = Resolve(schema);
        if (resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            return JsonNode.Parse(values[0].GetRawText());
        switch (TypeOf(resolved))
        {
            case "object":
                var sample = new JsonObject();
                if (depth < 4)
                {
                    foreach (var (property, propertySchema) in PropertiesOf(resolved))
                        sample[property] = Sample(propertySchema, property, depth + 1);
                }
                return sample;
            case "array":
                return depth < 4 && resolved.TryGetProperty("items", out var items) ? new JsonArray(Sample(items, name, depth + 1)) : new JsonArray();
            case "integer":
            case "number":
                return Math.Max(1, Bound(resolved, "minimum") ?? 1);
            case "boolean":
                return true;
            default:
                return Text(resolved, name);
        }
    }

    public string Text(JsonElement schema, string name)
    {
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var lower = name.ToLowerInvariant();
        return format switch
        {
            "uuid" => IdFor(name),
            "date-time" => "2030-01-01T00:00:00+00:00",
            "date" => "2030-01-01",
            "email" => "fuzz@example.in",
            "uri" => "https://example.in/fuzz",
            _ when lower.Contains("email") => "fuzz@example.in",
            _ when lower.Contains("url") => "https://example.in/fuzz",
            _ when lower is "country" => "IN",
            _ when lower is "currency" => "INR",
            _ when lower.Contains("postal") => "560001",
            _ when lower.Contains("phone") => "+91 98450 12345",
            _ when lower.Contains("password") => Shop.Testing.ApiClient.Password,
            _ when known.TryGetValue(lower, out var value) => value,
            _ => "fuzz1".PadRight((int)(Bound(schema, "minLength") ?? 0), 'x'),
        };
    }

    /// <summary>The id of the product, variant or category the test made when the name says so ("variantId", "product"), otherwise a new one.</summary>
    public string IdFor(string name)
    {
        var noun = name.EndsWith("Id", StringComparison.Ordinal) ? name[..^2] : name;
        return known.TryGetValue(noun.ToLowerInvariant(), out var id) ? id : Guid.NewGuid().ToString();
    }
}
