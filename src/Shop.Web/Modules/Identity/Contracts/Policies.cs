namespace Shop.Web.Modules.Identity.Contracts;

/// <summary>Authorization policies endpoints and pages name in RequireAuthorization / [Authorize(Policy = …)].</summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string Seller = "seller";
    public const string Support = "support";
}
