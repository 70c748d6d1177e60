using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Identity.Data;

public enum SellerApplicationStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>A user's request to sell on the marketplace, decided by an admin.</summary>
public sealed class SellerApplication
{
    private SellerApplication() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string ShopName { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string ContactEmail { get; private set; } = "";
    public string ContactPhone { get; private set; } = "";
    public SellerApplicationStatus Status { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public string? RejectionReason { get; private set; }

    public static SellerApplication Submit(Guid userId, string shopName, string description, string contactEmail, string contactPhone, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        ShopName = shopName.Trim(),
        Description = description.Trim(),
        ContactEmail = contactEmail.Trim(),
        ContactPhone = contactPhone.Trim(),
        Status = SellerApplicationStatus.Pending,
        SubmittedAt = now,
    };

    public void Approve(Guid adminId, DateTimeOffset now)
    {
        EnsurePending();
        Status = SellerApplicationStatus.Approved;
        DecidedAt = now;
        DecidedBy = adminId;
    }

    public void Reject(Guid adminId, string reason, DateTimeOffset now)
    {
        EnsurePending();
        Status = SellerApplicationStatus.Rejected;
        DecidedAt = now;
        DecidedBy = adminId;
        RejectionReason = reason.Trim();
    }

    private void EnsurePending()
    {
        if (Status != SellerApplicationStatus.Pending)
            throw new ConflictException("seller_application.decided", $"This application was already {Status.ToString().ToLowerInvariant()}.");
    }
}
