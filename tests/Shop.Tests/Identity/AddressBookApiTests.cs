using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Identity;

public sealed class AddressBookApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static object Address(string line1, bool shipping = false, bool billing = false) => new
    {
        fullName = "Asha Rao", phone = "+91 98450 12345", line1, line2 = "Indiranagar", city = "Bengaluru",
        state = "Karnataka", postalCode = "560038", country = "IN", isDefaultShipping = shipping, isDefaultBilling = billing,
    };

    private static async Task<JsonElement> AddAsync(HttpClient client, object address)
    {
        var response = await client.PostAsJsonAsync("/api/v1/me/addresses", address);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task The_first_address_becomes_both_defaults_and_a_new_default_moves_it()
    {
        var (client, _) = await app.SignedInClientAsync();

        var home = await AddAsync(client, Address("12 MG Road"));
        var office = await AddAsync(client, Address("1 Residency Road", shipping: true));

        Assert.True(home.GetProperty("isDefaultShipping").GetBoolean());
        Assert.True(home.GetProperty("isDefaultBilling").GetBoolean());
        var book = (await (await client.GetAsync("/api/v1/me/addresses")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, book.Count);
        Assert.Equal(office.GetProperty("id").GetString(), book.Single(a => a.GetProperty("isDefaultShipping").GetBoolean()).GetProperty("id").GetString());
        Assert.Equal(home.GetProperty("id").GetString(), book.Single(a => a.GetProperty("isDefaultBilling").GetBoolean()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Addresses_can_be_edited_and_deleted_and_a_deleted_default_passes_on()
    {
        var (client, _) = await app.SignedInClientAsync();
        var home = await AddAsync(client, Address("12 MG Road"));
        var office = await AddAsync(client, Address("1 Residency Road"));
        var homeId = home.GetProperty("id").GetString();

        var edited = await client.PutAsJsonAsync($"/api/v1/me/addresses/{homeId}", Address("14 MG Road"));
        Assert.Equal("14 MG Road", (await edited.JsonAsync()).GetProperty("line1").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/me/addresses/{homeId}")).StatusCode);

        var remaining = Assert.Single((await (await client.GetAsync("/api/v1/me/addresses")).JsonAsync()).EnumerateArray());
        Assert.Equal(office.GetProperty("id").GetString(), remaining.GetProperty("id").GetString());
        Assert.True(remaining.GetProperty("isDefaultShipping").GetBoolean());
        Assert.True(remaining.GetProperty("isDefaultBilling").GetBoolean());
    }

    [Fact]
    public async Task Nobody_reads_changes_or_deletes_another_users_address()
    {
        var (owner, _) = await app.SignedInClientAsync("owner");
        var (intruder, _) = await app.SignedInClientAsync("intruder");
        var id = (await AddAsync(owner, Address("12 MG Road"))).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/v1/me/addresses/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PutAsJsonAsync($"/api/v1/me/addresses/{id}", Address("Stolen"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.DeleteAsync($"/api/v1/me/addresses/{id}")).StatusCode);
        Assert.Empty((await (await intruder.GetAsync("/api/v1/me/addresses")).JsonAsync()).EnumerateArray());
        Assert.Equal("12 MG Road", (await (await owner.GetAsync($"/api/v1/me/addresses/{id}")).JsonAsync()).GetProperty("line1").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me/addresses")).StatusCode);
    }

    [Fact]
    public async Task Incomplete_addresses_are_refused_field_by_field()
    {
        var (client, _) = await app.SignedInClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/me/addresses", new { fullName = "", phone = "x", line1 = "", city = "", state = "", postalCode = "!", country = "India" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "FullName", "Phone", "Line1", "City", "State", "PostalCode", "Country" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
    }
}
