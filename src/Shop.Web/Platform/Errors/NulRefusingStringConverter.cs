using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.Web.Platform.Errors;

/// <summary>Reads JSON strings (values and object keys) as usual, refusing the NUL character with the field's path.</summary>
internal sealed class NulRefusingStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Refused(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Refused(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string? Refused(string? text) => text?.Contains('\0') == true ? throw new RefusedJsonValueException(NulCharacter.Message) : text;
}

/// <summary>A JSON value the shop will not take; its message is written for the caller.</summary>
internal sealed class RefusedJsonValueException(string message) : JsonException(message);
