using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;

namespace Shop.Tests.Platform;

public sealed class DataProtectionTests
{
    [Fact]
    public async Task What_one_instance_protects_every_other_instance_can_read()
    {
        await using var first = await new ShopAppFactory().StartAsync();
        await using var second = await new ShopAppFactory { SharedConnectionString = first.ConnectionString }.StartAsync();

        var token = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cart").Protect("cart-42");
        var read = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cart").Unprotect(token);

        Assert.Equal("cart-42", read);
        await using var connection = new NpgsqlConnection(first.ConnectionString);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM platform.data_protection_keys"));
    }
}
