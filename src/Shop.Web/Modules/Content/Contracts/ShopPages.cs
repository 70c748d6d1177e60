namespace Shop.Web.Modules.Content.Contracts;

/// <summary>The footer column that lists a page, if any.</summary>
public enum FooterColumn
{
    None,
    Help,
    Company,
}

/// <summary>A published page as footers and sitemaps link to it.</summary>
public sealed record PageLink(string Slug, string Title, FooterColumn FooterColumn, DateTimeOffset UpdatedAt)
{
    public string Url => $"/pages/{Slug}";
}

public interface IShopPages
{
    /// <summary>The published pages by title, kept in memory and reloaded after a page changes on any instance.</summary>
    Task<IReadOnlyList<PageLink>> PublishedAsync();
}
