using System.Globalization;
using System.Text;

namespace Shop.Web.Modules.Catalog.Data;

public static class Slugs
{
    /// <summary>"Men's Cotton Kurta – Blue" → "mens-cotton-kurta-blue": readable, URL-safe, ASCII.</summary>
    public static string From(string text, int maxLength = 80)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’')
                continue;
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > maxLength)
            result = result[..maxLength].TrimEnd('-');
        return result.Length == 0 ? "item" : result;
    }
}
