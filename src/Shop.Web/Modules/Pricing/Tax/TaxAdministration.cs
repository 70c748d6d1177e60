using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Pricing.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Pricing.Tax;

public sealed class TaxRateRequest
{
    [Required, MaxLength(100), Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Range(typeof(decimal), "0", "100"), Display(Name = "Percent")]
    public decimal Percent { get; set; }

    /// <summary>The category (with its subcategories) the rate is for; none for every category.</summary>
    public Guid? CategoryId { get; set; }

    /// <summary>The state the rate is for; none for every state.</summary>
    [MaxLength(100), Display(Name = "State")]
    public string? State { get; set; }

    public static TaxRateRequest From(TaxRateView rate) => new() { Name = rate.Name, Percent = rate.Percent, CategoryId = rate.CategoryId, State = rate.State };
}

public sealed record TaxRateView(Guid Id, string Name, decimal Percent, Guid? CategoryId, string? State)
{
    internal static TaxRateView From(TaxRate r) => new(r.Id, r.Name, r.Percent, r.CategoryId, r.State);
}

/// <summary>Tax rates by category and state, as admins configure them.</summary>
public sealed class TaxAdministration(ShopDbContext db, ICatalogLookup catalog)
{
    public async Task<IReadOnlyList<TaxRateView>> ListAsync() =>
        (await db.Set<TaxRate>().AsNoTracking().OrderBy(r => r.CategoryId != null).ThenBy(r => r.State != null).ThenBy(r => r.Name).ToListAsync())
            .Select(TaxRateView.From).ToList();

    public async Task<TaxRateView?> GetAsync(Guid id) =>
        await db.Set<TaxRate>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id) is { } rate ? TaxRateView.From(rate) : null;

    public async Task<TaxRateView> CreateAsync(TaxRateRequest request)
    {
        await CheckCategoryAsync(request.CategoryId);
        var rate = new TaxRate(request.Name.Trim(), request.Percent, request.CategoryId, Blank(request.State));
        db.Add(rate);
        await db.SaveChangesAsync();
        return TaxRateView.From(rate);
    }

    public async Task<TaxRateView?> UpdateAsync(Guid id, TaxRateRequest request)
    {
        var rate = await db.Set<TaxRate>().SingleOrDefaultAsync(r => r.Id == id);
        if (rate is null)
            return null;
        await CheckCategoryAsync(request.CategoryId);
        rate.Name = request.Name.Trim();
        rate.Percent = request.Percent;
        rate.CategoryId = request.CategoryId;
        rate.State = Blank(request.State);
        await db.SaveChangesAsync();
        return TaxRateView.From(rate);
    }

    public async Task<bool> DeleteAsync(Guid id) => await db.Set<TaxRate>().Where(r => r.Id == id).ExecuteDeleteAsync() > 0;

    private async Task CheckCategoryAsync(Guid? categoryId)
    {
        if (categoryId is { } id && !(await catalog.CategoriesAsync()).Any(c => c.Id == id))
            throw new InputValidationException(nameof(TaxRateRequest.CategoryId), "That category does not exist.");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
