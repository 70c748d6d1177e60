using System.ComponentModel.DataAnnotations;

namespace Shop.Web.Platform.Email;

public enum EmailDelivery
{
    /// <summary>Writes each message as an .eml file into <see cref="EmailOptions.PickupDirectory"/>.</summary>
    Pickup,
    /// <summary>Sends through the SMTP server at <see cref="EmailOptions.Host"/>.</summary>
    Smtp,
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.Pickup;

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "shop@localhost";

    [Required]
    public string FromName { get; set; } = "Shop";

    public string PickupDirectory { get; set; } = ".data/mail";

    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
