using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Metrics;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>
/// Stores live-chat messages by group commit (ADR 0022): senders queue their message and wait; one writer per
/// instance takes everything waiting (up to <see cref="MaxBatch"/>) and stores it in one transaction — the
/// conversations locked in id order, the messages in one multi-row insert in queue order (so ids follow the
/// order of sending), the conversations' status, the outbox events and the writers' read positions — then
/// commits, answers each sender with its own stored message and pushes it as stored. Nothing is pushed before
/// it committed. A message the batch cannot store fails alone: a conversation that is gone is refused before
/// the insert, and when the database refuses the batch, its messages are stored again one by one.
/// </summary>
public sealed partial class ChatWriter : BackgroundService
{
    public const int MaxBatch = 256;

    private readonly System.Threading.Channels.Channel<Pending> queue = System.Threading.Channels.Channel.CreateBounded<Pending>(
        new System.Threading.Channels.BoundedChannelOptions(16 * MaxBatch) { SingleReader = true, FullMode = System.Threading.Channels.BoundedChannelFullMode.Wait });
    private readonly IServiceScopeFactory scopes;
    private readonly SupportPush push;
    private readonly TimeProvider clock;
    private readonly ILogger<ChatWriter> logger;

    public ChatWriter(IServiceScopeFactory scopes, SupportPush push, TimeProvider clock, IMeterFactory meters, ILogger<ChatWriter> logger)
    {
        (this.scopes, this.push, this.clock, this.logger) = (scopes, push, clock, logger);
        meters.Create(ShopMeter.Name).CreateObservableGauge("shop.chat.waiting", () => Waiting, "{message}",
            "Chat messages waiting for the next group commit.");
    }

    /// <summary>Messages queued and not yet taken into a batch.</summary>
    public int Waiting => queue.Reader.Count;

    /// <summary>
    /// Stores the participant's message (an agent's reply first takes an unassigned conversation) and returns
    /// what was stored, oldest first, once it committed and was pushed.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessage>> StoreAsync(ChatParticipant participant, string body, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(participant, body);
        await queue.Writer.WriteAsync(pending, cancellationToken);
        // Once queued, the message is stored or refused whatever the sender does meanwhile.
        return await pending.Result.Task;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // What is queued is still stored; new messages are refused.
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
                batch.Add(next);
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        List<(Pending Pending, Conversation Conversation, List<SupportMessage> Messages)> stored;
        try
        {
            stored = await StoreAsync(scope.ServiceProvider, batch);
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            // Nothing of the batch committed: one at a time, only the message the database refuses fails.
            LogBatchRefused(exception, batch.Count);
            foreach (var pending in batch)
                await WriteAsync([pending]);
            return;
        }
        catch (Exception exception)
        {
            batch[0].Result.TrySetException(exception);
            return;
        }
        try
        {
            var shaped = (await scope.ServiceProvider.GetRequiredService<ChatMessages>().ShapeAsync(stored.SelectMany(s => s.Messages).ToList(), forAgents: true,
                stored.Select(s => s.Conversation).Distinct().ToList())).ToDictionary(m => m.Id);
            var answers = stored.Select(s => (s.Pending, Messages: s.Messages.Select(m => shaped[m.Id]).ToList())).ToList();
            foreach (var (pending, messages) in answers)
                pending.Result.TrySetResult(messages);
            // Pushes of the whole batch go out together; clients order by id and keep each message once.
            await Task.WhenAll(answers.SelectMany(a => a.Messages).Select(m => push.MessageStoredAsync(m)));
            foreach (var conversationId in stored.Select(s => s.Pending.Participant.ConversationId).Distinct())
                push.QueueChanged(conversationId);
        }
        catch (Exception exception)
        {
            // Stored but not answered: the senders hear of an error; every client catches up by id.
            LogAnswerFailed(exception, stored.Count);
            foreach (var (pending, _, _) in stored)
                pending.Result.TrySetException(exception);
        }
    }

    /// <summary>One transaction for the batch; messages of conversations that are gone are refused at once and left out.</summary>
    private async Task<List<(Pending Pending, Conversation Conversation, List<SupportMessage> Messages)>> StoreAsync(IServiceProvider services, IReadOnlyList<Pending> batch)
    {
        var db = services.GetRequiredService<ShopDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var ids = batch.Select(p => p.Participant.ConversationId).Distinct().Order().ToArray();
        // Locked in id order: batches of several instances, and the console's changes, wait for each other instead of deadlocking.
        var conversations = await db.Set<Conversation>()
            .FromSql($"SELECT * FROM support.conversations WHERE id = ANY({ids}) ORDER BY id FOR UPDATE")
            .ToDictionaryAsync(c => c.Id);
        var stored = new List<(Pending Pending, Conversation Conversation, List<SupportMessage> Messages)>();
        foreach (var pending in batch)
        {
            if (!conversations.TryGetValue(pending.Participant.ConversationId, out var conversation))
            {
                pending.Result.TrySetException(new ConflictException("support.conversation_gone", "This conversation no longer exists."));
                continue;
            }
            stored.Add((pending, conversation, await PostAsync(services.GetRequiredService<ICustomerDirectory>(), conversation, pending.Participant, pending.Body, now)));
        }
        var messages = stored.SelectMany(s => s.Messages).ToList();
        if (messages.Count == 0)
            return stored;
        await InsertAsync(db, messages);
        await AnnounceAsync(services, conversations, messages);
        await db.SaveChangesAsync();
        // Whoever writes has read everything up to their own message.
        await ReadPositions.MoveAsync(db.Database, stored.Select(s => (s.Pending.Participant.ConversationId, s.Pending.Participant.ReadKey, s.Messages[^1].Id)));
        await transaction.CommitAsync();
        return stored;
    }

    /// <summary>What a participant's message leaves in the conversation: an agent's reply first takes an unassigned conversation.</summary>
    internal static async Task<List<SupportMessage>> PostAsync(ICustomerDirectory customers, Conversation conversation, ChatParticipant participant,
        string body, DateTimeOffset now)
    {
        if (participant.Side == ChatSide.Customer)
            return [conversation.Post(AuthorKind.Customer, conversation.CustomerId, body, now)];
        var agentId = participant.UserId!.Value;
        var messages = new List<SupportMessage>();
        if (conversation.AssigneeId is null)
            messages.Add(conversation.AssignTo(agentId, (await customers.FindAsync(agentId))?.Name ?? "Support", now));
        messages.Add(conversation.Post(AuthorKind.Agent, agentId, body, now));
        return messages;
    }

    /// <summary>One insert for the batch; identities are drawn in the order of the rows, so the ids returned, sorted, are the messages' in order.</summary>
    private static async Task InsertAsync(ShopDbContext db, IReadOnlyList<SupportMessage> messages)
    {
        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO support.messages (conversation_id, author_kind, author_id, body, created_at)
            SELECT conversation_id, author_kind, author_id, body, created_at
              FROM unnest({messages.Select(m => m.ConversationId).ToArray()}, {messages.Select(m => m.AuthorKind.ToString().ToLowerInvariant()).ToArray()},
                          {messages.Select(m => m.AuthorId).ToArray()}, {messages.Select(m => m.Body).ToArray()}, {messages.Select(m => m.CreatedAt).ToArray()})
                   WITH ORDINALITY AS m (conversation_id, author_kind, author_id, body, created_at, position)
             ORDER BY position
            RETURNING id AS "Value"
            """).ToListAsync();
        foreach (var (message, id) in messages.Zip(ids.Order()))
            message.StoredAs(id);
    }

    /// <summary>
    /// <see cref="SupportMessagePosted"/> for the messages someone handles: in a seller's thread (the seller hears of
    /// the customer's and support's words) and those a webhook endpoint would receive ("message created": never notes).
    /// A live chat without either costs the outbox nothing.
    /// </summary>
    private static async Task AnnounceAsync(IServiceProvider services, IReadOnlyDictionary<Guid, Conversation> conversations, IReadOnlyList<SupportMessage> messages)
    {
        var webhooks = await services.GetRequiredService<IWebhookSubscriptions>().AudienceAsync(WebhookEventTypes.SupportMessageCreated);
        var outbox = services.GetRequiredService<IOutbox>();
        foreach (var message in messages)
        {
            var sellerId = conversations[message.ConversationId].SellerId;
            if ((sellerId is not null && message.AuthorKind is AuthorKind.Customer or AuthorKind.Agent)
                || (message.ShownToCustomer && webhooks.Includes(sellerId)))
                outbox.Add(new SupportMessagePosted(message.ConversationId, message.Id));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Storing {Count} chat messages in one transaction failed; storing them one by one")]
    private partial void LogBatchRefused(Exception exception, int count);

    [LoggerMessage(LogLevel.Warning, "{Count} chat messages were stored but their senders could not be answered; clients catch up by id")]
    private partial void LogAnswerFailed(Exception exception, int count);

    private sealed class Pending(ChatParticipant participant, string body)
    {
        public ChatParticipant Participant { get; } = participant;
        public string Body { get; } = body;
        public TaskCompletionSource<IReadOnlyList<ChatMessage>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
