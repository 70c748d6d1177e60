namespace Shop.Web.Modules.Identity.Contracts;

/// <summary>The roles a user may hold, several at once.</summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string Seller = "seller";
    public const string Admin = "admin";
    public const string Support = "support";

    public static IReadOnlyList<string> All { get; } = [Customer, Seller, Admin, Support];
}
