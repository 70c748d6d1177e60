namespace Shop.Web.Modules.Dashboards.Shared;

/// <summary>One row of a list that asks for action: what it is, a detail, how long it has waited, where to act.</summary>
public sealed record ActionItem(string Title, string Detail, DateTimeOffset Since, string Link);
