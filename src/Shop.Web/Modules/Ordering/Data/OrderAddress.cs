using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Modules.Ordering.Data;

/// <summary>An address as the order keeps it, unaffected by later edits of the address book.</summary>
public sealed class OrderAddress
{
    public string FullName { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string State { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string Country { get; set; } = "";

    public static OrderAddress From(PostalAddress a) => new()
    {
        FullName = a.FullName, Phone = a.Phone, Line1 = a.Line1, Line2 = a.Line2, City = a.City, State = a.State, PostalCode = a.PostalCode, Country = a.Country,
    };
}
