using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Pricing.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Pricing.Shipping;

public sealed class ShippingRateRequest
{
    [MaxLength(100)]
    public string? State { get; set; }

    [RegularExpression("^[A-Za-z0-9]{1,10}$", ErrorMessage = "A postal prefix is 1 to 10 letters or digits.")]
    public string? PostalPrefix { get; set; }

    [Range(typeof(decimal), "0", "1000000")]
    public decimal BaseRate { get; set; }

    [Range(typeof(decimal), "0", "1000000")]
    public decimal PerKgRate { get; set; }
}

public sealed class ShippingMethodRequest
{
    [Required, RegularExpression("^[a-z0-9-]{2,32}$", ErrorMessage = "Use 2 to 32 lowercase letters, digits or hyphens."), Display(Name = "Code")]
    public string Code { get; set; } = "";

    [Required, MaxLength(100), Display(Name = "Name")]
    public string Name { get; set; } = "";

    [MaxLength(100), Display(Name = "Delivery estimate")]
    public string? DeliveryEstimate { get; set; }

    [Range(typeof(decimal), "0", "1000000"), Display(Name = "Base rate")]
    public decimal BaseRate { get; set; }

    [Range(typeof(decimal), "0", "1000000"), Display(Name = "Rate per kg")]
    public decimal PerKgRate { get; set; }

    [Range(typeof(decimal), "0", "10000000"), Display(Name = "Free over")]
    public decimal? FreeOver { get; set; }

    public bool IsActive { get; set; } = true;

    [Range(0, 1000)]
    public int SortOrder { get; set; }

    public List<ShippingRateRequest> Rates { get; set; } = [];

    internal void ApplyTo(ShippingMethod method)
    {
        for (var i = 0; i < Rates.Count; i++)
            if (string.IsNullOrWhiteSpace(Rates[i].State) == string.IsNullOrWhiteSpace(Rates[i].PostalPrefix))
                throw new InputValidationException($"Rates[{i}]", "A regional rate names either a state or a postal-code prefix.");
            else if (Rates[i].PostalPrefix is { } prefix && !prefix.Trim().All(char.IsAsciiLetterOrDigit))
                throw new InputValidationException($"Rates[{i}]", "A postal-code prefix is letters or digits only.");
        method.Code = Code;
        method.Name = Name.Trim();
        method.DeliveryEstimate = DeliveryEstimate?.Trim();
        method.BaseRate = BaseRate;
        method.PerKgRate = PerKgRate;
        method.FreeOver = FreeOver;
        method.IsActive = IsActive;
        method.SortOrder = SortOrder;
        method.Rates.Clear();
        method.Rates.AddRange(Rates.Select(r => new ShippingRate(
            string.IsNullOrWhiteSpace(r.State) ? null : r.State.Trim(), string.IsNullOrWhiteSpace(r.PostalPrefix) ? null : r.PostalPrefix.Trim(), r.BaseRate, r.PerKgRate)));
    }
}

public sealed record ShippingRateView(string? State, string? PostalPrefix, decimal BaseRate, decimal PerKgRate);

public sealed record ShippingMethodView(
    Guid Id, string Code, string Name, string? DeliveryEstimate, decimal BaseRate, decimal PerKgRate, decimal? FreeOver, bool IsActive, int SortOrder,
    IReadOnlyList<ShippingRateView> Rates)
{
    internal static ShippingMethodView From(ShippingMethod m) => new(m.Id, m.Code, m.Name, m.DeliveryEstimate, m.BaseRate, m.PerKgRate, m.FreeOver,
        m.IsActive, m.SortOrder, m.Rates.OrderBy(r => r.State).ThenBy(r => r.PostalPrefix).Select(r => new ShippingRateView(r.State, r.PostalPrefix, r.BaseRate, r.PerKgRate)).ToList());
}

/// <summary>Shipping methods and their regional rates, as admins configure them.</summary>
public sealed class ShippingAdministration(ShopDbContext db)
{
    private IQueryable<ShippingMethod> Methods => db.Set<ShippingMethod>().Include(m => m.Rates);

    public async Task<IReadOnlyList<ShippingMethodView>> ListAsync() =>
        (await Methods.AsNoTracking().OrderBy(m => m.SortOrder).ThenBy(m => m.Name).ToListAsync()).Select(ShippingMethodView.From).ToList();

    public async Task<ShippingMethodView?> GetAsync(Guid id) =>
        await Methods.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id) is { } method ? ShippingMethodView.From(method) : null;

    public async Task<ShippingMethodView> CreateAsync(ShippingMethodRequest request)
    {
        var method = new ShippingMethod(request.Code, request.Name);
        request.ApplyTo(method);
        db.Add(method);
        await SaveAsync();
        return ShippingMethodView.From(method);
    }

    public async Task<ShippingMethodView?> UpdateAsync(Guid id, ShippingMethodRequest request)
    {
        var method = await Methods.SingleOrDefaultAsync(m => m.Id == id);
        if (method is null)
            return null;
        request.ApplyTo(method);
        await SaveAsync();
        return ShippingMethodView.From(method);
    }

    public async Task<bool> DeleteAsync(Guid id) => await db.Set<ShippingMethod>().Where(m => m.Id == id).ExecuteDeleteAsync() > 0;

    private async Task SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new InputValidationException(nameof(ShippingMethodRequest.Code), "Another shipping method already uses this code.");
        }
    }
}
