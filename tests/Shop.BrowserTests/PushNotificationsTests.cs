using System.Text.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>
/// Push notifications in a real Chromium: the settings page offers to turn them on for this device, and the
/// shop's service worker shows a push it receives as a notification that leads to its page.
/// </summary>
public sealed class PushNotificationsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_settings_page_offers_push_per_kind_and_a_push_shows_as_a_notification_that_opens_its_page()
    {
        var email = ApiClient.NewEmail("push");
        await browser.Shop.RegisterConfirmedAsync(email);
        await using var phone = await browser.BrowserWithProfileAsync(390, 844);
        await phone.GrantPermissionsAsync(["notifications"]);
        var page = phone.Pages.FirstOrDefault() ?? await phone.NewPageAsync();
        await SignIn.AsAsync(page, email);
        await page.GotoAsync("/account/notifications");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

        var preferences = page.GetByTestId("preferences");
        Assert.True(await preferences.GetByRole(AriaRole.Checkbox, new() { Name = "Order shipped as a push notification" }).IsCheckedAsync());
        Assert.Equal(0, await preferences.GetByRole(AriaRole.Checkbox, new() { Name = "Order placed as a push notification" }).CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on notifications on this device" }).WaitForAsync();
        await page.GetByTestId("no-push-devices").WaitForAsync();
        await Screenshots.AtBothWidthsAsync(page, "notification-settings");

        // Per-kind choice, saved without JavaScript's help.
        await preferences.GetByRole(AriaRole.Checkbox, new() { Name = "Refund issued as a push notification" }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save choices" }).ClickAsync();
        await page.GetByText("Your choices were saved.").WaitForAsync();
        Assert.False(await page.GetByTestId("preferences").GetByRole(AriaRole.Checkbox, new() { Name = "Refund issued as a push notification" }).IsCheckedAsync());
        Assert.True(await page.GetByTestId("preferences").GetByRole(AriaRole.Checkbox, new() { Name = "Order delivered as a push notification" }).IsCheckedAsync());

        // A push as the browser's push service hands it to the worker.
        var cdp = await phone.NewCDPSessionAsync(page);
        var registrations = new List<JsonElement>();
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, update) =>
        {
            if (update is { } value)
                lock (registrations) registrations.AddRange(value.GetProperty("registrations").EnumerateArray().Select(r => r.Clone()));
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var registration = await Eventually.GetAsync(() => Task.FromResult(Registrations().FirstOrDefault(r => !r.GetProperty("isDeleted").GetBoolean())),
            r => r.ValueKind == JsonValueKind.Object, "the service worker's registration");
        var origin = browser.Shop.ServerAddress.GetLeftPart(UriPartial.Authority);
        var push = new Dictionary<string, object>
        {
            ["origin"] = origin,
            ["registrationId"] = registration.GetProperty("registrationId").GetString()!,
            ["data"] = JsonSerializer.Serialize(new { title = "Your order SH-2026-PUSH0001 is shipped", body = "Blue Dart, tracking BD-1", url = "/orders", tag = "order-shipped" }),
        };
        // A worker that is just starting may miss a push, as with a real push service, which delivers again;
        // the tag makes a repeated push replace the notification, so one is shown whatever the number of tries.
        var sinceDelivery = System.Diagnostics.Stopwatch.StartNew();
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", push);
        var shown = await Eventually.GetAsync(async () =>
            {
                var all = await page.EvaluateAsync<JsonElement>("() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(all => all.map(n => ({ title: n.title, body: n.body, url: n.data.url })))");
                if (all.GetArrayLength() == 0 && sinceDelivery.Elapsed > TimeSpan.FromSeconds(3))
                {
                    await cdp.SendAsync("ServiceWorker.deliverPushMessage", push);
                    sinceDelivery.Restart();
                }
                return all;
            },
            all => all.GetArrayLength() > 0, "the notification");
        var notification = shown.EnumerateArray().Single();
        Assert.Equal(("Your order SH-2026-PUSH0001 is shipped", "Blue Dart, tracking BD-1", "/orders"),
            (notification.GetProperty("title").GetString(), notification.GetProperty("body").GetString(), notification.GetProperty("url").GetString()));

        List<JsonElement> Registrations()
        {
            lock (registrations) return [.. registrations];
        }
    }
}
