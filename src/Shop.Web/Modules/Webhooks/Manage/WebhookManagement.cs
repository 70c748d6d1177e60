using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Modules.Webhooks.Data;
using Shop.Web.Modules.Webhooks.Dispatch;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Webhooks.Manage;

/// <summary>Registering, changing, pausing and removing endpoints, each within the owner's scope.</summary>
public sealed class WebhookManagement(ShopDbContext db, EndpointSecrets secrets, OutboundAddresses addresses, TimeProvider clock)
{
    private IQueryable<WebhookEndpoint> Endpoints(WebhookOwner owner) => owner.Visible(db.Set<WebhookEndpoint>());

    public async Task<IReadOnlyList<EndpointView>> ListAsync(WebhookOwner owner) =>
        (await Endpoints(owner).AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync()).Select(EndpointView.From).ToList();

    public async Task<EndpointView?> GetAsync(WebhookOwner owner, Guid id) =>
        await Endpoints(owner).AsNoTracking().SingleOrDefaultAsync(e => e.Id == id) is { } endpoint ? EndpointView.From(endpoint) : null;

    /// <summary>Registers an endpoint; the answer carries its secret, the only time it is shown.</summary>
    public async Task<EndpointView> CreateAsync(WebhookOwner owner, WebhookRequest request)
    {
        var (url, events, description) = Validate(request);
        var (secret, stored) = secrets.Create();
        var endpoint = WebhookEndpoint.Register(owner.UserId, owner.Scope, url, events, description, stored, clock.GetUtcNow());
        db.Add(endpoint);
        await db.SaveChangesAsync();
        return EndpointView.From(endpoint) with { Secret = secret };
    }

    public Task<EndpointView?> UpdateAsync(WebhookOwner owner, Guid id, WebhookRequest request)
    {
        var (url, events, description) = Validate(request);
        return ChangeAsync(owner, id, (endpoint, now) => endpoint.Change(url, events, description, now));
    }

    public Task<EndpointView?> PauseAsync(WebhookOwner owner, Guid id) => ChangeAsync(owner, id, (endpoint, now) => endpoint.Pause(now));

    /// <summary>Active again; what waited meanwhile is sent now.</summary>
    public async Task<EndpointView?> ResumeAsync(WebhookOwner owner, Guid id)
    {
        var resumed = await ChangeAsync(owner, id, (endpoint, now) => endpoint.Resume(now));
        if (resumed is not null)
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({WebhookDispatcher.Channel}, '')");
        return resumed;
    }

    /// <summary>A new secret, shown in this answer only; deliveries are signed with it from now on.</summary>
    public async Task<EndpointView?> RotateSecretAsync(WebhookOwner owner, Guid id)
    {
        var (secret, stored) = secrets.Create();
        return await ChangeAsync(owner, id, (endpoint, now) => endpoint.RotateSecret(stored, now)) is { } view ? view with { Secret = secret } : null;
    }

    /// <summary>Removes the endpoint with its deliveries and their log.</summary>
    public async Task<bool> DeleteAsync(WebhookOwner owner, Guid id) => await Endpoints(owner).Where(e => e.Id == id).ExecuteDeleteAsync() > 0;

    private async Task<EndpointView?> ChangeAsync(WebhookOwner owner, Guid id, Action<WebhookEndpoint, DateTimeOffset> change)
    {
        var endpoint = await Endpoints(owner).SingleOrDefaultAsync(e => e.Id == id);
        if (endpoint is null)
            return null;
        change(endpoint, clock.GetUtcNow());
        await db.SaveChangesAsync();
        return EndpointView.From(endpoint);
    }

    private (string Url, IReadOnlyList<string> Events, string? Description) Validate(WebhookRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var url = request.Url?.Trim() ?? "";
        if (WebhookUrl.Problem(url, addresses) is { } problem)
            errors[nameof(WebhookRequest.Url)] = [problem];
        var events = (request.Events ?? []).Select(e => e?.Trim() ?? "").Distinct().ToList();
        var unknown = events.Where(e => !WebhookEventTypes.All.Contains(e)).ToList();
        if (events.Count == 0)
            errors[nameof(WebhookRequest.Events)] = ["Choose at least one event."];
        else if (unknown.Count > 0)
            errors[nameof(WebhookRequest.Events)] = [$"Unknown event {string.Join(", ", unknown)}; use any of {string.Join(", ", WebhookEventTypes.All)}."];
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        if (description?.Length > 200)
            errors[nameof(WebhookRequest.Description)] = ["Use at most 200 characters."];
        if (errors.Count > 0)
            throw new InputValidationException(errors);
        return (url, WebhookEventTypes.All.Where(events.Contains).ToList(), description);
    }
}
