namespace Shop.Web.Modules.Notifications.Push;

/// <summary>"Chrome on Android" from a User-Agent header: enough for people to tell their devices apart.</summary>
public static class DeviceName
{
    private static readonly (string Token, string Name)[] Browsers =
        [("Edg/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")];

    private static readonly (string Token, string Name)[] Systems =
        [("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("Mac OS X", "Mac"), ("CrOS", "ChromeOS"), ("Linux", "Linux")];

    public static string Of(string? userAgent)
    {
        var browser = Browsers.FirstOrDefault(b => userAgent?.Contains(b.Token, StringComparison.Ordinal) == true).Name ?? "A browser";
        var system = Systems.FirstOrDefault(s => userAgent?.Contains(s.Token, StringComparison.Ordinal) == true).Name;
        return system is null ? browser : $"{browser} on {system}";
    }
}
