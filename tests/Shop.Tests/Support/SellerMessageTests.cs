using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;
using Shop.Tests.Webhooks;

namespace Shop.Tests.Support;

/// <summary>
/// Buyer-seller messages over HTTP on real PostgreSQL: a customer writes to a seller of their own order or of
/// a product (one thread per customer, seller and subject), sellers reach only their own threads, admins
/// read any and step in, either side reports the other's messages once, and notes never leave the staff.
/// The shop listens on a real socket, so parallel requests are parallel HTTP; webhooks go to a real receiver.
/// </summary>
public sealed class SellerMessageTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>, IAsyncLifetime
{
    private const string Ask = "/api/v1/support/seller-threads";
    private const string SellerThreads = "/api/v1/support/seller/threads";
    private const string AdminThreads = "/api/v1/support/admin/threads";
    private ShopAppFactory app = null!;
    private WebhookReceiver receiver = null!;
    private CatalogClient catalog = null!;
    private string categoryId = "";

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        app = await new LiveShopFactory().WithSmtp(smtp).WithSettings(("Webhooks:DeliveryEnabled", "true"), ("Webhooks:AllowPrivateNetworks", "true"),
            ("Webhooks:PollInterval", "00:00:00.250")).StartAsync();
        await app.EnsureShippingAsync();
        catalog = await CatalogClient.CreateAsync(app);
        categoryId = (await catalog.CategoryAsync("Messages")).GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task Twenty_first_messages_sent_at_once_make_one_thread_per_subject_holding_all_twenty()
    {
        var (customer, _) = await app.SignedInClientAsync("eager");
        var (orderId, _, _) = await OrderAsync(customer, catalog.Seller);
        var sellerId = await SellerIdAsync(catalog.Seller);
        var product = await ProductAsync(catalog.Seller, "Teak Stool");

        foreach (var subject in new object[] { new { orderId, sellerId }, new { productId = product.Id } })
        {
            var fields = JsonSerializer.SerializeToElement(subject);
            var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(async n =>
            {
                var body = fields.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.GetString());
                body["message"] = $"Question number {n}";
                var response = await customer.PostAsJsonAsync(Ask, body);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));

            Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.Created, $"{r.StatusCode}: {r.Body}"));
            var started = responses.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
            var id = Assert.Single(started.Select(s => s.GetProperty("id").GetString()).Distinct());
            Assert.Single(started, s => !s.GetProperty("continued").GetBoolean());
            var thread = await catalog.Seller.GetFromJsonAsync<JsonElement>($"{SellerThreads}/{id}");
            Assert.Equal(Enumerable.Range(1, 20).Select(n => $"Question number {n}").Order(),
                thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()!).Order());
            Assert.Equal(20, started.Select(s => s.GetProperty("messageId").GetInt64()).Distinct().Count());
        }
        Assert.Equal(2, (await catalog.Seller.GetFromJsonAsync<JsonElement>(SellerThreads)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Webhooks_tell_admins_and_the_threads_seller_of_a_new_thread_and_its_messages_but_never_of_notes_or_other_sellers_threads()
    {
        var (admin, _) = await app.SignedInClientAsync("hook-admin", "admin");
        var sellerB = await catalog.AnotherSellerAsync();
        string[] events = [WebhookEvents.Created, WebhookEvents.Message];
        var (adminPath, sellerPath, otherPath) = ($"/admin-{Guid.NewGuid():N}", $"/seller-{Guid.NewGuid():N}", $"/other-{Guid.NewGuid():N}");
        await admin.RegisterAsync(receiver.Url + adminPath, events);
        await catalog.Seller.RegisterAsync(receiver.Url + sellerPath, events);
        var (otherEndpoint, _) = await sellerB.RegisterAsync(receiver.Url + otherPath, events);
        var (customer, _) = await app.SignedInClientAsync("hooked");
        var product = await ProductAsync(catalog.Seller, "Jute Rug");

        var started = await CatalogClient.Expect(await customer.PostAsJsonAsync(Ask, new { productId = product.Id, message = "Is it washable?" }), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString();
        await CatalogClient.Expect(await customer.PostAsJsonAsync(Ask, new { productId = product.Id, message = "By hand or machine?" }), HttpStatusCode.Created);
        await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync($"{SellerThreads}/{id}/messages", new { body = "By hand, cold water." }), HttpStatusCode.Created);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"{AdminThreads}/{id}/messages", new { body = "Keep an eye on this seller.", note = true }), HttpStatusCode.Created);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"{AdminThreads}/{id}/messages", new { body = "Support here: that is right." }), HttpStatusCode.Created);

        foreach (var path in new[] { adminPath, sellerPath })
        {
            // Admin endpoints hear of every conversation: only this thread's events count here.
            var received = await Eventually.GetAsync(() => Task.FromResult(receiver.At(path).Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())
                    .Where(e => e.GetProperty("data").GetProperty("conversationId").GetString() == id).ToList()),
                r => r.Any(e => e.GetProperty("data").TryGetProperty("body", out var body) && body.GetString() == "Support here: that is right."),
                $"the webhooks at {path}");
            var created = Assert.Single(received, e => e.GetProperty("type").GetString() == WebhookEvents.Created).GetProperty("data");
            Assert.Equal("orderThread", created.GetProperty("channel").GetString());
            Assert.Equal(product.Id, created.GetProperty("productId").GetString());
            var messages = received.Where(e => e.GetProperty("type").GetString() == WebhookEvents.Message).Select(e => e.GetProperty("data")).ToList();
            Assert.Equal(["customer", "customer", "seller", "system", "agent"], messages.OrderBy(m => m.GetProperty("messageId").GetInt64())
                .Select(m => m.GetProperty("author").GetString()));
            Assert.DoesNotContain(receiver.At(path), r => r.Body.Contains("Keep an eye"));
        }
        // Deliveries are queued with the event, so the other seller's empty log is final.
        Assert.Equal(0, (await sellerB.DeliveriesAsync(otherEndpoint)).GetArrayLength());
    }

    [Fact]
    public async Task A_customer_writes_to_each_seller_of_their_order_and_writing_again_continues_the_same_thread()
    {
        var sellerB = await catalog.AnotherSellerAsync();
        var (customer, _) = await app.SignedInClientAsync("buyer");
        var (orderId, number, _) = await OrderAsync(customer, catalog.Seller, sellerB);
        var sellerAId = await SellerIdAsync(catalog.Seller);
        var sellerBId = await SellerIdAsync(sellerB);

        var first = await CatalogClient.Expect(await customer.PostAsJsonAsync(Ask, new { orderId, sellerId = sellerAId, message = "Can you gift-wrap it?" }), HttpStatusCode.Created);
        var again = await CatalogClient.Expect(await customer.PostAsJsonAsync(Ask, new { orderId, sellerId = sellerAId, message = "And add a card, please." }), HttpStatusCode.Created);
        var toB = await CatalogClient.Expect(await customer.PostAsJsonAsync(Ask, new { orderId, sellerId = sellerBId, message = "When do you ship?" }), HttpStatusCode.Created);

        var id = first.GetProperty("id").GetString();
        Assert.False(first.GetProperty("continued").GetBoolean());
        Assert.Equal(id, again.GetProperty("id").GetString());
        Assert.True(again.GetProperty("continued").GetBoolean());
        Assert.NotEqual(id, toB.GetProperty("id").GetString());
        var conversation = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/support/conversations/{id}");
        Assert.Equal("orderThread", conversation.GetProperty("channel").GetString());
        Assert.Equal(number, conversation.GetProperty("orderNumber").GetString());
        Assert.Equal(2, conversation.GetProperty("messages").GetArrayLength());
        Assert.Equal(2, (await customer.GetFromJsonAsync<JsonElement>("/api/v1/support/conversations")).GetProperty("items").GetArrayLength());

        var inbox = await catalog.Seller.GetFromJsonAsync<JsonElement>(SellerThreads);
        var row = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        Assert.Equal(id, row.GetProperty("id").GetString());
        Assert.Equal(2, row.GetProperty("unread").GetInt32());
        Assert.True(row.GetProperty("unanswered").GetBoolean());
        Assert.Equal($"Order {number}", row.GetProperty("about").GetString());
        var told = await Eventually.GetAsync(async () => await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=50"),
            n => n.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("title").GetString()!.Contains($"about order {number}")) == 2,
            "the seller's notifications of both messages");
        Assert.Contains(told.GetProperty("items").EnumerateArray(), i => i.GetProperty("link").GetString() == $"/seller/messages/{id}");
    }

    [Fact]
    public async Task Another_customers_order_a_seller_not_on_the_order_and_a_product_not_on_sale_are_refused_with_reasons()
    {
        var (buyer, _) = await app.SignedInClientAsync("buyer");
        var (orderId, _, _) = await OrderAsync(buyer, catalog.Seller);
        var (other, _) = await app.SignedInClientAsync("other");
        var sellerId = await SellerIdAsync(catalog.Seller);
        var strangerId = await SellerIdAsync(await catalog.AnotherSellerAsync());
        var draft = await catalog.ProductAsync(CatalogClient.Unique("Draft Lamp"), categoryId, [CatalogClient.Variant("DR-" + Guid.NewGuid().ToString("N")[..8], 100m)], status: "draft");

        var foreign = await other.PostAsJsonAsync(Ask, new { orderId, sellerId, message = "Where is this order?" });
        var notOnOrder = await buyer.PostAsJsonAsync(Ask, new { orderId, sellerId = strangerId, message = "Where is my order?" });
        var noSeller = await buyer.PostAsJsonAsync(Ask, new { orderId, message = "Where is my order?" });
        var both = await buyer.PostAsJsonAsync(Ask, new { orderId, sellerId, productId = draft.GetProperty("id").GetString(), message = "Hello there" });
        var neither = await buyer.PostAsJsonAsync(Ask, new { message = "Hello there" });
        var notOnSale = await buyer.PostAsJsonAsync(Ask, new { productId = draft.GetProperty("id").GetString(), message = "Is it coming back?" });
        var empty = await buyer.PostAsJsonAsync(Ask, new { orderId, sellerId, message = "" });
        var guest = await app.CreateClient().PostAsJsonAsync(Ask, new { orderId, sellerId, message = "Hello there" });

        await AssertRefusedAsync(foreign, "orderId", "your own orders");
        await AssertRefusedAsync(notOnOrder, "sellerId", "seller of this order");
        await AssertRefusedAsync(noSeller, "sellerId", "seller of this order");
        await AssertRefusedAsync(both, "orderId", "either");
        await AssertRefusedAsync(neither, "orderId", "either");
        await AssertRefusedAsync(notOnSale, "productId", "not on sale");
        await AssertRefusedAsync(empty, "message", "message");
        Assert.Equal(HttpStatusCode.Unauthorized, guest.StatusCode);
        Assert.Empty((await catalog.Seller.GetFromJsonAsync<JsonElement>(SellerThreads)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_seller_answers_a_product_question_and_another_seller_can_neither_list_read_nor_answer_it()
    {
        var (customer, _) = await app.SignedInClientAsync("asker");
        var product = await ProductAsync(catalog.Seller, "Brass Lamp");
        var sellerB = await catalog.AnotherSellerAsync();
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var id = (await CatalogClient.Expect(await customer.PostAsJsonAsync(Ask, new { productId = product.Id, message = "Is the lamp solid brass?" }),
            HttpStatusCode.Created)).GetProperty("id").GetString();

        var thread = await catalog.Seller.GetFromJsonAsync<JsonElement>($"{SellerThreads}/{id}");
        Assert.Equal(product.Title, thread.GetProperty("productTitle").GetString());
        Assert.Equal("Is the lamp solid brass?", Assert.Single(thread.GetProperty("messages").EnumerateArray()).GetProperty("body").GetString());
        var reply = await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync($"{SellerThreads}/{id}/messages", new { body = "Yes, solid brass." }), HttpStatusCode.Created);
        Assert.Equal("seller", reply.GetProperty("author").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await catalog.Seller.PostAsync($"{SellerThreads}/{id}/read", null)).StatusCode);

        var seen = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/support/conversations/{id}");
        Assert.Equal("pending", seen.GetProperty("status").GetString());
        Assert.Equal("Yes, solid brass.", seen.GetProperty("messages")[1].GetProperty("body").GetString());
        Assert.Equal("seller", seen.GetProperty("messages")[1].GetProperty("author").GetString());
        var listed = Assert.Single((await catalog.Seller.GetFromJsonAsync<JsonElement>(SellerThreads)).GetProperty("items").EnumerateArray());
        Assert.Equal(0, listed.GetProperty("unread").GetInt32());
        Assert.False(listed.GetProperty("unanswered").GetBoolean());
        Assert.Empty((await catalog.Seller.GetFromJsonAsync<JsonElement>($"{SellerThreads}?unanswered=true")).GetProperty("items").EnumerateArray());

        foreach (var stranger in new[] { sellerB, admin })
        {
            Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>(SellerThreads)).GetProperty("items").EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{SellerThreads}/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"{SellerThreads}/{id}/messages", new { body = "Buy mine instead." })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{SellerThreads}/{id}/read", null)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync($"{SellerThreads}/{id}")).StatusCode);
        Assert.Equal(2, (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/support/conversations/{id}")).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task An_admin_reads_any_thread_steps_in_once_announced_and_notes_stay_with_the_staff()
    {
        var (customer, _) = await app.SignedInClientAsync("asker");
        var product = await ProductAsync(catalog.Seller, "Silk Scarf");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (support, _) = await app.SignedInClientAsync("agent", "support");
        var id = (await CatalogClient.Expect(await customer.PostAsJsonAsync(Ask, new { productId = product.Id, message = "Is it pure silk?" }),
            HttpStatusCode.Created)).GetProperty("id").GetString();

        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>(AdminThreads)).GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"{AdminThreads}/{id}/messages", new { body = "Seller was warned before.", note = true }), HttpStatusCode.Created);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"{AdminThreads}/{id}/messages", new { body = "We are looking into this." }), HttpStatusCode.Created);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"{AdminThreads}/{id}/messages", new { body = "Solved, thank you both." }), HttpStatusCode.Created);

        var asAdmin = (await admin.GetFromJsonAsync<JsonElement>($"{AdminThreads}/{id}")).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
        Assert.Equal(["Is it pure silk?", "Seller was warned before.", "An admin joined the conversation", "We are looking into this.", "Solved, thank you both."], asAdmin);
        var sellerSees = await catalog.Seller.GetStringAsync($"{SellerThreads}/{id}");
        var customerSees = await customer.GetStringAsync($"/api/v1/support/conversations/{id}");
        foreach (var seen in new[] { sellerSees, customerSees })
        {
            Assert.DoesNotContain("warned", seen);
            Assert.Contains("An admin joined the conversation", seen);
            Assert.Contains("We are looking into this.", seen);
            // The admin's words are the shop's, never the seller's, whoever reads them.
            Assert.Equal(["customer", "staff", "staff", "staff"], JsonDocument.Parse(seen).RootElement.GetProperty("messages").EnumerateArray()
                .Select(m => m.GetProperty("side").GetString()));
        }
        var sellerReply = await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync($"{SellerThreads}/{id}/messages", new { body = "Sorry for the wait." }), HttpStatusCode.Created);
        Assert.Equal("seller", sellerReply.GetProperty("side").GetString());
        Assert.Equal("seller", (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/support/conversations/{id}")).GetProperty("messages").EnumerateArray().Last().GetProperty("side").GetString());
        foreach (var notAdmin in new[] { catalog.Seller, customer, support })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.GetAsync($"{AdminThreads}/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.PostAsJsonAsync($"{AdminThreads}/{id}/messages", new { body = "Let me in." })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await catalog.Seller.PostAsJsonAsync($"{SellerThreads}/{id}/messages", new { body = "Hidden?", note = true })).StatusCode);
    }

    [Fact]
    public async Task Either_side_reports_the_others_message_once_and_admins_dismiss_or_handle_it_with_a_note()
    {
        var (customer, _) = await app.SignedInClientAsync("asker");
        var (other, _) = await app.SignedInClientAsync("other");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var product = await ProductAsync(catalog.Seller, "Clay Pot");
        var started = await CatalogClient.Expect(await customer.PostAsJsonAsync(Ask, new { productId = product.Id, message = "You are a cheat!" }), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString();
        var customerMessage = started.GetProperty("messageId").GetInt64();
        var sellerMessage = (await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync($"{SellerThreads}/{id}/messages", new { body = "Pay me by bank transfer instead." }),
            HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var note = (await CatalogClient.Expect(await admin.PostAsJsonAsync($"{AdminThreads}/{id}/messages", new { body = "Watch this one.", note = true }),
            HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var byCustomer = await customer.PostAsJsonAsync(Report(sellerMessage), new { reason = "Asks me to pay outside the shop." });
        var twice = await customer.PostAsJsonAsync(Report(sellerMessage), new { reason = "Again." });
        var own = await customer.PostAsJsonAsync(Report(customerMessage), new { reason = "Oops." });
        var stranger = await other.PostAsJsonAsync(Report(sellerMessage), new { reason = "Nosy." });
        var noteReport = await catalog.Seller.PostAsJsonAsync(Report(note), new { reason = "What is this?" });
        var noReason = await catalog.Seller.PostAsJsonAsync(Report(customerMessage), new { reason = "" });
        var bySeller = await catalog.Seller.PostAsJsonAsync(Report(customerMessage), new { reason = "Insults." });

        Assert.Equal(HttpStatusCode.Created, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("your own message", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noteReport.StatusCode);
        await AssertRefusedAsync(noReason, "reason", "wrong");
        Assert.Equal(HttpStatusCode.Created, bySeller.StatusCode);

        var open = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/support/admin/reports")).GetProperty("items").EnumerateArray()
            .Where(r => r.GetProperty("conversationId").GetString() == id).ToList();
        Assert.Equal(2, open.Count);
        var aboutSeller = Assert.Single(open, r => r.GetProperty("reporterSide").GetString() == "customer");
        Assert.Equal("Pay me by bank transfer instead.", aboutSeller.GetProperty("message").GetProperty("body").GetString());
        Assert.Equal("Asks me to pay outside the shop.", aboutSeller.GetProperty("reason").GetString());
        var aboutCustomer = Assert.Single(open, r => r.GetProperty("reporterSide").GetString() == "seller");
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"{AdminThreads}?reported=true")).GetProperty("items").EnumerateArray(),
            t => t.GetProperty("id").GetString() == id && t.GetProperty("openReports").GetInt32() == 2);

        var resolve = (JsonElement report) => $"/api/v1/support/admin/reports/{report.GetProperty("id").GetString()}/resolve";
        await AssertRefusedAsync(await admin.PostAsJsonAsync(resolve(aboutSeller), new { decision = "handled" }), "note", "what was done");
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync(resolve(aboutSeller), new { decision = "dismiss" })).StatusCode);
        var handled = await CatalogClient.Expect(await admin.PostAsJsonAsync(resolve(aboutSeller), new { decision = "handled", note = "Warned the seller." }), HttpStatusCode.OK);
        Assert.Equal("handled", handled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync(resolve(aboutSeller), new { decision = "dismiss" })).StatusCode);
        await CatalogClient.Expect(await admin.PostAsJsonAsync(resolve(aboutCustomer), new { decision = "dismiss" }), HttpStatusCode.OK);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("/api/v1/support/admin/reports")).GetProperty("items").EnumerateArray(),
            r => r.GetProperty("conversationId").GetString() == id);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>("/api/v1/support/admin/reports?status=handled")).GetProperty("items").EnumerateArray(),
            r => r.GetProperty("resolutionNote").GetString() == "Warned the seller.");
    }

    [Fact]
    public async Task Probes_with_others_ids_odd_numbers_NUL_and_huge_input_are_refused_clearly_and_never_fail()
    {
        var (prober, _) = await app.SignedInClientAsync("prober");
        var (victim, _) = await app.SignedInClientAsync("victim");
        var (admin, _) = await app.SignedInClientAsync("probe-admin", "admin");
        var sellerB = await catalog.AnotherSellerAsync();
        var sellerId = await SellerIdAsync(catalog.Seller);
        var (victimOrder, _, _) = await OrderAsync(victim, catalog.Seller);
        var product = await ProductAsync(catalog.Seller, "Oak Shelf");
        var started = await CatalogClient.Expect(await victim.PostAsJsonAsync(Ask, new { orderId = victimOrder, sellerId, message = "Private: my address changed." }),
            HttpStatusCode.Created);
        var thread = started.GetProperty("id").GetString();
        var victimMessage = started.GetProperty("messageId").GetInt64();
        var huge = new string('x', 1_000_000);
        var json = (string raw) => new StringContent(raw, System.Text.Encoding.UTF8, "application/json");

        (string What, HttpResponseMessage Response, HttpStatusCode Expected)[] probes =
        [
            ("another customer's thread", await prober.GetAsync($"/api/v1/support/conversations/{thread}"), HttpStatusCode.NotFound),
            ("a reply in another customer's thread", await prober.PostAsJsonAsync($"/api/v1/support/conversations/{thread}/messages", new { body = "Hi" }), HttpStatusCode.NotFound),
            ("another customer's order", await prober.PostAsJsonAsync(Ask, new { orderId = victimOrder, sellerId, message = "Where is it?" }), HttpStatusCode.BadRequest),
            ("an order that does not exist", await prober.PostAsJsonAsync(Ask, new { orderId = Guid.NewGuid(), sellerId, message = "Where is it?" }), HttpStatusCode.BadRequest),
            ("a product that does not exist", await prober.PostAsJsonAsync(Ask, new { productId = Guid.Empty, message = "Is it real?" }), HttpStatusCode.BadRequest),
            ("a seller who does not sell the product", await prober.PostAsJsonAsync(Ask, new { productId = product.Id, sellerId = Guid.NewGuid(), message = "Hello" }), HttpStatusCode.BadRequest),
            ("an id that is no id", await prober.PostAsync(Ask, json("""{"orderId":"42","sellerId":"-1","message":"Hello"}""")), HttpStatusCode.BadRequest),
            ("a body that is no object", await prober.PostAsync(Ask, json("[1,2,3]")), HttpStatusCode.BadRequest),
            ("NUL in a question", await prober.PostAsJsonAsync(Ask, new { productId = product.Id, message = "Hello\0there" }), HttpStatusCode.BadRequest),
            ("a huge question", await prober.PostAsJsonAsync(Ask, new { productId = product.Id, message = huge }), HttpStatusCode.BadRequest),
            ("another seller's thread", await sellerB.GetAsync($"{SellerThreads}/{thread}"), HttpStatusCode.NotFound),
            ("a reply in another seller's thread", await sellerB.PostAsJsonAsync($"{SellerThreads}/{thread}/messages", new { body = "Mine now" }), HttpStatusCode.NotFound),
            ("NUL in a seller's answer", await catalog.Seller.PostAsJsonAsync($"{SellerThreads}/{thread}/messages", new { body = "Sure\0" }), HttpStatusCode.BadRequest),
            ("a huge answer", await catalog.Seller.PostAsJsonAsync($"{SellerThreads}/{thread}/messages", new { body = huge }), HttpStatusCode.BadRequest),
            ("a report of a stranger's message", await prober.PostAsJsonAsync(Report(victimMessage), new { reason = "Nosy" }), HttpStatusCode.NotFound),
            ("a report from another seller", await sellerB.PostAsJsonAsync(Report(victimMessage), new { reason = "Nosy" }), HttpStatusCode.NotFound),
            ("a report of message 0", await prober.PostAsJsonAsync(Report(0), new { reason = "Zero" }), HttpStatusCode.NotFound),
            ("a report of message -1", await prober.PostAsJsonAsync(Report(-1), new { reason = "Negative" }), HttpStatusCode.NotFound),
            ("a report of the largest message id", await prober.PostAsJsonAsync(Report(long.MaxValue), new { reason = "Huge" }), HttpStatusCode.NotFound),
            ("a report of a message id beyond 64 bits", await prober.PostAsJsonAsync("/api/v1/support/messages/99999999999999999999/reports", new { reason = "Huge" }), HttpStatusCode.NotFound),
            ("NUL in a report", await catalog.Seller.PostAsJsonAsync(Report(victimMessage), new { reason = "Rude\0" }), HttpStatusCode.BadRequest),
            ("a huge report", await catalog.Seller.PostAsJsonAsync(Report(victimMessage), new { reason = huge }), HttpStatusCode.BadRequest),
            ("a negative page", await catalog.Seller.GetAsync($"{SellerThreads}?page=-1&pageSize=100000"), HttpStatusCode.BadRequest),
            ("a thread that does not exist", await admin.GetAsync($"{AdminThreads}/{Guid.NewGuid()}"), HttpStatusCode.NotFound),
            ("a report status that does not exist", await admin.GetAsync("/api/v1/support/admin/reports?status=deleted"), HttpStatusCode.BadRequest),
            ("resolving a report that does not exist", await admin.PostAsJsonAsync($"/api/v1/support/admin/reports/{Guid.NewGuid()}/resolve", new { decision = "dismiss" }),
                HttpStatusCode.NotFound),
            ("an admin's huge message", await admin.PostAsJsonAsync($"{AdminThreads}/{thread}/messages", new { body = huge }), HttpStatusCode.BadRequest),
            ("the seller's page of another seller's thread", await sellerB.GetAsync($"/seller/messages/{thread}"), HttpStatusCode.NotFound),
            ("the customer's page of another customer's thread", await prober.GetAsync($"/account/support/{thread}"), HttpStatusCode.NotFound),
            ("the report page of a stranger's message", await prober.GetAsync($"/support/messages/{victimMessage}/report"), HttpStatusCode.NotFound),
            ("the report page of message -1", await prober.GetAsync("/support/messages/-1/report"), HttpStatusCode.NotFound),
            ("the ask page with an id that is no id", await prober.GetAsync("/account/support/ask-seller?productId=42"), HttpStatusCode.BadRequest),
            ("the ask page about another customer's order", await prober.GetAsync($"/account/support/ask-seller?orderId={victimOrder}&sellerId={sellerId}"), HttpStatusCode.BadRequest),
            ("the admin's page with a mangled highlight", await admin.GetAsync($"/admin/messages/{thread}?message=1e99"), HttpStatusCode.OK),
        ];

        var wrong = new List<string>();
        foreach (var (what, response, expected) in probes)
            if (response.StatusCode != expected)
            {
                var body = await response.Content.ReadAsStringAsync();
                wrong.Add($"{what}: {(int)response.StatusCode} instead of {(int)expected}: {body[..Math.Min(300, body.Length)]}");
            }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        var seen = await victim.GetFromJsonAsync<JsonElement>($"/api/v1/support/conversations/{thread}");
        Assert.Equal(["Private: my address changed."], seen.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
    }

    private static class WebhookEvents
    {
        public const string Created = "support.conversation.created";
        public const string Message = "support.message.created";
    }

    private static string Report(long messageId) => $"/api/v1/support/messages/{messageId}/reports";

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string words)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        var messages = errors.EnumerateObject().Single(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)).Value;
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(words, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<string> SellerIdAsync(HttpClient seller) =>
        (await seller.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString()!;

    private async Task<(string Id, string Title, string VariantId)> ProductAsync(HttpClient seller, string title)
    {
        var product = await catalog.ProductAsync(CatalogClient.Unique(title), categoryId, [CatalogClient.Variant("SM-" + Guid.NewGuid().ToString("N")[..8], 500m, stock: 20)],
            client: seller);
        return (product.GetProperty("id").GetString()!, product.GetProperty("title").GetString()!, product.GetProperty("variants")[0].GetProperty("id").GetString()!);
    }

    private async Task<(string Id, string Number, string[] Products)> OrderAsync(HttpClient customer, params HttpClient[] sellers)
    {
        var products = new List<string>();
        foreach (var seller in sellers)
        {
            var product = await ProductAsync(seller, "Cotton Kurta");
            products.Add(product.Id);
            await customer.AddToCartAsync(Guid.Parse(product.VariantId));
        }
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        return (order.GetProperty("id").GetString()!, order.GetProperty("number").GetString()!, products.ToArray());
    }
}
