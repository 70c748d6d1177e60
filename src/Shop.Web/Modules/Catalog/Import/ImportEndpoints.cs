using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Web.Modules.Catalog.Products;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Catalog.Import;

public static class ImportEndpoints
{
    private const long MaxUpload = 21 * 1024 * 1024;

    public static void MapImportEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Seller").RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own);

        api.MapGet("/seller/products/export", (ClaimsPrincipal user, ProductExporter exporter, HttpContext context) =>
            Export(new CatalogActor(user.UserId(), false), exporter, context))
            .WithName("ExportProducts").WithSummary("The seller's products and stock as CSV, one row per variant, in the import format.");

        api.MapGet("/admin/products/export", (ClaimsPrincipal user, ProductExporter exporter, HttpContext context) =>
            Export(new CatalogActor(user.UserId(), true), exporter, context))
            .RequireAuthorization(Policies.Admin).Access(Callers.Admins).WithTags("Admin")
            .WithName("AdminExportProducts").WithSummary("Every product and its stock as CSV.");

        api.MapPost("/seller/products/import", async Task<Accepted<ImportJobView>> (IFormFile file, ClaimsPrincipal user, ProductImporter importer) =>
            {
                await using var stream = file.OpenReadStream();
                var job = await importer.QueueAsync(user.UserId(), file.FileName, stream);
                return TypedResults.Accepted($"/api/v1/seller/products/import/{job.Id}", job);
            })
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxUpload))
            .WithName("ImportProducts").WithSummary("Queue a CSV of products and stock; poll the returned job for progress and per-row errors.");

        api.MapGet("/seller/products/import/{id:guid}", async Task<Results<Ok<ImportJobView>, NotFound>> (Guid id, ClaimsPrincipal user, ProductImporter importer) =>
            await importer.FindAsync(user.UserId(), id) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound())
            .WithName("GetImport").WithSummary("An import's progress, counts and per-row errors.");

        // The page's upload: an ordinary multipart form with its anti-forgery token.
        app.MapPost("/seller/products/import", async Task<RedirectHttpResult> (IFormFile? file, ClaimsPrincipal user, ProductImporter importer) =>
            {
                if (file is null || file.Length == 0)
                    return TypedResults.Redirect($"/seller/products/import?error={Uri.EscapeDataString("Choose a CSV file.")}");
                try
                {
                    await using var stream = file.OpenReadStream();
                    var job = await importer.QueueAsync(user.UserId(), file.FileName, stream);
                    return TypedResults.Redirect($"/seller/products/import/{job.Id}");
                }
                catch (InputValidationException invalid)
                {
                    return TypedResults.Redirect($"/seller/products/import?error={Uri.EscapeDataString(invalid.Errors.Values.First().First())}");
                }
            })
            .RequireAuthorization(Policies.Seller).WithMetadata(new RequestSizeLimitAttribute(MaxUpload)).ExcludeFromDescription();
    }

    private static Task Export(CatalogActor actor, ProductExporter exporter, HttpContext context) =>
        CsvDownload.SendAsync(context, "products", exporter.RowsAsync(actor, context.RequestAborted), new ProductCsvRowMap());
}
