using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Data;

namespace Shop.Web.Platform.Database;

/// <summary>
/// The one unit of work for every module, so that a use case spanning modules (checkout) commits
/// or rolls back as a whole. Each module maps its entities into its own PostgreSQL schema through
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes in its Data folder.
/// </summary>
public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options)
    : IdentityDbContext<ShopUser, ShopRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShopDbContext).Assembly);
        modelBuilder.UseSnakeCaseNames();
    }
}
