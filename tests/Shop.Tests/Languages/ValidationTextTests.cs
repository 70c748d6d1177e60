using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Shop.Testing;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Localization;

namespace Shop.Tests.Languages;

/// <summary>Validation messages read in the reader's language, the framework's own ones with the field's name translated.</summary>
public sealed class ValidationTextTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private sealed class Sample
    {
        [Required, Display(Name = "Full name")]
        public string? FullName { get; set; }

        [StringLength(10, MinimumLength = 3), Display(Name = "City")]
        public string? City { get; set; } = "X";

        [EmailAddress, Display(Name = "Email")]
        public string? Email { get; set; } = "not an address";
    }

    private static IEnumerable<string> Messages(object model)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!);
    }

    [Fact]
    public void The_frameworks_messages_and_the_shops_own_read_in_hindi_with_the_fields_name_in_hindi()
    {
        var texts = app.Services.GetRequiredService<IStringLocalizer<Strings>>();
        var hindi = ShopLanguages.Find("hi-IN")!;
        var messages = Messages(new Sample()).Concat(Messages(new AddressInput { FullName = "Asha", Phone = "98450 12345", Line1 = "1 Road", City = "Pune", State = "MH", PostalCode = "!" }));

        var shown = ShopLanguages.In(hindi, () => messages.Select(texts.Localize).ToList());

        Assert.Equal(
            ["पूरा नाम भरना ज़रूरी है।", "शहर में 3 से 10 अक्षर होने चाहिए।", "ईमेल: यह सही ईमेल पता नहीं है।", "सही पिन कोड डालें।"],
            shown);
        Assert.Equal("The Full name field is required.", ShopLanguages.In(ShopLanguages.Default, () => texts.Localize("The Full name field is required.")));
        Assert.Equal("Something we never wrote.", ShopLanguages.In(hindi, () => texts.Localize("Something we never wrote.")));
        Assert.Equal("ज़्यादा से ज़्यादा 500 अक्षर लिखें।", ShopLanguages.In(hindi, () => texts.Localize("Use at most 500 characters.")));
    }
}
