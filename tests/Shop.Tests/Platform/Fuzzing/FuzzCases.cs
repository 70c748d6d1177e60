using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Tests.Platform.Fuzzing;

/// <param name="MustNotSucceed">Input no operation may take (NUL in text, a negative price, a megabyte of text, a number past its documented bounds).</param>
public sealed record FuzzCase(string Description, Func<HttpRequestMessage> Request, bool MustNotSucceed = false);

/// <summary>
/// For one operation: the request as documented, then that request spoiled one thing at a time (a path
/// or query value, the body as a whole, each member of the body down two levels), a bounded set per operation.
/// </summary>
public sealed class FuzzCases(Schemas schemas)
{
    private static readonly string Megabyte = new('x', 1024 * 1024);
    private static readonly string[] BadPathValues = ["not-an-id", "..%2F..%2Fetc%2Fpasswd", "..", "-1", "99999999999999999999", "%E2%80%AE", new('a', 2000)];
    private static readonly string[] BadQueryValues = ["a\0b", "-1", "0", "99999999999999999999", "abc", "\u0001\u001b[31m\r\n", "../../etc/passwd", new('q', 4000)];
    private static readonly string DeepNesting = new string('[', 5000) + new string(']', 5000);

    public IEnumerable<FuzzCase> For(ApiOperation operation)
    {
        var path = operation.Parameters.Where(p => p.In == "path").ToDictionary(p => p.Name, p => Uri.EscapeDataString(PathSample(operation, p)));
        var query = operation.Parameters.Where(p => p.In == "query" && p.Required).ToDictionary(p => p.Name, p => schemas.Sample(p.Schema, p.Name)?.ToString() ?? "");
        var body = operation.BodySchema is { } bodySchema ? schemas.Sample(bodySchema, "body") : null;
        var json = operation.BodyMediaType?.Contains("json") == true;
        var form = operation.BodyMediaType?.Contains("form") == true;

        FuzzCase Case(string description, IReadOnlyDictionary<string, string>? pathValues = null, IReadOnlyDictionary<string, string>? queryValues = null,
            Func<HttpContent?>? content = null, bool mustNotSucceed = false) => new($"{operation} {description}", () =>
                new HttpRequestMessage(new HttpMethod(operation.Method), Url(operation.Path, pathValues ?? path, queryValues ?? query))
                {
                    Content = content is not null ? content() : json ? Json(body) : form ? Form(operation, body, null) : null,
                }, mustNotSucceed);

        yield return Case("as documented");
        foreach (var name in path.Keys)
        {
            foreach (var bad in BadPathValues)
                yield return Case($"path {name}={bad[..Math.Min(bad.Length, 30)]}", pathValues: With(path, name, bad));
        }
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            var unsigned = Schemas.Bound(schemas.Resolve(parameter.Schema), "minimum") >= 0;
            foreach (var bad in BadQueryValues)
            {
                yield return Case($"query {parameter.Name}={Shown(bad)}", queryValues: With(query, parameter.Name, bad),
                    mustNotSucceed: bad.Contains('\0') || bad == "-1" && unsigned);
            }
        }
        if (json)
        {
            var required = operation.BodySchema is { } documented && schemas.Resolve(documented) is { ValueKind: JsonValueKind.Object } resolved
                && resolved.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToHashSet() : [];
            foreach (var (description, raw, refused) in WholeBodies)
                yield return Case($"body {description}", content: () => Raw(raw, "application/json"), mustNotSucceed: refused || raw == "{}" && required.Count > 0);
            yield return Case("body sent as text/plain", content: () => Raw(body?.ToJsonString() ?? "{}", "text/plain"), mustNotSucceed: true);
            yield return Case("body without a content type", content: () => new ByteArrayContent(Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "{}")), mustNotSucceed: true);
            if (operation.BodySchema is { } schema)
            {
                foreach (var (member, memberSchema, depth) in Members(schema, [], 0))
                {
                    if (depth == 0 && body is JsonObject whole)
                    {
                        var defaulted = schemas.Resolve(memberSchema) is { ValueKind: JsonValueKind.Object } documentedMember && documentedMember.TryGetProperty("default", out _);
                        yield return Case($"body without {member[0]}", content: () => Json(Without(whole, (string)member[0])),
                            mustNotSucceed: required.Contains((string)member[0]) && !defaulted);
                    }
                    foreach (var (description, value, refused) in Spoiled(member[^1] as string ?? "item", memberSchema, depth))
                        yield return Case($"body {Shown(member)}={description}", content: () => Json(Replaced(body, member, value)), mustNotSucceed: refused);
                }
            }
        }
        if (form)
        {
            yield return Case("form fields holding NUL", content: () => Form(operation, body, "a\0b"), mustNotSucceed: true);
            yield return Case("form fields of a megabyte", content: () => Form(operation, body, Megabyte));
            yield return Case("form with files holding NUL", content: () => Form(operation, body, null, "handle,title,sku\nfuzz,a\0b,FZ-1\n"u8.ToArray()), mustNotSucceed: true);
            yield return Case("form sent as JSON", content: () => Raw("{}", "application/json"));
        }
    }

    private string PathSample(ApiOperation operation, ApiParameter parameter)
    {
        if (schemas.TypeOf(parameter.Schema) is "integer" or "number")
            return "1";
        if (parameter.Name != "id")
            return schemas.Text(schemas.Resolve(parameter.Schema), parameter.Name);
        // "/products/{id}" is a product's id.
        var segments = operation.Path.Split('/');
        var owner = segments[Math.Max(0, Array.IndexOf(segments, "{id}") - 1)];
        return schemas.IdFor(owner.EndsWith("ies", StringComparison.Ordinal) ? owner[..^3] + "y" : owner.TrimEnd('s'));
    }

    /// <summary>Bodies no operation takes, but for "{}" (when nothing is required) and an unknown member (which is ignored).</summary>
    private static readonly (string Description, string Raw, bool Refused)[] WholeBodies =
    [
        ("null", "null", true), ("{}", "{}", false), ("[]", "[]", true), ("a string", "\"text\"", true), ("a number", "-1", true), ("empty", "", true),
        ("truncated", "{\"a\": ", true), ("not JSON", "<xml/>", true), ("nested 5,000 deep", DeepNesting, true),
        ("NUL in an unknown member's name", "{\"a\\u0000b\": 1}", false),
    ];

    /// <summary>Each member of the body's schema with its path: object members down two levels, through the first item of arrays.</summary>
    private IEnumerable<(object[] Path, JsonElement Schema, int Depth)> Members(JsonElement schema, object[] path, int depth)
    {
        if (depth > 2)
            yield break;
        foreach (var (name, member) in schemas.PropertiesOf(schema))
        {
            object[] memberPath = [.. path, name];
            yield return (memberPath, member, depth);
            var type = schemas.TypeOf(member);
            if (type == "object")
            {
                foreach (var inner in Members(member, memberPath, depth + 1))
                    yield return inner;
            }
            else if (type == "array" && schemas.Resolve(member).TryGetProperty("items", out var items) && schemas.TypeOf(items) == "object")
            {
                foreach (var inner in Members(items, [.. memberPath, 0], depth + 1))
                    yield return inner;
            }
        }
    }

    /// <summary>Wrong values for one member; the top level also gets the expensive ones.</summary>
    private IEnumerable<(string Description, JsonNode? Value, bool Refused)> Spoiled(string name, JsonElement schema, int depth)
    {
        var resolved = schemas.Resolve(schema);
        var type = schemas.TypeOf(resolved);
        yield return ("null", null, false);
        yield return ("a value of the wrong type", type == "string" ? JsonValue.Create(12) : JsonValue.Create("text"), false);
        switch (type)
        {
            case "string":
                yield return ("text holding NUL", "a\0b", true);
                if (depth > 0)
                    break;
                yield return ("control characters", "\u0001\u0007\u001b[31m\r\n\t", false);
                yield return ("a megabyte of text", Megabyte, true);
                yield return ("blank", "   ", false);
                break;
            case "integer":
            case "number":
                var minimum = Schemas.Bound(resolved, "minimum");
                var maximum = Schemas.Bound(resolved, "maximum");
                var countsOrMoney = new[] { "price", "quantity", "amount", "rate" }.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
                yield return ("-1", -1, countsOrMoney || minimum >= 0);
                if (minimum is { } min)
                    yield return ($"below its minimum {min}", min - 1, true);
                if (maximum is { } max)
                    yield return ($"above its maximum {max}", max + 1, true);
                yield return ("past Int32", 2147483648L, false);
                yield return ("a huge number", JsonNode.Parse("99999999999999999999999999999999999"), false);
                yield return ("a fraction", 1.5, false);
                break;
            case "array":
                yield return ("an array holding null", new JsonArray((JsonNode?)null), false);
                yield return ("an object", new JsonObject(), false);
                break;
            case "object":
                yield return ("an array", new JsonArray(), false);
                yield return ("an empty object", new JsonObject(), false);
                break;
        }
    }

    private static JsonNode? Replaced(JsonNode? body, object[] path, JsonNode? value)
    {
        var copy = body?.DeepClone();
        var parent = copy;
        foreach (var step in path[..^1])
        {
            parent = step is int index ? parent is JsonArray { Count: > 0 } array ? array[index] : null : parent?[(string)step];
            if (parent is null)
                return copy;
        }
        if (parent is JsonObject target)
            target[(string)path[^1]] = value?.DeepClone();
        return copy;
    }

    private static JsonObject Without(JsonObject body, string member)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(member);
        return copy;
    }

    private static string Url(string template, IReadOnlyDictionary<string, string> pathValues, IReadOnlyDictionary<string, string> query)
    {
        var url = pathValues.Aggregate(template, (current, value) => current.Replace("{" + value.Key + "}", value.Value));
        return query.Count == 0 ? url : url + "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> values, string name, string value) =>
        new(values) { [name] = value };

    private static StringContent Json(JsonNode? body) => Raw(body?.ToJsonString() ?? "null", "application/json");

    private static StringContent Raw(string text, string mediaType) => new(text, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    /// <summary>The documented form, every text field set to <paramref name="text"/> when given, files as <paramref name="file"/> or a few bytes that are no picture.</summary>
    private HttpContent Form(ApiOperation operation, JsonNode? body, string? text, byte[]? file = null)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, schema) in operation.BodySchema is { } formSchema ? schemas.PropertiesOf(formSchema) : [])
        {
            var isFile = schemas.Resolve(schema).TryGetProperty("format", out var format) && format.GetString() == "binary";
            if (isFile)
                content.Add(new ByteArrayContent(file ?? "not a picture"u8.ToArray()), name, "upload.png");
            else
                content.Add(new StringContent(text ?? body?[name]?.ToString() ?? ""), name);
        }
        return content;
    }

    private static string Shown(string value) => JsonSerializer.Serialize(value[..Math.Min(value.Length, 30)]);

    private static string Shown(object[] path) => string.Join(".", path.Select(step => step is int index ? $"[{index}]" : (string)step)).Replace(".[", "[");
}
