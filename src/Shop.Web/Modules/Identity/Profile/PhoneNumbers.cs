using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Identity.Profile;

/// <summary>
/// Phone numbers as typed ("98450 12345", "+44 20 7946 0958", "098450-12345") in E.164 ("+919845012345").
/// Without a country code a number is Indian: ten digits starting 6–9, as Indian mobile numbers do, with or without its leading 0.
/// </summary>
public static class PhoneNumbers
{
    public static string ToE164(string? typed, string field)
    {
        var compact = new string((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '(' or ')' or '.')).ToArray());
        if (compact.StartsWith("00", StringComparison.Ordinal))
            compact = "+" + compact[2..];
        var digits = compact.TrimStart('+');
        if (compact.Length == 0)
            throw new InputValidationException(field, "Enter your mobile number.");
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || compact.LastIndexOf('+') > 0)
            throw new InputValidationException(field, "Enter a phone number using digits only, such as 98450 12345 or +91 98450 12345.");
        if (compact.StartsWith('+'))
        {
            if (digits[0] == '0' || digits.Length is < 8 or > 15)
                throw new InputValidationException(field, "A number with a country code has 8 to 15 digits, such as +91 98450 12345.");
            if (digits.StartsWith("91", StringComparison.Ordinal) && !IsIndianMobile(digits[2..]))
                throw new InputValidationException(field, "An Indian mobile number has 10 digits after +91 and starts with 6, 7, 8 or 9.");
            return compact;
        }
        var national = digits.Length == 11 && digits[0] == '0' ? digits[1..] : digits;
        if (!IsIndianMobile(national))
            throw new InputValidationException(field, "Enter a 10-digit Indian mobile number, or start with + and the country code.");
        return "+91" + national;
    }

    private static bool IsIndianMobile(string national) => national.Length == 10 && national[0] is >= '6' and <= '9';
}
