using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Inventory.Data;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Inventory.Stock;

public sealed class StockAdjustmentRequest
{
    /// <summary>Units to add (positive) or remove (negative).</summary>
    [Range(-1_000_000, 1_000_000)]
    public int? Change { get; set; }

    /// <summary>The counted number on hand, instead of a change.</summary>
    [Range(0, 1_000_000)]
    public int? SetTo { get; set; }

    [Range(0, 100_000)]
    public int? LowStockThreshold { get; set; }

    [Required, MaxLength(500)]
    public string Reason { get; set; } = "";
}

public sealed record StockRow(Guid VariantId, Guid ProductId, string Sku, string ProductTitle, string VariantLabel, int OnHand, int Reserved, int Available, int LowStockThreshold, bool Low);

public sealed record MovementRow(DateTimeOffset At, string Kind, int OnHandBefore, int OnHandAfter, int ReservedBefore, int ReservedAfter, string Reason, string? Reference, Guid? ActorId);

public sealed class StockListFilter
{
    /// <summary>Only variants at or below their low-stock threshold.</summary>
    public bool? Low { get; init; }
}

/// <summary>Stock as sellers (their own) and admins (all) see and correct it.</summary>
public sealed class StockBook(ShopDbContext db, InventoryService inventory, ICatalogLookup catalog)
{
    public async Task<Paged<StockRow>> ListAsync(Guid? sellerScope, StockListFilter filter, PageRequest page)
    {
        var query = db.Set<StockItem>().AsNoTracking().Where(s => sellerScope == null || s.SellerId == sellerScope);
        if (filter.Low == true)
            query = query.Where(s => s.OnHand - s.Reserved <= s.LowStockThreshold);
        var items = await query.OrderBy(s => s.OnHand - s.Reserved - s.LowStockThreshold).ThenBy(s => s.Sku).ToPagedAsync(page);
        var names = await catalog.VariantsAsync(items.Items.Select(i => i.VariantId).ToList());
        return new Paged<StockRow>(items.Items.Select(s =>
        {
            var info = names.GetValueOrDefault(s.VariantId);
            return new StockRow(s.VariantId, s.ProductId, s.Sku, info?.ProductTitle ?? "(removed product)", info?.VariantLabel ?? "", s.OnHand, s.Reserved,
                s.Available, s.LowStockThreshold, s.Available <= s.LowStockThreshold);
        }).ToList(), items.Total, items.Page, items.PageSize);
    }

    public async Task<IReadOnlyList<MovementRow>?> MovementsAsync(Guid? sellerScope, Guid variantId)
    {
        if (!await db.Set<StockItem>().AnyAsync(s => s.VariantId == variantId && (sellerScope == null || s.SellerId == sellerScope)))
            return null;
        return await db.Set<StockMovement>().AsNoTracking().Where(m => m.VariantId == variantId).OrderByDescending(m => m.Id).Take(200)
            .Select(m => new MovementRow(m.CreatedAt, m.Kind, m.OnHandBefore, m.OnHandAfter, m.ReservedBefore, m.ReservedAfter, m.Reason, m.Reference, m.ActorId))
            .ToListAsync();
    }

    public Task<StockLevel?> AdjustAsync(Guid? sellerScope, Guid actorId, Guid variantId, StockAdjustmentRequest request) => db.InTransactionAsync(async () =>
    {
        if (request.LowStockThreshold is { } threshold && !await inventory.SetThresholdAsync(variantId, threshold, sellerScope))
            return null;
        if (request.Change is null && request.SetTo is null)
            return (await inventory.LevelsAsync([variantId])).GetValueOrDefault(variantId);
        return await inventory.AdjustAsync(variantId, request.Change, request.SetTo, request.Reason, actorId, sellerScope);
    });
}

public static class StockEndpoints
{
    public static void MapStockEndpoints(this RouteGroupBuilder api)
    {
        Map(api.MapGroup("/seller/stock").WithTags("Seller").RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own), admin: false);
        Map(api.MapGroup("/admin/stock").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins), admin: true);
    }

    private static void Map(RouteGroupBuilder group, bool admin)
    {
        Guid? Scope(ClaimsPrincipal user) => admin ? null : user.UserId();
        var prefix = admin ? "Admin" : "Seller";

        group.MapGet("/", async Task<Ok<Paged<StockRow>>> ([AsParameters] StockListFilter filter, [AsParameters] PageRequest page, ClaimsPrincipal user, StockBook book) =>
            TypedResults.Ok(await book.ListAsync(Scope(user), filter, page)))
            .WithName($"{prefix}ListStock").WithSummary("Stock per variant, lowest first; ?low=true for those at or below their threshold.");

        group.MapGet("/{variantId:guid}/movements", async Task<Results<Ok<IReadOnlyList<MovementRow>>, NotFound>> (Guid variantId, ClaimsPrincipal user, StockBook book) =>
            await book.MovementsAsync(Scope(user), variantId) is { } movements ? TypedResults.Ok(movements) : TypedResults.NotFound())
            .WithName($"{prefix}StockMovements").WithSummary("Every change of a variant's stock: who, why, when, before and after.");

        group.MapPost("/{variantId:guid}/adjust", async Task<Results<Ok<StockLevel>, NotFound>> (Guid variantId, StockAdjustmentRequest request, ClaimsPrincipal user, StockBook book) =>
            await book.AdjustAsync(Scope(user), user.UserId(), variantId, request) is { } level ? TypedResults.Ok(level) : TypedResults.NotFound())
            .WithName($"{prefix}AdjustStock").WithSummary("Add or remove units, or set the counted number, with a reason; never below what orders hold.");
    }
}
