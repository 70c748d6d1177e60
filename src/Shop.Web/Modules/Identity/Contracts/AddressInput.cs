using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Shop.Web.Modules.Identity.Contracts;

/// <summary>An address as a form or an API client enters it, with its checks (address book and checkout alike).</summary>
public class AddressInput
{
    [Required, MaxLength(100), Display(Name = "Full name")]
    public string FullName { get; set; } = "";

    [Required, Phone, MaxLength(20), Display(Name = "Phone")]
    public string Phone { get; set; } = "";

    [Required, MaxLength(200), Display(Name = "Address line 1")]
    public string Line1 { get; set; } = "";

    [MaxLength(200), Display(Name = "Address line 2")]
    public string? Line2 { get; set; }

    [Required, MaxLength(100), Display(Name = "City")]
    public string City { get; set; } = "";

    [Required, MaxLength(100), Display(Name = "State")]
    public string State { get; set; } = "";

    [Required, RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9 -]{1,10}[A-Za-z0-9]$", ErrorMessage = "Enter a valid postal code."), Display(Name = "Postal code")]
    public string PostalCode { get; set; } = "";

    [Required, RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "Use the two-letter country code, e.g. IN."), Display(Name = "Country"), DefaultValue("IN")]
    public string Country { get; set; } = "IN";

    public PostalAddress ToAddress() =>
        new(FullName.Trim(), Phone.Trim(), Line1.Trim(), string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(), City.Trim(), State.Trim(),
            PostalCode.Trim(), Country.Trim().ToUpperInvariant());
}
