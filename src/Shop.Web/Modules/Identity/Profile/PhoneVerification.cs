using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Security;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Identity.Profile;

public sealed class PhoneCodeRequest
{
    [Required(ErrorMessage = "Enter your mobile number."), MaxLength(30), Display(Name = "Mobile number")]
    public string PhoneNumber { get; set; } = "";
}

public sealed class PhoneConfirmation
{
    [Required, MaxLength(30)]
    public string PhoneNumber { get; set; } = "";

    [Required(ErrorMessage = "Enter the 6-digit code from the text message."), MaxLength(12), Display(Name = "Code")]
    public string Code { get; set; } = "";
}

/// <param name="PhoneNumber">The number as the shop keeps it (E.164), which the confirmation must name.</param>
public sealed record PhoneCodeSent(string PhoneNumber, string Message);

/// <summary>
/// Proves a phone number belongs to the user: the shop texts a 6-digit code (Identity's time-based phone
/// token, bound to the account and to this number) and the number becomes the account's, confirmed, when
/// the code comes back. Codes are limited per account and per number; wrong codes count as account attempts.
/// </summary>
public sealed class PhoneVerification(UserManager<ShopUser> users, ShopDbContext db, ITextMessages texts, AccountThrottle throttle,
    SharedRateLimitCounters counters, IOptions<RateLimitOptions> limits, IOptions<StorefrontSettings> store, IStringLocalizer<Strings> T)
{
    public async Task<PhoneCodeSent> SendCodeAsync(Guid userId, PhoneCodeRequest request, CancellationToken cancellationToken = default)
    {
        var phone = PhoneNumbers.ToE164(request.PhoneNumber, nameof(PhoneCodeRequest.PhoneNumber));
        var user = await FindAsync(userId);
        if (user.PhoneNumberConfirmed && user.PhoneNumber == phone)
            throw new InputValidationException(nameof(PhoneCodeRequest.PhoneNumber), "This number is already confirmed on your account.");
        await CountAsync($"texted-code:account:{user.Id}", cancellationToken);
        await CountAsync($"texted-code:number:{phone}", cancellationToken);

        var code = await users.GenerateChangePhoneNumberTokenAsync(user, phone);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await texts.QueueCodeAsync(user.Id, phone, T["{0} is your {1} code to confirm this phone number. It expires in a few minutes; never share it.", code, store.Value.Name],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PhoneCodeSent(phone, T["We texted a 6-digit code to {0}. Enter it to confirm the number.", phone]);
    }

    /// <summary>Makes the number the account's, confirmed. The account's security stamp renews, so other sessions end.</summary>
    public async Task ConfirmAsync(Guid userId, PhoneConfirmation confirmation)
    {
        var phone = PhoneNumbers.ToE164(confirmation.PhoneNumber, nameof(PhoneConfirmation.PhoneNumber));
        var code = new string(confirmation.Code.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            throw new InputValidationException(nameof(PhoneConfirmation.Code), "Enter the 6 digits of the code from the text message.");
        var user = await FindAsync(userId);
        await throttle.AttemptAsync("phone-code", user.Email!);
        var result = await users.ChangePhoneNumberAsync(user, phone, code);
        if (result.Errors.Any(e => e.Code == "InvalidToken"))
            throw new InputValidationException(nameof(PhoneConfirmation.Code), "This code is not right or has expired. Check the text message, or ask for a new code.");
        result.ThrowIfFailed();
    }

    private async Task CountAsync(string key, CancellationToken cancellationToken)
    {
        var limit = limits.Value;
        var count = await counters.HitAsync(key, limit.TextedCodeWindow, 1, cancellationToken);
        if (count.Hits > limit.TextedCodesPerWindow)
            throw new TooManyRequestsException("too_many_codes",
                T["We have texted enough codes for now. Please wait {0} and try again.", WaitTime.Words(count.UntilWindowEnds, T)], count.UntilWindowEnds);
    }

    private async Task<ShopUser> FindAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"User {userId} is signed in but does not exist.");
}
