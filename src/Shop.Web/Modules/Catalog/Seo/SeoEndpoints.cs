using System.Globalization;
using System.Security;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Web.Modules.Content.Contracts;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Catalog.Seo;

/// <summary>robots.txt and the sitemaps search engines crawl: an index, categories, the shop's pages, and products in pages of 10,000.</summary>
public static class SeoEndpoints
{
    private const int ProductsPerSitemap = 10_000;

    public static void MapSeoEndpoints(this WebApplication app)
    {
        app.MapGet("/robots.txt", (IOptions<StorefrontSettings> store) => TypedResults.Text($"""
            User-agent: *
            Disallow: /account
            Disallow: /admin
            Disallow: /seller
            Disallow: /api/
            Disallow: /search
            Allow: /

            Sitemap: {Base(store)}/sitemap.xml
            """, "text/plain")).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/sitemap.xml", async (NpgsqlDataSource dataSource, IOptions<StorefrontSettings> store) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            var products = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM catalog.products WHERE status = 'active'");
            var sitemaps = new List<string> { $"{Base(store)}/sitemaps/categories.xml", $"{Base(store)}/sitemaps/pages.xml" };
            for (var page = 1; page <= Math.Max(1, (products + ProductsPerSitemap - 1) / ProductsPerSitemap); page++)
                sitemaps.Add($"{Base(store)}/sitemaps/products-{page}.xml");
            return Xml("sitemapindex", sitemaps.Select(url => $"<sitemap><loc>{SecurityElement.Escape(url)}</loc></sitemap>"));
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/sitemaps/categories.xml", async (NpgsqlDataSource dataSource, IOptions<StorefrontSettings> store) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            var slugs = await connection.QueryAsync<string>("SELECT slug FROM catalog.categories ORDER BY path");
            return Xml("urlset", slugs.Select(slug => $"{Base(store)}/c/{slug}").Prepend($"{Base(store)}/").Select(url => $"<url><loc>{SecurityElement.Escape(url)}</loc></url>"));
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/sitemaps/pages.xml", async (IShopPages pages, IOptions<StorefrontSettings> store) =>
            Xml("urlset", (await pages.PublishedAsync()).Select(page => Url($"{Base(store)}{page.Url}", page.UpdatedAt))))
            .AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/sitemaps/products-{page:int}.xml", async (int page, NpgsqlDataSource dataSource, IOptions<StorefrontSettings> store) =>
        {
            if (page < 1)
                return Results.NotFound();
            await using var connection = await dataSource.OpenConnectionAsync();
            var products = await connection.QueryAsync<(string Slug, DateTimeOffset UpdatedAt)>(
                "SELECT slug, updated_at FROM catalog.products WHERE status = 'active' ORDER BY id LIMIT @limit OFFSET @offset",
                new { limit = ProductsPerSitemap, offset = (page - 1) * ProductsPerSitemap });
            return Xml("urlset", products.Select(p => Url($"{Base(store)}/p/{p.Slug}", p.UpdatedAt)));
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static string Base(IOptions<StorefrontSettings> store) => store.Value.PublicUrl.TrimEnd('/');

    private static string Url(string location, DateTimeOffset modified) =>
        $"<url><loc>{SecurityElement.Escape(location)}</loc><lastmod>{modified.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}</lastmod></url>";

    private static IResult Xml(string root, IEnumerable<string> entries)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.Append($"<{root} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        foreach (var entry in entries)
            xml.Append(entry).Append('\n');
        xml.Append($"</{root}>\n");
        return Results.Text(xml.ToString(), "application/xml", Encoding.UTF8);
    }
}
