using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shop.Testing;
using Shop.Web.Platform.Media;

namespace Shop.BrowserTests;

public sealed class CategoryAdminTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_adds_a_category_under_another_and_gives_it_a_picture()
    {
        var email = ApiClient.NewEmail("admin");
        await browser.Shop.RegisterConfirmedAsync(email);
        await browser.Shop.GrantRolesAsync(email, "admin");
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ApiClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(browser.Shop.ServerAddress.ToString());

        await page.GotoAsync("/admin/categories");
        await page.GetByLabel("Name").FillAsync("Garden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add category" }).ClickAsync();
        await page.WaitForURLAsync("**done=saved");
        await page.GetByLabel("Name").FillAsync("Planters");
        await page.GetByLabel("In Hindi").FillAsync("गमले");
        await page.GetByLabel("Parent").SelectOptionAsync(new SelectOptionValue { Label = "Garden" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add category" }).ClickAsync();
        await page.WaitForURLAsync("**done=saved");
        await page.Locator(".category-tree").GetByRole(AriaRole.Link, new() { Name = "Planters" }).ClickAsync();

        var file = Path.Combine(Path.GetTempPath(), $"planters-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, TestPictures.Png(300, 300, 77));
        await page.GetByLabel("Upload a picture").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**done=saved");

        Assert.True(await page.GetByAltText("Picture of Planters").IsVisibleAsync());
        var tree = await browser.Shop.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/catalog/categories");
        var garden = tree.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Garden");
        var planters = Assert.Single(garden.GetProperty("children").EnumerateArray());
        Assert.StartsWith("/media/", planters.GetProperty("imageUrl").GetString());
        Assert.Equal("गमले", await page.GetByLabel("In Hindi").InputValueAsync());
        var hindiTree = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalog/categories");
        hindiTree.Headers.AcceptLanguage.ParseAdd("hi-IN");
        var inHindi = await (await browser.Shop.CreateClient().SendAsync(hindiTree)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("गमले", inHindi.EnumerateArray().Single(c => c.GetProperty("id").GetString() == garden.GetProperty("id").GetString())
            .GetProperty("children")[0].GetProperty("name").GetString());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Deleting_a_category_takes_its_tax_rates_off_the_tax_page()
    {
        var (api, email) = await browser.Shop.SignedInClientAsync("admin", "admin");
        var bonsai = await CatalogClient.Expect(await api.PostAsJsonAsync("/api/v1/admin/categories", new { name = CatalogClient.Unique("Bonsai") }), HttpStatusCode.Created);
        var rateName = CatalogClient.Unique("Bonsai cess");
        await CatalogClient.Expect(await api.PostAsJsonAsync("/api/v1/admin/tax", new { name = rateName, percent = 3m, categoryId = bonsai.GetProperty("id").GetGuid() }),
            HttpStatusCode.Created);
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, email);
        await page.GotoAsync("/admin/tax");
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = rateName }).CountAsync());

        await page.GotoAsync($"/admin/categories/{bonsai.GetProperty("id").GetGuid()}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete this category" }).ClickAsync();
        await page.WaitForURLAsync("**done=deleted");

        await Eventually.TrueAsync(async () =>
        {
            await page.GotoAsync("/admin/tax");
            return await page.GetByRole(AriaRole.Link, new() { Name = rateName }).CountAsync() == 0;
        }, "the deleted category's rate to leave the tax page");
        Assert.Empty(errors);
    }
}
