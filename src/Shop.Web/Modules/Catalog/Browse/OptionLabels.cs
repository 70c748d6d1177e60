namespace Shop.Web.Modules.Catalog.Browse;

public static class OptionLabels
{
    /// <summary>An option name as a heading: "colour" → "Colour".</summary>
    public static string Heading(string option) => option.Length == 0 ? option : char.ToUpperInvariant(option[0]) + option[1..];
}
