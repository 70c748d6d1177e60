using System.Net;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Platform;

/// <summary>The manifest, icons and service worker as any client (not only a browser) gets them.</summary>
public sealed class InstallableAppEndpointTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task The_worker_is_stamped_with_the_build_and_never_cached()
    {
        var response = await app.CreateClient().GetAsync("/sw.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains($"const VERSION = '{Shop.Web.Platform.InstallableApp.InstallableAppEndpoints.Version}';", script);
        Assert.DoesNotContain("__VERSION__", script);
    }

    [Fact]
    public async Task The_manifest_names_the_shop_and_each_icon_it_lists_is_a_png_of_its_size()
    {
        var client = app.CreateClient();
        var response = await client.GetAsync("/manifest.webmanifest");
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        Assert.False(string.IsNullOrEmpty(manifest.GetProperty("name").GetString()));
        foreach (var icon in manifest.GetProperty("icons").EnumerateArray())
        {
            var png = await client.GetByteArrayAsync(icon.GetProperty("src").GetString());
            var size = int.Parse(icon.GetProperty("sizes").GetString()!.Split('x')[0]);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.Equal((size, size), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)),
                System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4))));
        }
    }

    [Theory]
    [InlineData("/icons/app-100000.png")]
    [InlineData("/icons/app-maskable-abc.png")]
    [InlineData("/icons/app--1.png")]
    [InlineData("/icons/app-%20512.png")]
    [InlineData("/icons/app-..%2F..%2Fsw.png")]
    public async Task Any_other_icon_is_not_found(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
