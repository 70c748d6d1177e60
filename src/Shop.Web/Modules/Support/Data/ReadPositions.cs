using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Shop.Web.Modules.Support.Data;

/// <summary>
/// The one statement that moves read positions: forward only, however requests interleave, in the caller's
/// transaction when it has one. Several positions move in one statement (the chat's group commit).
/// </summary>
public static class ReadPositions
{
    public static Task MoveAsync(DatabaseFacade database, Guid conversationId, string participantKey, long messageId, CancellationToken cancellationToken = default) =>
        MoveAsync(database, [(conversationId, participantKey, messageId)], cancellationToken);

    public static Task MoveAsync(DatabaseFacade database, IEnumerable<(Guid ConversationId, string ParticipantKey, long MessageId)> moves,
        CancellationToken cancellationToken = default)
    {
        // One row per position (a statement may not update a row twice), in key order so concurrent batches lock alike.
        var furthest = moves.GroupBy(m => (m.ConversationId, m.ParticipantKey))
            .Select(g => (g.Key.ConversationId, g.Key.ParticipantKey, MessageId: g.Max(m => m.MessageId)))
            .OrderBy(m => m.ConversationId).ThenBy(m => m.ParticipantKey, StringComparer.Ordinal).ToList();
        if (furthest.Count == 0)
            return Task.CompletedTask;
        var conversations = furthest.Select(m => m.ConversationId).ToArray();
        var keys = furthest.Select(m => m.ParticipantKey).ToArray();
        var messages = furthest.Select(m => m.MessageId).ToArray();
        return database.ExecuteSqlAsync($"""
            INSERT INTO support.read_positions (conversation_id, participant_key, last_read_message_id)
            SELECT * FROM unnest({conversations}, {keys}, {messages})
            ON CONFLICT (conversation_id, participant_key) DO UPDATE
               SET last_read_message_id = GREATEST(support.read_positions.last_read_message_id, EXCLUDED.last_read_message_id)
            """, cancellationToken);
    }
}
