using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Shop.Web.Platform.Errors;

/// <summary>
/// Reading a request, a null where its type declares none is refused with its JSON path (a 400): members
/// through <see cref="JsonSerializerOptions.RespectNullableAnnotations"/>, and items of lists of
/// non-nullable items, which the serializer does not check. Responses are written as they are.
/// </summary>
internal static class NullRefusal
{
    private const string ItemMessage = "The list must not hold null.";
    private const string MemberMessage = "A value is required here; null is not accepted.";

    public static void Modify(JsonTypeInfo type)
    {
        foreach (var property in type.Properties.Where(p => !p.PropertyType.IsValueType))
        {
            property.IsGetNullable = true;
            if (property.Set is not { } set)
                continue;
            // The serializer's own refusal names the CLR type; this one says what to send instead. A member
            // bound through a constructor shares its nullability with the parameter, so the serializer keeps it.
            var refusesNull = !property.IsSetNullable && property.AssociatedParameter is null;
            if (refusesNull)
                property.IsSetNullable = true;
            var checkItems = property.AttributeProvider is PropertyInfo member && HoldsNonNullableItems(member);
            property.Set = (target, value) => set(target, value switch
            {
                null when refusesNull => throw new RefusedJsonValueException(MemberMessage),
                IEnumerable items when checkItems && items.Cast<object?>().Contains(null) => throw new RefusedJsonValueException(ItemMessage),
                _ => value,
            });
        }
    }

    private static bool HoldsNonNullableItems(PropertyInfo member)
    {
        if (member.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(member.PropertyType))
            return false;
        var nullability = new NullabilityInfoContext().Create(member);
        var item = nullability.ElementType ?? (nullability.GenericTypeArguments is [var only] ? only : null);
        return item is { ReadState: NullabilityState.NotNull } && !item.Type.IsValueType;
    }
}
