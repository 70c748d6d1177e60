using Microsoft.AspNetCore.DataProtection;

namespace Shop.Web.Modules.Webhooks.Dispatch;

/// <summary>
/// Signing secrets are stored encrypted with the shop's data-protection key ring, so a copy of the
/// webhooks table alone (a report, a partial dump) does not let anyone forge deliveries.
/// </summary>
public sealed class EndpointSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Shop.Webhooks.EndpointSecrets");

    /// <summary>A new secret, in clear to show once and encrypted to store.</summary>
    public (string Secret, string Stored) Create()
    {
        var secret = WebhookSignature.NewSecret();
        return (secret, protector.Protect(secret));
    }

    public string Reveal(string stored) => protector.Unprotect(stored);
}
