using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Data;
using Shop.Web.Modules.Notifications.Templates;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Notifications.Preferences;

/// <param name="Essential">Always sent by email (security and orders); those switches are shown, not offered. Push and SMS stay a choice.</param>
/// <param name="Push">Pushed to the devices the user turned on; only where <paramref name="HasPush"/>.</param>
/// <param name="Sms">Texted to the account's verified phone number; only where <paramref name="HasSms"/>, off until turned on.</param>
public sealed record PreferenceView(string Kind, string Label, bool Essential, bool Email, bool InApp, bool HasInApp, bool Push = false, bool HasPush = false,
    bool Sms = false, bool HasSms = false);

/// <param name="Push">Null leaves the push choice as it is (callers that only know email and in-app); so does a null <paramref name="Sms"/>.</param>
public sealed record PreferenceChoice(string Kind, bool Email, bool InApp, bool? Push = null, bool? Sms = null);

public sealed class PreferencesRequest
{
    public List<PreferenceChoice> Preferences { get; set; } = [];
}

/// <summary>What a user hears about: the kinds that reach someone in their roles, and their choices for the optional ones.</summary>
public sealed class NotificationPreferences(ShopDbContext db, ICustomerDirectory customers)
{
    /// <summary>Where text messages go: the account's verified number, or null while it has none (and none can be turned on).</summary>
    public Task<string?> TextMessagePhoneAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        customers.VerifiedPhoneAsync(user.UserId(), cancellationToken);

    public async Task<IReadOnlyList<PreferenceView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.UserId();
        var choices = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == userId)
            .ToDictionaryAsync(p => p.Kind, cancellationToken);
        return KindsFor(user).Select(k =>
            {
                var choice = choices.GetValueOrDefault(k.Slug) ?? new NotificationPreference();
                var (push, sms) = (choice.Push && k.Push, choice.Sms && k.Sms);
                return k.Essential
                    ? new PreferenceView(k.Slug, k.Label, true, true, k.InApp, k.InApp, push, k.Push, sms, k.Sms)
                    : new PreferenceView(k.Slug, k.Label, false, choice.Email, choice.InApp && k.InApp, k.InApp, push, k.Push, sms, k.Sms);
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
            if (changes[i].Sms == true && !kind.Sms)
                throw new InputValidationException($"Preferences[{i}].Sms", $"\"{kind.Label}\" is not sent as a text message.");
        }
        var userId = user.UserId();
        var smsField = Enumerable.Range(0, changes.Count).FirstOrDefault(i => changes[i].Sms == true, -1);
        if (smsField >= 0 && await customers.VerifiedPhoneAsync(userId, cancellationToken) is null)
            throw new InputValidationException($"Preferences[{smsField}].Sms", "Add your phone number on your account page and enter the code we text you before turning on text messages.");
        foreach (var change in changes)
        {
            var kind = allowed[change.Kind];
            if (kind.Essential && !(kind.Push && change.Push.HasValue) && !(kind.Sms && change.Sms.HasValue))
                continue;
            var row = await db.Set<NotificationPreference>().SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == change.Kind, cancellationToken);
            if (row is null)
                db.Add(row = new NotificationPreference { UserId = userId, Kind = change.Kind });
            if (!kind.Essential)
                (row.Email, row.InApp) = (change.Email, change.InApp);
            if (kind.Push && change.Push is { } push)
                row.Push = push;
            if (kind.Sms && change.Sms is { } sms)
                row.Sms = sms;
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
