using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Platform.Database;

public static class JsonDictionaryColumn
{
    private static readonly ValueComparer<Dictionary<string, string>> Comparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        d => d.OrderBy(p => p.Key).Aggregate(0, (hash, p) => HashCode.Combine(hash, p.Key, p.Value)),
        d => new Dictionary<string, string>(d));

    /// <summary>Stores a string dictionary as a jsonb object (queryable with PostgreSQL's JSON operators).</summary>
    public static PropertyBuilder<Dictionary<string, string>> IsJsonObject(this PropertyBuilder<Dictionary<string, string>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            d => JsonSerializer.Serialize(d, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
            Comparer);
}

public static class EnumColumn
{
    /// <summary>Stores an enum as its lowercase name ("active"), readable in SQL and stable across reordering.</summary>
    public static PropertyBuilder<TEnum> IsLowercaseName<TEnum>(this PropertyBuilder<TEnum> property) where TEnum : struct, Enum =>
        property.HasMaxLength(16).HasConversion(value => value.ToString().ToLowerInvariant(), text => Enum.Parse<TEnum>(text, true));
}
