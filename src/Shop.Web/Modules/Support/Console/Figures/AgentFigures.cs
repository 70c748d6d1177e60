using Dapper;
using Npgsql;
using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Modules.Support.Console.Figures;

/// <summary>
/// One agent's figures over a period: conversations they resolved, how long customers waited for their
/// first response (from the conversation's start, in clock time), and how customers rated the help.
/// </summary>
public sealed record AgentFigure(Guid AgentId, string Name, int Resolved, TimeSpan? AverageFirstResponse, int FirstResponses, double? AverageRating, int Ratings);

public sealed record FiguresReport(DateTimeOffset Since, int Days, IReadOnlyList<AgentFigure> Agents);

/// <summary>The agents' figures, read in one query from the messages and ratings of the period.</summary>
public sealed class AgentFigures(NpgsqlDataSource dataSource, IStaffDirectory staff, TimeProvider clock)
{
    public const int MaxDays = 366;

    public async Task<FiguresReport> ReportAsync(int days, CancellationToken cancellationToken = default)
    {
        days = Math.Clamp(days, 1, MaxDays);
        var since = clock.GetUtcNow().AddDays(-days);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The first agent reply of each conversation counts for its author; a resolution for whoever resolved;
        // a rating for whoever had the conversation when it was resolved.
        var rows = (await connection.QueryAsync<(Guid AgentId, int Resolved, double? Seconds, int Responses, double? Rating, int Ratings)>(
            new CommandDefinition("""
                WITH firsts AS (
                    SELECT DISTINCT ON (m.conversation_id) m.author_id, m.created_at - c.created_at AS waited
                      FROM support.messages m JOIN support.conversations c ON c.id = m.conversation_id
                     WHERE m.author_kind = 'agent' AND m.author_id IS NOT NULL AND c.created_at >= @since
                     ORDER BY m.conversation_id, m.id),
                responded AS (SELECT author_id AS agent_id, avg(extract(epoch FROM waited))::float8 AS seconds, count(*)::int AS responses FROM firsts GROUP BY author_id),
                resolved AS (
                    SELECT author_id AS agent_id, count(*)::int AS resolved FROM support.messages
                     WHERE author_kind = 'system' AND body = 'Resolved' AND author_id IS NOT NULL AND created_at >= @since GROUP BY author_id),
                rated AS (
                    SELECT agent_id, avg(score)::float8 AS rating, count(*)::int AS ratings FROM support.ratings
                     WHERE agent_id IS NOT NULL AND rated_at >= @since GROUP BY agent_id),
                agents AS (SELECT agent_id FROM responded UNION SELECT agent_id FROM resolved UNION SELECT agent_id FROM rated)
                SELECT a.agent_id, coalesce(resolved.resolved, 0), responded.seconds, coalesce(responded.responses, 0), rated.rating, coalesce(rated.ratings, 0)
                  FROM agents a
                  LEFT JOIN responded ON responded.agent_id = a.agent_id
                  LEFT JOIN resolved ON resolved.agent_id = a.agent_id
                  LEFT JOIN rated ON rated.agent_id = a.agent_id
                """, new { since }, cancellationToken: cancellationToken))).ToDictionary(r => r.AgentId);

        var agents = await staff.AgentsAsync(cancellationToken);
        var others = rows.Keys.Except(agents.Select(a => a.UserId)).ToList();
        var otherNames = await staff.NamesAsync(others, cancellationToken);
        var figures = agents.Select(a => (a.UserId, a.Name)).Concat(others.Select(id => (UserId: id, Name: otherNames.GetValueOrDefault(id) ?? "Former agent")))
            .Select(a => rows.TryGetValue(a.UserId, out var r)
                ? new AgentFigure(a.UserId, a.Name, r.Resolved, r.Seconds is { } s ? TimeSpan.FromSeconds(Math.Round(s)) : null, r.Responses, r.Rating, r.Ratings)
                : new AgentFigure(a.UserId, a.Name, 0, null, 0, null, 0))
            .OrderByDescending(f => f.Resolved).ThenBy(f => f.Name).ToList();
        return new FiguresReport(since, days, figures);
    }
}
