using System.Security.Cryptography;

namespace Shop.Web.Modules.Ordering.Checkout;

/// <summary>
/// Readable order numbers like SH-2026-7K4M9QXR: the year and eight random characters from an alphabet
/// without look-alikes (0/O, 1/I/L), so numbers reveal nothing about how many orders there are.
/// </summary>
public static class OrderNumbers
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string Next(DateTimeOffset now) =>
        $"SH-{now.Year}-{new string(Enumerable.Range(0, 8).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray())}";
}
