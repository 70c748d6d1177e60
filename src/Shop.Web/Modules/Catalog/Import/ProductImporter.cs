using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Catalog.Products;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Catalog.Import;

public sealed record ImportJobView(
    Guid Id, string FileName, ImportStatus Status, int TotalRows, int ProcessedRows, int CreatedProducts, int UpdatedProducts,
    IReadOnlyList<ImportRowError> Errors, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public int Percent => TotalRows == 0 ? 100 : ProcessedRows * 100 / TotalRows;

    internal static ImportJobView From(ImportJob job) => new(job.Id, job.FileName, job.Status, job.TotalRows, job.ProcessedRows,
        job.CreatedProducts, job.UpdatedProducts, job.Errors, job.CreatedAt, job.FinishedAt);
}

/// <summary>
/// CSV import of a seller's products: the upload is checked and queued at once; the rows are then
/// applied in the background one product at a time, each in its own transaction, so a 10,000-row
/// file never holds one giant transaction, a bad row fails only its product, and progress shows.
/// </summary>
public sealed class ProductImporter(ShopDbContext db, IServiceScopeFactory scopes, TimeProvider clock)
{
    private const int MaxBytes = 20 * 1024 * 1024;

    public async Task<ImportJobView> QueueAsync(Guid sellerId, string fileName, Stream upload)
    {
        using var reader = new StreamReader(upload, Encoding.UTF8);
        var buffer = new char[MaxBytes + 1];
        var length = await reader.ReadBlockAsync(buffer, 0, buffer.Length);
        if (length > MaxBytes)
            throw new InputValidationException("File", "The file is larger than 20 MB; split it into several imports.");
        var content = new string(buffer, 0, length);
        if (content.Contains('\0'))
            throw new InputValidationException("File", NulCharacter.Message);
        IReadOnlyList<(int Line, ProductCsvRow Row)> rows;
        try
        {
            rows = ProductCsv.Read(content);
        }
        catch (Exception e) when (e is FormatException or CsvHelper.CsvHelperException)
        {
            throw new InputValidationException("File", $"The file could not be read as CSV: {e.Message}");
        }
        if (rows.Count == 0)
            throw new InputValidationException("File", "The file has a header but no rows.");
        var job = ImportJob.Queue(sellerId, Path.GetFileName(fileName), content, rows.Count, clock.GetUtcNow());
        db.Add(job);
        await db.SaveChangesAsync();
        return ImportJobView.From(job);
    }

    public async Task<ImportJobView?> FindAsync(Guid sellerId, Guid id) =>
        await db.Set<ImportJob>().AsNoTracking().Where(j => j.Id == id && j.SellerId == sellerId).Select(j => ImportJobView.From(j)).SingleOrDefaultAsync();

    /// <summary>Applies a claimed job's rows, reporting progress as it goes.</summary>
    internal async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var job = await db.Set<ImportJob>().AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
        var actor = new CatalogActor(job.SellerId, IsAdmin: false);
        var errors = new List<ImportRowError>();
        int processed = 0, created = 0, updated = 0;
        var categories = await db.Set<Category>().AsNoTracking().ToDictionaryAsync(c => c.Slug, c => c.Id, cancellationToken);
        var lastReport = clock.GetUtcNow();

        foreach (var product in ProductCsv.Read(job.Content).GroupBy(r => r.Row.Handle.Trim().ToLowerInvariant()))
        {
            var lines = product.ToList();
            try
            {
                var outcome = await ApplyAsync(actor, product.Key, lines, categories);
                if (outcome) created++; else updated++;
            }
            catch (Exception e) when (e is InputValidationException or DomainException or FormatException)
            {
                var message = e is InputValidationException invalid ? string.Join(" ", invalid.Errors.SelectMany(x => x.Value)) : e.Message;
                errors.AddRange(lines.Select(l => new ImportRowError(l.Line, message)));
            }
            processed += lines.Count;
            if (clock.GetUtcNow() - lastReport > TimeSpan.FromSeconds(1))
            {
                await ReportAsync(jobId, processed, created, updated, errors, ImportStatus.Running, cancellationToken);
                lastReport = clock.GetUtcNow();
            }
        }
        await ReportAsync(jobId, processed, created, updated, errors, ImportStatus.Completed, cancellationToken);
    }

    /// <summary>Creates or updates one product from its rows; true when it was created.</summary>
    private async Task<bool> ApplyAsync(CatalogActor actor, string handle, IReadOnlyList<(int Line, ProductCsvRow Row)> lines, IReadOnlyDictionary<string, Guid> categories)
    {
        var first = lines[0].Row;
        if (handle.Length == 0)
            throw new InputValidationException("handle", "Every row needs a handle (the product's address, e.g. cotton-kurta).");
        await using var scope = scopes.CreateAsyncScope();
        var products = scope.ServiceProvider.GetRequiredService<ProductManagement>();
        var inventory = scope.ServiceProvider.GetRequiredService<IInventory>();
        var existing = await products.FindBySlugAsync(actor, handle);
        var request = new ProductRequest
        {
            Slug = handle,
            Title = first.Title ?? existing?.Title ?? "",
            Brand = first.Brand ?? existing?.Brand ?? "",
            Description = first.Description ?? existing?.Description ?? "",
            CategoryId = first.Category is { Length: > 0 } slug
                ? categories.TryGetValue(slug, out var id) ? id : throw new InputValidationException("category", $"There is no category “{slug}”.")
                : existing?.CategoryId ?? throw new InputValidationException("category", "Give the category's address (e.g. fashion-men-kurtas)."),
            Attributes = first.Details is null ? new Dictionary<string, string>(existing?.Attributes ?? new Dictionary<string, string>()) : ProductCsv.ParsePairs(first.Details),
            Status = first.Status?.Trim().ToLowerInvariant() switch
            {
                null or "" => existing?.Status is ProductStatus.Active ? ProductStatus.Active : ProductStatus.Draft,
                "active" => ProductStatus.Active,
                "draft" => ProductStatus.Draft,
                var other => throw new InputValidationException("status", $"Status “{other}” is not draft or active."),
            },
            Images = existing?.Images.Select(i => new ImageRequest { Hash = i.Hash, AltText = i.AltText }).ToList() ?? [],
            Variants = lines.Select(l => new VariantRequest
            {
                Id = existing?.Variants.FirstOrDefault(v => string.Equals(v.Sku, l.Row.Sku.Trim(), StringComparison.OrdinalIgnoreCase))?.Id,
                Sku = l.Row.Sku.Trim(),
                Options = ProductCsv.ParsePairs(l.Row.Options),
                Price = Number(l.Row.Price, "price") ?? throw new InputValidationException("price", $"{l.Row.Sku}: the price is missing."),
                CompareAtPrice = Number(l.Row.CompareAtPrice, "compare_at_price"),
                WeightGrams = (int)(Number(l.Row.WeightGrams, "weight_grams") ?? 0),
                Stock = (int)(Number(l.Row.Stock, "stock") ?? 0),
                LowStockThreshold = (int)(Number(l.Row.LowStockThreshold, "low_stock_threshold") ?? 5),
            }).ToList(),
        };
        Validate(request);
        var saved = existing is null ? await products.CreateAsync(actor, request) : await products.UpdateAsync(actor, existing.Id, request);
        if (existing is not null && saved is not null)
        {
            foreach (var (variant, row) in saved.Variants.Join(lines, v => v.Sku, l => l.Row.Sku.Trim(), (v, l) => (v, l.Row), StringComparer.OrdinalIgnoreCase))
                if (existing.Variants.Any(e => e.Id == variant.Id) && Number(row.Stock, "stock") is { } stock)
                    await inventory.SetOnHandAsync(variant.Id, (int)stock, "CSV import", actor.UserId);
        }
        return existing is null;
    }

    private static void Validate(ProductRequest request)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(request, new(request), results, validateAllProperties: true);
        foreach (var variant in request.Variants)
            valid &= System.ComponentModel.DataAnnotations.Validator.TryValidateObject(variant, new(variant), results, validateAllProperties: true);
        if (!valid)
            throw new InputValidationException("row", string.Join(" ", results.Select(r => r.ErrorMessage)));
    }

    private static decimal? Number(string? text, string column)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InputValidationException(column, $"{column} “{text}” is not a number.");
    }

    private async Task ReportAsync(Guid jobId, int processed, int created, int updated, List<ImportRowError> errors, ImportStatus status, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errorsJson = System.Text.Json.JsonSerializer.Serialize(errors);
        var statusText = status.ToString().ToLowerInvariant();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE catalog.import_jobs
               SET processed_rows = {processed}, created_products = {created}, updated_products = {updated}, errors = {errorsJson}::jsonb,
                   status = {statusText}, locked_until = {now.AddMinutes(5)},
                   finished_at = CASE WHEN {statusText} = 'completed' THEN {now} END
             WHERE id = {jobId}
            """, cancellationToken);
    }
}
