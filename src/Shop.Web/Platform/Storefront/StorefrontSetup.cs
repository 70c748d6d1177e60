namespace Shop.Web.Platform.Storefront;

public static class StorefrontSetup
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorefrontSettings>().Bind(builder.Configuration.GetSection(StorefrontSettings.Section))
            .Validate(s => TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _), "Store:TimeZone names no known time zone (use an IANA name such as Asia/Kolkata).")
            .ValidateOnStart();
        builder.Services.AddSingleton<Money>();
        return builder;
    }
}
