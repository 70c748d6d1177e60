using System.Text.Json;
using Shop.Web.Modules.Currencies.Contracts;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Payments.Providers;

/// <summary>What talking to a provider's HTTP API has in common, whichever provider it is.</summary>
public static class ProviderApi
{
    /// <summary>Providers count money in the currency's smallest unit (paise for INR, cents for USD, whole yen for JPY).</summary>
    public static long MinorUnits(decimal amount, string currency) =>
        (long)Math.Round(amount * Scale(currency), MidpointRounding.AwayFromZero);

    /// <summary>An amount in the currency's smallest unit, as providers report it, in the currency itself.</summary>
    public static decimal FromMinorUnits(long amount, string? currency) => amount / Scale(currency);

    private static decimal Scale(string? currency) =>
        (IsoCurrencies.Find(currency?.ToUpperInvariant())?.MinorUnits ?? 2) switch { 0 => 1m, 3 => 1000m, _ => 100m };

    /// <summary>Sends a request and reads the JSON answer; a refusal becomes a 409 that names the provider and its reason.</summary>
    public static async Task<JsonDocument> SendAsync(HttpClient client, HttpRequestMessage request, string provider)
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new ConflictException("payment.provider_error", $"{provider} refused the request ({(int)response.StatusCode}): {body[..Math.Min(200, body.Length)]}");
        return JsonDocument.Parse(body);
    }
}
