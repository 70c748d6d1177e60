using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Catalog;

public sealed class ImportExportTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private const string Header = "handle,title,brand,category,status,description,details,sku,options,price,compare_at_price,weight_grams,stock,low_stock_threshold";

    private static MultipartFormDataContent Csv(string content, string name = "products.csv") =>
        new() { { new StringContent(content, Encoding.UTF8, "text/csv"), "file", name } };

    private static async Task<JsonElement> ImportAsync(HttpClient seller, string csv)
    {
        var queued = await CatalogClient.Expect(await seller.PostAsync("/api/v1/seller/products/import", Csv(csv)), HttpStatusCode.Accepted);
        var id = queued.GetProperty("id").GetString();
        return await Eventually.GetAsync(
            async () => await seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/products/import/{id}"),
            job => job.GetProperty("status").GetString() == "completed", "the import to finish", TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task An_import_creates_good_products_and_reports_bad_rows_by_number()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = (await catalog.CategoryAsync("Imported")).GetProperty("slug").GetString();
        var csv = $"""
            {Header}
            silk-saree,Silk Saree,Nalli,{category},active,"Pure **silk**, woven in Kanchipuram",Material=Silk,SAREE-RED,colour=Red,8999,9999,700,5,2
            silk-saree,,,,,,,SAREE-GOLD,colour=Gold,9499,,700,3,2
            steel-tiffin,Steel Tiffin,Vinod,{category},active,Three tiers,,TIFFIN-3,,899,,900,40,5
            lost-product,Lost Product,Nobody,no-such-category,active,x,,LOST-1,,100,,1,1,1
            bad-price,Bad Price,Acme,{category},active,x,,BAD-1,,abc,,1,1,1
            """;

        var job = await ImportAsync(catalog.Seller, csv);

        Assert.Equal(5, job.GetProperty("totalRows").GetInt32());
        Assert.Equal(5, job.GetProperty("processedRows").GetInt32());
        Assert.Equal(2, job.GetProperty("createdProducts").GetInt32());
        var errors = job.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("row").GetInt32(), e => e.GetProperty("message").GetString()!);
        Assert.Equal([5, 6], errors.Keys.Order());
        Assert.Contains("no-such-category", errors[5]);
        Assert.Contains("not a number", errors[6]);
        var saree = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/catalog/products/silk-saree");
        Assert.Equal(["Red", "Gold"], saree.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("options").GetProperty("colour").GetString()));
        Assert.Equal(5, saree.GetProperty("variants")[0].GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Exported_products_import_back_unchanged_and_an_edited_export_updates_prices_and_stock()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var categoryId = (await catalog.CategoryAsync("Round trip")).GetProperty("id").GetString()!;
        await catalog.ProductAsync("Clay Pot", categoryId, [CatalogClient.Variant("POT-S", 299, stock: 10, options: new { size = "Small" }), CatalogClient.Variant("POT-L", 499, stock: 4, options: new { size = "Large" })]);

        var exported = await catalog.Seller.GetStringAsync("/api/v1/seller/products/export");
        var unchanged = await ImportAsync(catalog.Seller, exported);
        var edited = await ImportAsync(catalog.Seller, exported.Replace(",299.00,", ",349.00,").Replace("POT-L,size=Large,499.00,,250,4,", "POT-L,size=Large,499.00,,250,9,"));

        Assert.StartsWith(Header, exported);
        Assert.Contains("POT-S", exported);
        Assert.Empty(unchanged.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, unchanged.GetProperty("updatedProducts").GetInt32());
        Assert.Empty(edited.GetProperty("errors").EnumerateArray());
        var product = (await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/products?q=Clay")).GetProperty("items")[0];
        var detail = await catalog.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/products/{product.GetProperty("id").GetString()}");
        var variants = detail.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!);
        Assert.Equal(349m, variants["POT-S"].GetProperty("price").GetDecimal());
        Assert.Equal(9, variants["POT-L"].GetProperty("onHand").GetInt32());
        var movements = await catalog.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/stock/{variants["POT-L"].GetProperty("id").GetString()}/movements");
        Assert.Equal("CSV import", movements[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_file_that_is_not_the_import_format_is_refused_at_once()
    {
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");

        var wrongColumns = await seller.PostAsync("/api/v1/seller/products/import", Csv("name,cost\nMug,100\n"));
        var empty = await seller.PostAsync("/api/v1/seller/products/import", Csv(Header + "\n"));

        Assert.Contains("missing the column(s) handle, sku, price", (await wrongColumns.JsonAsync()).GetProperty("errors").GetProperty("File")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task A_thousand_row_import_runs_product_by_product_to_the_end()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = (await catalog.CategoryAsync("Bulk")).GetProperty("slug").GetString();
        var csv = new StringBuilder(Header).Append('\n');
        for (var product = 0; product < 250; product++)
            foreach (var size in new[] { "S", "M", "L", "XL" })
                csv.Append($"bulk-tee-{product},Bulk Tee {product},Acme,{category},active,Plain tee,,BULK-{product}-{size},size={size},{399 + product},,200,{product % 7},2\n");

        var job = await ImportAsync(catalog.Seller, csv.ToString());

        Assert.Equal(1000, job.GetProperty("processedRows").GetInt32());
        Assert.Equal(250, job.GetProperty("createdProducts").GetInt32());
        Assert.Empty(job.GetProperty("errors").EnumerateArray());
        var listing = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?category={category}&pageSize=1");
        Assert.Equal(250, listing.GetProperty("total").GetInt32());
    }
}
