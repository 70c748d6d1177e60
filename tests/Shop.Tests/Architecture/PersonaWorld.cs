using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Architecture;

/// <summary>One shop with a user of each kind, and objects they own, all made through the real API.</summary>
internal sealed class PersonaWorld
{
    public const string Anonymous = "anonymous";
    public const string Customer = "customer";
    public const string OtherCustomer = "other customer";
    public const string Seller = "seller";
    public const string OtherSeller = "other seller";
    public const string Support = "support";
    public const string Admin = "admin";

    public static readonly string[] Personas = [Anonymous, Customer, OtherCustomer, Seller, OtherSeller, Support, Admin];

    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly Dictionary<string, string> shared = [];
    private string categoryId = "";
    private string productId = "";
    private string variantId = "";

    public static string OwnerOf(string kind) => kind is "address" or "order" or "notification" or "cart line" or "wishlist entry" or "conversation" or "seller message" ? Customer : Seller;

    public HttpClient Client(string persona) => clients[persona];

    /// <summary>Ids of the customer's and the seller's private objects (not products, which anyone may see).</summary>
    public HashSet<string> PrivateIds { get; } = [];

    public static async Task<PersonaWorld> CreateAsync(ShopAppFactory app)
    {
        var world = new PersonaWorld();
        world.clients[Anonymous] = app.CreateClient();
        foreach (var (persona, roles) in new[] { (Customer, Array.Empty<string>()), (OtherCustomer, []), (Seller, ["seller"]), (OtherSeller, ["seller"]), (Support, ["support"]), (Admin, ["admin"]) })
            world.clients[persona] = (await app.SignedInClientAsync(persona.Replace(' ', '-'), roles)).Client;
        await app.EnsureShippingAsync();
        await world.StockTheShopAsync();
        return world;
    }

    /// <summary>A product of the seller's, a webhook that hears of its orders, the customer's address and order for it, and what that order leaves behind.</summary>
    private async Task StockTheShopAsync()
    {
        var category = await CatalogClient.Expect(await clients[Admin].PostAsJsonAsync("/api/v1/admin/categories",
            new { name = "Matrix", slug = "matrix-" + Guid.NewGuid().ToString("N")[..8] }), HttpStatusCode.Created);
        categoryId = category.GetProperty("id").GetString()!;
        var product = await ProductAsync();
        productId = product.GetProperty("id").GetString()!;
        variantId = VariantOf(product);
        await ProductAsync(clients[OtherSeller]);

        var hook = await CreateAsync("webhook");
        await CreateAsync("address");
        await CreateAsync("order");
        shared["notification"] = await FirstAsync(clients[Customer], "/api/v1/notifications", "the order's notification");
        shared["fulfillment"] = await FirstAsync(clients[Seller], "/api/v1/seller/fulfillments", "the seller's part of the order");
        shared["delivery"] = await FirstAsync(clients[Seller], $"/api/v1/webhooks/{hook}/deliveries", "the webhook's delivery of the order");
        using var csv = new MultipartFormDataContent
        {
            { new StringContent("handle,title,brand,category,status,description,details,sku,options,price,compare_at_price,weight_grams,stock,low_stock_threshold\n" +
                "matrix-mug,Matrix Mug,Acme,matrix,active,A mug.,,MX-1,,100,,250,5,1\n", Encoding.UTF8, "text/csv"), "file", "products.csv" },
        };
        shared["import"] = Id(await CatalogClient.Expect(await clients[Seller].PostAsync("/api/v1/seller/products/import", csv), HttpStatusCode.Accepted));
        PrivateIds.UnionWith(shared.Values);
    }

    /// <summary>What a route parameter names when the operation does not reach the caller's own objects.</summary>
    public string Reference(string parameter) => parameter switch
    {
        "idOrSlug" => productId,
        "variantId" => variantId,
        "provider" => "sandbox",
        // An id nobody owns: only the caller's right to ask is in question.
        _ => Guid.NewGuid().ToString(),
    };

    /// <summary>A new object of the kind, owned by <see cref="OwnerOf"/> the kind (objects that take many steps to make are shared).</summary>
    public async Task<string> CreateAsync(string kind)
    {
        var customer = clients[Customer];
        var seller = clients[Seller];
        switch (kind)
        {
            case "address":
                return Private(Id(await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/me/addresses", Shopper.Address), HttpStatusCode.Created)));
            case "order":
                return Private(await OrderAsync());
            case "conversation":
                return Private(Id(await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/support/conversations",
                    new { topic = "order", message = "Where is my parcel, please?" }), HttpStatusCode.Created)));
            case "seller thread":
                return Private(await SellerThreadAsync());
            case "seller message":
                // The seller's answer in a thread with the customer (who may report it); message ids are small numbers, not private ids.
                var thread = await SellerThreadAsync();
                return (await CatalogClient.Expect(await seller.PostAsJsonAsync($"/api/v1/support/seller/threads/{thread}/messages",
                    new { body = "Pay me outside the shop." }), HttpStatusCode.Created)).GetProperty("id").GetInt64().ToString();
            case "webhook":
                return Private(Id(await CatalogClient.Expect(await seller.PostAsJsonAsync("/api/v1/webhooks",
                    new { url = "https://hooks.example.com/orders", events = new[] { "order.placed" } }), HttpStatusCode.Created)));
            case "product":
                return (await ProductAsync()).GetProperty("id").GetString()!;
            case "variant":
                return VariantOf(await ProductAsync());
            case "cart line":
                await customer.AddToCartAsync(Guid.Parse(variantId));
                return variantId;
            case "wishlist entry":
                await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/wishlist", new { variantId }), HttpStatusCode.NoContent);
                return variantId;
            default:
                return shared[kind];
        }
    }

    /// <summary>A question of the customer's to the seller about the seller's product.</summary>
    private async Task<string> SellerThreadAsync() =>
        Id(await CatalogClient.Expect(await clients[Customer].PostAsJsonAsync("/api/v1/support/seller-threads",
            new { productId, message = "Is this lamp dimmable?" }), HttpStatusCode.Created));

    private string Private(string id)
    {
        PrivateIds.Add(id);
        return id;
    }

    public string ProductBody() => JsonSerializer.Serialize(ProductRequest());

    private object ProductRequest() => new
    {
        title = CatalogClient.Unique("Matrix Lamp"), brand = "Acme", description = "A lamp.", categoryId, status = "active", images = Array.Empty<object>(),
        variants = new[] { CatalogClient.Variant("MX-" + Guid.NewGuid().ToString("N")[..8], 400m, stock: 1000) },
    };

    private async Task<JsonElement> ProductAsync(HttpClient? seller = null) =>
        await CatalogClient.Expect(await (seller ?? clients[Seller]).PostAsJsonAsync("/api/v1/seller/products", ProductRequest()), HttpStatusCode.Created);

    private async Task<string> OrderAsync()
    {
        await clients[Customer].AddToCartAsync(Guid.Parse(variantId));
        return Id(await CatalogClient.Expect(await clients[Customer].CheckoutAsync(email: null), HttpStatusCode.Created));
    }

    private static async Task<string> FirstAsync(HttpClient client, string path, string what) =>
        Id((await Eventually.GetAsync(async () => await client.GetFromJsonAsync<JsonElement>(path), page => page.GetProperty("items").GetArrayLength() > 0, what))
            .GetProperty("items")[0]);

    private static string VariantOf(JsonElement product) => product.GetProperty("variants")[0].GetProperty("id").GetString()!;

    private static string Id(JsonElement created) => created.GetProperty("id").GetString()!;
}
