using Microsoft.AspNetCore.Identity;

namespace Shop.Web.Modules.Identity.Data;

public sealed class ShopUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public static ShopUser Create(string email, string displayName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserName = email,
        Email = email,
        DisplayName = displayName,
        CreatedAt = now,
    };
}

public sealed class ShopRole : IdentityRole<Guid>;
