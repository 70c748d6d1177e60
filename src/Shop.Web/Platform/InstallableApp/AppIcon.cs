namespace Shop.Web.Platform.InstallableApp;

/// <summary>The shop's icon (the favicon's shopping bag) as the app icons phones show on their home screens.</summary>
internal static class AppIcon
{
    public const string ThemeColour = "#0f5132";
    public const string BackgroundColour = "#f6f6f4";
    public static readonly int[] Sizes = [192, 512];

    private const string Bag = """
        <path d="M144 192h224l-24 176H168z" fill="none" stroke="#fff" stroke-width="35" stroke-linejoin="round"/>
        <path d="M200 192a56 56 0 0 1 112 0" fill="none" stroke="#fff" stroke-width="35"/>
        """;

    /// <summary>A rounded tile, for launchers that show the icon as it is.</summary>
    public static string Tile => Svg($"""<rect width="512" height="512" rx="112" fill="{ThemeColour}"/>""");

    /// <summary>Full bleed, the bag inside the central circle every launcher's mask keeps (maskable).</summary>
    public static string Maskable => Svg($"""<rect width="512" height="512" fill="{ThemeColour}"/>""");

    private static string Svg(string background) =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">{background}{Bag}</svg>""";
}
