namespace Shop.Web.Platform.Jobs;

/// <summary>
/// Work every instance repeats on a timer (clean-ups, expiry, reconciliation). A failed round is
/// reported and the next one comes on time; stopping the app ends the loop quietly.
/// </summary>
public abstract class PeriodicJob(TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Period { get; }

    /// <summary>Whether the first round runs at start rather than one period later.</summary>
    protected virtual bool RunsAtStart => true;

    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected abstract void OnRoundFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Clock);
        try
        {
            if (RunsAtStart)
                await RoundAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await RoundAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunRoundAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            OnRoundFailed(exception);
        }
    }
}
