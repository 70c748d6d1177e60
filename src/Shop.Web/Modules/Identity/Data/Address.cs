using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Modules.Identity.Data;

/// <summary>One entry of a customer's address book.</summary>
public sealed class Address
{
    private Address() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string FullName { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Line1 { get; private set; } = "";
    public string? Line2 { get; private set; }
    public string City { get; private set; } = "";
    public string State { get; private set; } = "";
    public string PostalCode { get; private set; } = "";
    public string Country { get; private set; } = "IN";
    public bool IsDefaultShipping { get; internal set; }
    public bool IsDefaultBilling { get; internal set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Address Create(Guid userId, PostalAddress fields, DateTimeOffset now)
    {
        var address = new Address { Id = Guid.CreateVersion7(now), UserId = userId, CreatedAt = now };
        address.Update(fields);
        return address;
    }

    public void Update(PostalAddress fields)
    {
        FullName = fields.FullName.Trim();
        Phone = fields.Phone.Trim();
        Line1 = fields.Line1.Trim();
        Line2 = string.IsNullOrWhiteSpace(fields.Line2) ? null : fields.Line2.Trim();
        City = fields.City.Trim();
        State = fields.State.Trim();
        PostalCode = fields.PostalCode.Trim();
        Country = fields.Country.Trim().ToUpperInvariant();
    }
}
