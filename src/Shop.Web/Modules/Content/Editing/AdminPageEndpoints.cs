using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Content.Editing;

public static class AdminPageEndpoints
{
    public static void MapAdminPageEndpoints(this RouteGroupBuilder api)
    {
        var pages = api.MapGroup("/admin/pages").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        pages.MapGet("/", async Task<Ok<IReadOnlyList<AdminPageView>>> (PageAdministration admin) => TypedResults.Ok(await admin.ListAsync()))
            .WithName("ListAdminPages").WithSummary("Every page of the shop, drafts too, by title.");

        pages.MapGet("/{id:guid}", async Task<Results<Ok<AdminPageView>, NotFound>> (Guid id, PageAdministration admin) =>
            await admin.GetAsync(id) is { } page ? TypedResults.Ok(page) : TypedResults.NotFound())
            .WithName("GetAdminPage");

        pages.MapPost("/", async Task<Created<AdminPageView>> (PageRequest request, PageAdministration admin) =>
        {
            var page = await admin.CreateAsync(request);
            return TypedResults.Created($"/api/v1/admin/pages/{page.Id}", page);
        }).WithName("CreatePage").WithSummary("A page at /pages/{slug}: Markdown text (HTML in it shows as text), shown once published.");

        pages.MapPut("/{id:guid}", async Task<Results<Ok<AdminPageView>, NotFound>> (Guid id, PageRequest request, PageAdministration admin) =>
            await admin.UpdateAsync(id, request) is { } page ? TypedResults.Ok(page) : TypedResults.NotFound())
            .WithName("UpdatePage").WithSummary("Change a page's title, address, text or footer column; publish or unpublish it.");
    }
}
