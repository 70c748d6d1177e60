using Shop.Web.Platform.Database;

namespace Shop.Web.Platform.Commands;

/// <summary>Administrative verbs the same binary runs instead of serving: `migrate` and `setup`.</summary>
public static class Commands
{
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        switch (verb)
        {
            case null:
                return false;
            case "migrate":
                await MigrateAsync(app);
                return true;
            case "setup":
                await MigrateAsync(app);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    foreach (var step in scope.ServiceProvider.GetServices<ISetupStep>().OrderBy(s => s.Order))
                        await step.RunAsync(Console.Out, CancellationToken.None);
                }
                return true;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{verb}'. Known: migrate, setup (or none to serve).");
                Environment.ExitCode = 2;
                return true;
        }
    }

    private static async Task MigrateAsync(WebApplication app)
    {
        var applied = await app.Services.GetRequiredService<Migrator>().MigrateAsync();
        Console.WriteLine(applied.Count == 0
            ? "Database schema is up to date."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied.Select(s => $"V{s.Version} {s.Name}"))}.");
    }
}
