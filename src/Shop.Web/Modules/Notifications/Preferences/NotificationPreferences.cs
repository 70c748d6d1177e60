using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Data;
using Shop.Web.Modules.Notifications.Templates;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Notifications.Preferences;

/// <param name="Essential">Always sent by email (security and orders); those switches are shown, not offered. Push stays a choice.</param>
/// <param name="Push">Pushed to the devices the user turned on; only where <paramref name="HasPush"/>.</param>
public sealed record PreferenceView(string Kind, string Label, bool Essential, bool Email, bool InApp, bool HasInApp, bool Push = false, bool HasPush = false);

/// <param name="Push">Null leaves the push choice as it is (callers that only know email and in-app).</param>
public sealed record PreferenceChoice(string Kind, bool Email, bool InApp, bool? Push = null);

public sealed class PreferencesRequest
{
    public List<PreferenceChoice> Preferences { get; set; } = [];
}

/// <summary>What a user hears about: the kinds that reach someone in their roles, and their choices for the optional ones.</summary>
public sealed class NotificationPreferences(ShopDbContext db)
{
    public async Task<IReadOnlyList<PreferenceView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.UserId();
        var choices = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == userId)
            .ToDictionaryAsync(p => p.Kind, cancellationToken);
        return KindsFor(user).Select(k =>
            {
                var choice = choices.GetValueOrDefault(k.Slug) ?? new NotificationPreference();
                var push = choice.Push && k.Push;
                return k.Essential
                    ? new PreferenceView(k.Slug, k.Label, true, true, k.InApp, k.InApp, push, k.Push)
                    : new PreferenceView(k.Slug, k.Label, false, choice.Email, choice.InApp && k.InApp, k.InApp, push, k.Push);
            })
            .ToList();
    }

    public async Task SaveAsync(ClaimsPrincipal user, IReadOnlyList<PreferenceChoice> changes, CancellationToken cancellationToken = default)
    {
        var allowed = KindsFor(user).ToDictionary(k => k.Slug);
        for (var i = 0; i < changes.Count; i++)
        {
            if (!allowed.TryGetValue(changes[i].Kind, out var kind))
                throw new InputValidationException($"Preferences[{i}].Kind", $"There is no notification \"{changes[i].Kind}\" for your account.");
            if (kind.Essential && !(changes[i].Email && (changes[i].InApp || !kind.InApp)))
                throw new InputValidationException($"Preferences[{i}].Kind", $"\"{kind.Label}\" is always sent: it is about your security or your orders.");
        }
        var userId = user.UserId();
        foreach (var change in changes)
        {
            var kind = allowed[change.Kind];
            if (kind.Essential && !(kind.Push && change.Push.HasValue))
                continue;
            var row = await db.Set<NotificationPreference>().SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == change.Kind, cancellationToken);
            if (row is null)
                db.Add(row = new NotificationPreference { UserId = userId, Kind = change.Kind });
            if (!kind.Essential)
                (row.Email, row.InApp) = (change.Email, change.InApp);
            if (kind.Push && change.Push is { } push)
                row.Push = push;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static IEnumerable<KindInfo> KindsFor(ClaimsPrincipal user) => NotificationKinds.All.Where(k => k.Audience switch
    {
        Audience.Seller => user.IsInRole(Roles.Seller) || user.IsInRole(Roles.Admin),
        Audience.Admin => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support),
        _ => true,
    });
}
