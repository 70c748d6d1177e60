using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Ledger.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Ledger.Accounts;

public sealed class CommissionRuleRequest
{
    /// <summary>The seller the rule is for; none for every seller.</summary>
    public Guid? SellerId { get; set; }

    /// <summary>The category the rule is for; none for every category.</summary>
    public Guid? CategoryId { get; set; }

    [Range(typeof(decimal), "0", "100")]
    public required decimal Percent { get; set; }
}

public sealed record CommissionRuleView(Guid Id, Guid? SellerId, Guid? CategoryId, decimal Percent);

/// <summary>Commission percentages admins set: a default, per seller, per category, or both.</summary>
public sealed class CommissionRules(ShopDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CommissionRuleView>> ListAsync() =>
        await db.Set<CommissionRule>().AsNoTracking().OrderBy(r => r.SellerId != null).ThenBy(r => r.CategoryId != null)
            .Select(r => new CommissionRuleView(r.Id, r.SellerId, r.CategoryId, r.Percent)).ToListAsync();

    /// <summary>Sets the percentage for a seller/category pair, replacing the pair's earlier rule.</summary>
    public async Task<CommissionRuleView> SetAsync(CommissionRuleRequest request)
    {
        var rule = await db.Set<CommissionRule>().SingleOrDefaultAsync(r => r.SellerId == request.SellerId && r.CategoryId == request.CategoryId);
        if (rule is null)
            db.Add(rule = new CommissionRule(request.SellerId, request.CategoryId, request.Percent, clock.GetUtcNow()));
        else
        {
            rule.Percent = request.Percent;
            rule.UpdatedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync();
        return new CommissionRuleView(rule.Id, rule.SellerId, rule.CategoryId, rule.Percent);
    }

    public async Task<bool> DeleteAsync(Guid id) => await db.Set<CommissionRule>().Where(r => r.Id == id).ExecuteDeleteAsync() > 0;
}
