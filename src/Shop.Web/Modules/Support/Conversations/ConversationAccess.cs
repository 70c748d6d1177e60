using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Shop.Web.Modules.Support.Conversations;

/// <summary>
/// The signed link a guest gets to their conversation: its id protected with the shop's Data Protection
/// keys (shared by every instance through PostgreSQL), so it can be neither guessed nor altered.
/// </summary>
public sealed class ConversationAccess(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Shop.Support.GuestConversationLink");

    public string TokenFor(Guid conversationId) => protector.Protect(conversationId.ToString("N"));

    public bool Allows(string? token, Guid conversationId)
    {
        if (string.IsNullOrEmpty(token))
            return false;
        try
        {
            return protector.Unprotect(token) == conversationId.ToString("N");
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Where the customer reads and answers the conversation: their account, or for a guest the signed link.</summary>
    public string LinkPath(Guid conversationId, bool guest) =>
        guest ? $"/account/support/{conversationId}?access={Uri.EscapeDataString(TokenFor(conversationId))}" : $"/account/support/{conversationId}";
}
