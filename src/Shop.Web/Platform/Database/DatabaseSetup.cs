using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Shop.Web.Platform.Database;

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Shop");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("No database configured: set ConnectionStrings:Shop (environment variable ConnectionStrings__Shop).");

        var source = new NpgsqlDataSourceBuilder(connectionString) { Name = "shop" };
        // Requests run many short queries at once: parallel workers only queue behind them (ADR 0024).
        source.ConnectionStringBuilder.Options ??= "-c max_parallel_workers_per_gather=0";
        var dataSource = source.Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddDbContext<ShopDbContext>(options => options.UseNpgsql(dataSource));
        builder.Services.AddSingleton<Migrator>();
        return builder;
    }
}
