namespace Shop.Web.Platform.Database;

/// <summary>
/// How a use case makes its changes durable (ADR 0037): it opens the transaction, runs its steps on the
/// request's one <see cref="ShopDbContext"/> (steps never open, commit or look for a transaction), saves
/// what they tracked, outbox events included, and commits. An exception rolls everything back. Read
/// committed and no retries: steps that must not race take row locks or make conditional updates.
/// </summary>
public static class UnitOfWork
{
    public static async Task<T> InTransactionAsync<T>(this ShopDbContext db, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static Task InTransactionAsync(this ShopDbContext db, Func<Task> work, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async () =>
        {
            await work();
            return true;
        }, cancellationToken);
}
