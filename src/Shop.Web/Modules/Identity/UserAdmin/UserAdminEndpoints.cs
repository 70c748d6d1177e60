using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Identity.UserAdmin;

public static class UserAdminEndpoints
{
    public static void MapUserAdminEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/admin/users").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        users.MapGet("/", async Task<Ok<Paged<UserSummary>>> ([AsParameters] UserSearch search, [AsParameters] PageRequest page, UserAdministration admin) =>
            TypedResults.Ok(await admin.SearchAsync(search, page)))
            .WithName("SearchUsers").WithSummary("Find users by email or name, role and status; newest first.");

        users.MapGet("/export", ([AsParameters] UserSearch search, UserAdministration admin, HttpContext context) =>
                CsvDownload.SendAsync(context, search.Role == Roles.Customer ? "customers" : "users", admin.ExportAsync(search, context.RequestAborted)))
            .WithName("ExportUsers").WithSummary("The users a search finds as CSV (email, name, phone, confirmed, active, registered, roles), streamed; ?role=customer for the customers.");

        users.MapGet("/{id:guid}", async Task<Results<Ok<UserDetail>, NotFound>> (Guid id, UserAdministration admin) =>
            await admin.GetAsync(id) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound())
            .WithName("GetUser");

        users.MapPost("/{id:guid}/deactivate", async Task<Results<Ok<UserDetail>, NotFound>> (Guid id, ClaimsPrincipal admin, UserAdministration administration) =>
            await administration.DeactivateAsync(admin.UserId(), id) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound())
            .WithName("DeactivateUser").WithSummary("Refuse sign-in and end every session and token of the user at once.");

        users.MapPost("/{id:guid}/reactivate", async Task<Results<Ok<UserDetail>, NotFound>> (Guid id, UserAdministration administration) =>
            await administration.ReactivateAsync(id) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound())
            .WithName("ReactivateUser");

        users.MapPut("/{id:guid}/roles", async Task<Results<Ok<UserDetail>, NotFound>> (Guid id, RolesRequest request, ClaimsPrincipal admin, UserAdministration administration) =>
            await administration.SetRolesAsync(admin.UserId(), id, request.Roles) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound())
            .WithName("SetUserRoles").WithSummary("Set the user's roles (customer, seller, admin, support); effective on their next request.");
    }
}
