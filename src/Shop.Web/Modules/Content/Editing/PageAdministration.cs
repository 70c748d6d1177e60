using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Content.Contracts;
using Shop.Web.Modules.Content.Data;
using Shop.Web.Modules.Content.Reading;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Content.Editing;

public sealed class PageRequest
{
    [Required(ErrorMessage = "Give the page a title."), MaxLength(ShopPage.TitleMaxLength, ErrorMessage = "Keep the title to {1} characters.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Choose the page's address, such as shipping."), MaxLength(ShopPage.SlugMaxLength, ErrorMessage = "Keep the address to {1} characters."),
     RegularExpression(ShopPage.SlugPattern, ErrorMessage = "Use lowercase letters, digits and single dashes, such as shipping-and-delivery.")]
    public string Slug { get; set; } = "";

    /// <summary>Markdown; any HTML in it is shown as text.</summary>
    [Required(ErrorMessage = "Write the page's text."), MaxLength(ShopPage.BodyMaxLength, ErrorMessage = "The text is too long: keep it to {1} characters.")]
    public string Body { get; set; } = "";

    [EnumDataType(typeof(FooterColumn), ErrorMessage = "Choose Help, Company or no footer column.")]
    public FooterColumn FooterColumn { get; set; } = FooterColumn.None;

    /// <summary>Shoppers see only published pages; a draft answers 404.</summary>
    public bool IsPublished { get; set; }

    internal PageContent Content() => new(Title, Slug, Body, FooterColumn, IsPublished);

    public static PageRequest From(AdminPageView page) => new()
    {
        Title = page.Title, Slug = page.Slug, Body = page.Body, FooterColumn = page.FooterColumn, IsPublished = page.IsPublished,
    };
}

public sealed record AdminPageView(Guid Id, string Slug, string Title, string Body, FooterColumn FooterColumn, bool IsPublished, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public string Url => $"/pages/{Slug}";

    internal static AdminPageView From(ShopPage p) => new(p.Id, p.Slug, p.Title, p.Body, p.FooterColumn, p.IsPublished, p.CreatedAt, p.UpdatedAt);
}

/// <summary>The shop's pages as admins write, rename and publish them.</summary>
public sealed class PageAdministration(ShopDbContext db, PublishedPages published, TimeProvider clock)
{
    public async Task<IReadOnlyList<AdminPageView>> ListAsync() =>
        (await db.Set<ShopPage>().AsNoTracking().OrderBy(p => p.Title).ToListAsync()).Select(AdminPageView.From).ToList();

    public async Task<AdminPageView?> GetAsync(Guid id) =>
        await db.Set<ShopPage>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is { } page ? AdminPageView.From(page) : null;

    public async Task<AdminPageView> CreateAsync(PageRequest request)
    {
        await EnsureSlugFreeAsync(request.Slug, null);
        var page = ShopPage.Create(request.Content(), clock.GetUtcNow());
        db.Add(page);
        await SaveAsync(request.Slug);
        return AdminPageView.From(page);
    }

    public async Task<AdminPageView?> UpdateAsync(Guid id, PageRequest request)
    {
        var page = await db.Set<ShopPage>().SingleOrDefaultAsync(p => p.Id == id);
        if (page is null)
            return null;
        await EnsureSlugFreeAsync(request.Slug, id);
        page.Change(request.Content(), clock.GetUtcNow());
        await SaveAsync(request.Slug);
        return AdminPageView.From(page);
    }

    private async Task EnsureSlugFreeAsync(string slug, Guid? exceptId)
    {
        if (await db.Set<ShopPage>().AnyAsync(p => p.Slug == slug.Trim() && p.Id != exceptId))
            throw SlugTaken(slug);
    }

    // The check above leaves a moment for another admin to take the address; the unique index settles it.
    private async Task SaveAsync(string slug)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw SlugTaken(slug);
        }
        published.Invalidate();
    }

    private static InputValidationException SlugTaken(string slug) =>
        new(nameof(PageRequest.Slug), $"Another page already has the address /pages/{slug.Trim()}.");
}
