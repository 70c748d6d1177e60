using Microsoft.AspNetCore.Identity;

namespace Shop.Web.Modules.Identity.Data;

public sealed class ShopUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The culture the person chose to read the shop in (hi-IN); null until they choose one.</summary>
    public string? Language { get; set; }

    /// <summary>Set while an admin has deactivated the account: it cannot sign in or use any session.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public static ShopUser Create(string email, string displayName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserName = email,
        Email = email,
        DisplayName = displayName.Trim(),
        CreatedAt = now,
    };

    public void Deactivate(DateTimeOffset now) => DeactivatedAt ??= now;

    public void Reactivate() => DeactivatedAt = null;
}

public sealed class ShopRole : IdentityRole<Guid>;
