using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Identity.Emails;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity.SellerApplications;

public sealed class SellerApplicationRequest
{
    [Required, MaxLength(100), Display(Name = "Shop name")]
    public string ShopName { get; set; } = "";

    [Required, MinLength(20, ErrorMessage = "Tell us a little more about what you sell (at least 20 characters)."), MaxLength(2000), Display(Name = "What you sell")]
    public string Description { get; set; } = "";

    [Required, EmailAddress, MaxLength(256), Display(Name = "Contact email")]
    public string ContactEmail { get; set; } = "";

    [Required, Phone, MaxLength(20), Display(Name = "Contact phone")]
    public string ContactPhone { get; set; } = "";
}

public sealed class RejectRequest
{
    [Required, MaxLength(500), Display(Name = "Reason")]
    public string Reason { get; set; } = "";
}

public sealed record SellerApplicationResponse(
    Guid Id, Guid UserId, string ApplicantEmail, string ShopName, string Description, string ContactEmail, string ContactPhone,
    SellerApplicationStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, string? RejectionReason);

/// <summary>Users apply to sell; admins approve (granting the seller role) or reject with a reason.</summary>
public sealed class SellerOnboarding(ShopDbContext db, UserManager<ShopUser> users, IOutbox outbox, TimeProvider clock)
{
    public async Task<SellerApplicationResponse> SubmitAsync(Guid userId, SellerApplicationRequest request)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("Unknown user.");
        if (await users.IsInRoleAsync(user, Roles.Seller))
            throw new ConflictException("seller_application.already_seller", "You already sell on this marketplace.");
        var application = SellerApplication.Submit(userId, request.ShopName, request.Description, request.ContactEmail, request.ContactPhone, clock.GetUtcNow());
        db.Add(application);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("seller_application.pending", "You already have an application waiting for a decision.");
        }
        return (await FindAsync(application.Id))!;
    }

    public async Task<SellerApplicationResponse?> LatestForAsync(Guid userId) =>
        await Query(db.Set<SellerApplication>().Where(a => a.UserId == userId).OrderByDescending(a => a.SubmittedAt)).FirstOrDefaultAsync();

    /// <summary>Applications, oldest first so the queue is worked in order; all statuses when none is given.</summary>
    public Task<Paged<SellerApplicationResponse>> ListAsync(SellerApplicationStatus? status, PageRequest page) =>
        Query(db.Set<SellerApplication>().Where(a => status == null || a.Status == status).OrderBy(a => a.SubmittedAt)).ToPagedAsync(page);

    public Task<SellerApplicationResponse?> FindAsync(Guid id) => Query(db.Set<SellerApplication>().Where(a => a.Id == id)).SingleOrDefaultAsync();

    public async Task<SellerApplicationResponse?> ApproveAsync(Guid adminId, Guid id)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var application = await db.Set<SellerApplication>().SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
            return null;
        application.Approve(adminId, clock.GetUtcNow());
        var user = await users.FindByIdAsync(application.UserId.ToString());
        if (user is not null && !await users.IsInRoleAsync(user, Roles.Seller))
            (await users.AddToRoleAsync(user, Roles.Seller)).ThrowIfFailed();
        outbox.Add(new SellerApplicationDecided(application.Id));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await FindAsync(id);
    }

    public async Task<SellerApplicationResponse?> RejectAsync(Guid adminId, Guid id, RejectRequest request)
    {
        var application = await db.Set<SellerApplication>().SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
            return null;
        application.Reject(adminId, request.Reason, clock.GetUtcNow());
        outbox.Add(new SellerApplicationDecided(application.Id));
        await db.SaveChangesAsync();
        return await FindAsync(id);
    }

    private IQueryable<SellerApplicationResponse> Query(IQueryable<SellerApplication> applications) =>
        from a in applications
        join u in db.Users on a.UserId equals u.Id
        select new SellerApplicationResponse(a.Id, a.UserId, u.Email!, a.ShopName, a.Description, a.ContactEmail, a.ContactPhone,
            a.Status, a.SubmittedAt, a.DecidedAt, a.RejectionReason);
}
