using Microsoft.Playwright;
using Shop.Testing;
using Shop.Web.Platform.Media;

namespace Shop.BrowserTests;

/// <summary>Call me back and attachments in Chromium, at desktop and phone widths: the forms, their refusals, and support's call-back list.</summary>
public sealed class SupportCallbackJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    [Fact]
    public async Task A_guest_books_a_call_back_from_the_support_page_and_support_records_that_nobody_answered()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync("/support");
        await page.GetByTestId("support-doors").WaitForAsync();
        Assert.Equal(1, await page.GetByTestId("chat-link").CountAsync());
        Assert.Equal(1, await page.GetByTestId("contact-form-link").CountAsync());
        await Screenshot(page, "support-doors.png");
        await page.GetByRole(AriaRole.Link, new() { Name = "Call me back" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Call me back", Exact = true }).WaitForAsync();

        await page.Locator("main").GetByLabel("Phone number").FillAsync("98765 43210");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book the call" }).ClickAsync();
        await page.GetByText("Choose when we should call.").WaitForAsync();
        await page.GetByText("Choose what the call is about.").WaitForAsync();
        await page.Locator("main").GetByLabel("When should we call?").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("main").GetByLabel("What is it about?").SelectOptionAsync(new SelectOptionValue { Label = "Payment" });
        await page.Locator("main").GetByLabel("Your name").FillAsync("Ravi Kumar");
        await page.Locator("main").GetByLabel("Your email").FillAsync(ApiClient.NewEmail("caller"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Book the call" }).ClickAsync();
        await page.GetByText("Start with + and your country code").WaitForAsync();
        await Screenshot(page, "support-callback-refused.png");
        await page.Locator("main").GetByLabel("Phone number").FillAsync("+91 98765 43210");
        await page.Locator("main").GetByLabel("When should we call?").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("main").GetByLabel("Anything we should know first? (optional)").FillAsync("About the refund for my last order.");
        await Screenshot(page, "support-callback.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book the call" }).ClickAsync();
        await page.GetByText("Your call-back is booked.").WaitForAsync();
        Assert.Contains("access=", page.Url);
        Assert.Contains("About the refund", await page.Locator("main").InnerTextAsync());
        Assert.Contains("+919876543210", await page.GetByTestId("callback-details").InnerTextAsync());
        await Screenshot(page, "support-callback-booked.png");

        var (phone, phoneErrors) = await browser.NewPageAsync(390, 844);
        foreach (var (path, name) in new[] { ("/support", "support-doors-phone.png"), ("/support/callback", "support-callback-phone.png"), (page.Url, "support-callback-booked-phone.png") })
        {
            await phone.GotoAsync(path);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), $"{path} is wider than the phone");
            await Screenshot(phone, name);
        }

        var (_, agentEmail) = await browser.Shop.SignedInClientAsync("agent", "support");
        var (agent, agentErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(agent, agentEmail);
        await agent.GotoAsync("/support/callbacks");
        var card = agent.GetByTestId("callback").Filter(new() { HasText = "Ravi Kumar" });
        await card.WaitForAsync();
        Assert.Contains("+919876543210", await card.InnerTextAsync());
        Assert.True(await agent.Locator("main a[href='/support/console']").CountAsync() >= 1);
        await Screenshot(agent, "support-callbacks.png");
        await card.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = "No answer" });
        await card.GetByLabel("Notes (support only)").FillAsync("Rang twice, voicemail full");
        await card.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await agent.GetByText("The outcome was recorded in the conversation.").WaitForAsync();
        Assert.Contains("No answer", await agent.GetByTestId("callback").Filter(new() { HasText = "Ravi Kumar" }).InnerTextAsync());
        await agent.GetByTestId("callback").Filter(new() { HasText = "Ravi Kumar" }).GetByRole(AriaRole.Link, new() { Name = "Open the conversation" }).ClickAsync();
        var details = await agent.GetByTestId("callback-details").InnerTextAsync();
        Assert.Contains("+919876543210", details);
        Assert.Contains("No answer", details);
        await agent.GotoAsync("/support/callbacks");

        await page.ReloadAsync();
        var thread = await page.Locator("main").InnerTextAsync();
        Assert.Contains("nobody answered", thread);
        Assert.DoesNotContain("voicemail", thread);

        var (agentPhone, agentPhoneErrors) = await browser.NewPageAsync(390, 844);
        await SignIn.AsAsync(agentPhone, agentEmail);
        await agentPhone.GotoAsync("/support/callbacks");
        Assert.True(await agentPhone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "/support/callbacks is wider than the phone");
        await Screenshot(agentPhone, "support-callbacks-phone.png");
        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
        Assert.Empty(agentErrors);
        Assert.Empty(agentPhoneErrors);
    }

    [Fact]
    public async Task A_guest_attaches_a_photo_on_the_contact_form_and_a_forged_file_is_refused_with_its_name()
    {
        var photo = PngWriter.Encode(160, 120, Enumerable.Range(0, 160 * 120 * 3).Select(i => (byte)(i % 251)).ToArray());
        foreach (var (width, suffix) in new[] { (1366, ""), (390, "-phone") })
        {
            var (page, errors) = await browser.NewPageAsync(width, 900);
            await page.GotoAsync("/contact");
            await page.Locator("main").GetByLabel("What is it about?").SelectOptionAsync(new SelectOptionValue { Label = "Returns and refunds" });
            await page.Locator("main").GetByLabel("Message").FillAsync("The kurta arrived torn; photo attached.");
            await page.Locator("main").GetByLabel("Your name").FillAsync("Meera Iyer");
            await page.Locator("main").GetByLabel("Your email").FillAsync(ApiClient.NewEmail("attach"));
            await page.Locator("main").GetByLabel("Pictures or PDFs (optional)").SetInputFilesAsync(new FilePayload { Name = "invoice.pdf", MimeType = "application/pdf", Buffer = "<html>not a pdf</html>"u8.ToArray() });
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await page.GetByText("invoice.pdf is not a JPEG, PNG or WebP picture or a PDF.").WaitForAsync();
            await Screenshot(page, $"support-contact-attachment-refused{suffix}.png");

            await page.Locator("main").GetByLabel("Pictures or PDFs (optional)").SetInputFilesAsync(new FilePayload { Name = "torn kurta.png", MimeType = "image/png", Buffer = photo });
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await page.GetByText("Thank you! We received your question").WaitForAsync();
            var link = page.GetByTestId("attachment");
            Assert.Equal("torn kurta.png", await link.InnerTextAsync());
            var href = await link.GetAttributeAsync("href");
            Assert.Contains("access=", href);
            var status = await page.EvaluateAsync<int>("async url => (await fetch(url)).status", href);
            Assert.Equal(200, status);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "the conversation is wider than the window");
            await Screenshot(page, $"support-contact-attachment{suffix}.png");
            Assert.Empty(errors);
        }
    }
}
