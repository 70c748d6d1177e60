using System.Collections.Concurrent;
using System.Reflection;

namespace Shop.Web.Platform.Outbox;

/// <summary>
/// An integration event's stored identity ("ordering.order-placed"): the outbox keeps it with each message and
/// finds handlers by it, so a class may be renamed or moved without orphaning stored events. Never change a name
/// once events carry it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of(Type eventType) => Names.GetOrAdd(eventType, type =>
        type.GetCustomAttribute<IntegrationEventNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{type.FullName} declares no [IntegrationEventName]; give it a stable name."));
}
