using Shop.Web.Platform.Database;

namespace Shop.Web.Platform.Commands;

/// <summary>Administrative verbs the same binary runs instead of serving: `migrate`, `setup` and the modules' own.</summary>
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
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var commands = scope.ServiceProvider.GetServices<IShopCommand>().ToList();
                    var command = commands.FirstOrDefault(c => c.Name == verb);
                    if (command is null)
                    {
                        await Console.Error.WriteLineAsync($"Unknown command '{verb}'. Known: migrate, setup, {string.Join(", ", commands.Select(c => c.Usage))} (or none to serve).");
                        Environment.ExitCode = 2;
                        return true;
                    }
                    await MigrateAsync(app);
                    await command.RunAsync(args[1..].Where(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains(':')).ToList(), Console.Out, CancellationToken.None);
                }
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
