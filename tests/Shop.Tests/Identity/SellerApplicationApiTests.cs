using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Identity;

public sealed class SellerApplicationApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static readonly object Application = new
    {
        shopName = "Kanchi Silks", description = "Handwoven Kanchipuram silk sarees from our family looms.", contactEmail = "hello@kanchisilks.in", contactPhone = "+91 44 2722 1234",
    };

    [Fact]
    public async Task An_approved_applicant_becomes_a_seller_and_is_told_by_email()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (applicant, email) = await app.SignedInClientAsync("weaver");

        var submitted = await applicant.PostAsJsonAsync("/api/v1/me/seller-application", Application);
        var again = await applicant.PostAsJsonAsync("/api/v1/me/seller-application", Application);

        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var id = (await submitted.JsonAsync()).GetProperty("id").GetString();
        var queue = await (await admin.GetAsync("/api/v1/admin/seller-applications?status=pending")).JsonAsync();
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        var approved = await admin.PostAsync($"/api/v1/admin/seller-applications/{id}/approve", null);

        Assert.Equal("approved", (await approved.JsonAsync()).GetProperty("status").GetString());
        Assert.Contains("seller", (await (await applicant.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await app.WaitForMailAsync(email, "Welcome to selling");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/admin/seller-applications/{id}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task A_rejected_applicant_hears_the_reason_and_may_apply_again()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (applicant, email) = await app.SignedInClientAsync("trader");
        var id = (await (await applicant.PostAsJsonAsync("/api/v1/me/seller-application", Application)).JsonAsync()).GetProperty("id").GetString();

        var rejected = await admin.PostAsJsonAsync($"/api/v1/admin/seller-applications/{id}/reject", new { reason = "Please add your GSTIN." });

        Assert.Equal("rejected", (await rejected.JsonAsync()).GetProperty("status").GetString());
        var mine = await (await applicant.GetAsync("/api/v1/me/seller-application")).JsonAsync();
        Assert.Equal("Please add your GSTIN.", mine.GetProperty("rejectionReason").GetString());
        Assert.Contains("Please add your GSTIN.", (await app.WaitForMailAsync(email, "Your seller application")).Text);
        Assert.Equal(HttpStatusCode.Created, (await applicant.PostAsJsonAsync("/api/v1/me/seller-application", Application)).StatusCode);
    }

    [Fact]
    public async Task A_thin_application_is_refused_with_reasons()
    {
        var (applicant, _) = await app.SignedInClientAsync();

        var response = await applicant.PostAsJsonAsync("/api/v1/me/seller-application", new { shopName = "", description = "Stuff", contactEmail = "no", contactPhone = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(4, (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Count());
    }
}
