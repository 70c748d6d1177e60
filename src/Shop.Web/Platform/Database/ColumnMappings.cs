using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Platform.Database;

public static class JsonColumn
{
    /// <summary>
    /// Stores a value as jsonb (queryable with PostgreSQL's JSON operators). Changes are detected by
    /// comparing the serialized JSON, which suits small values such as option maps and error lists.
    /// </summary>
    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property) where T : class, new() =>
        property.HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<T>(json, (JsonSerializerOptions?)null) ?? new T(),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
                value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null).GetHashCode(),
                value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, (JsonSerializerOptions?)null), (JsonSerializerOptions?)null)!));
}

public static class EnumColumn
{
    /// <summary>Stores an enum as its lowercase name ("active"), readable in SQL and stable across reordering.</summary>
    public static PropertyBuilder<TEnum> IsLowercaseName<TEnum>(this PropertyBuilder<TEnum> property) where TEnum : struct, Enum =>
        property.HasMaxLength(16).HasConversion(value => value.ToString().ToLowerInvariant(), text => Enum.Parse<TEnum>(text, true));
}
