using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Shop.Testing;
using Shop.Web.Platform.Media;

namespace Shop.Tests.Catalog;

public sealed class MediaTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static MultipartFormDataContent File(byte[] bytes, string name) => new() { { new ByteArrayContent(bytes), "file", name } };

    [Fact]
    public async Task A_real_image_is_stored_once_and_served_with_immutable_caching()
    {
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        var png = TestPictures.Png(320, 240, 7);

        var first = await CatalogClient.Expect(await seller.PostAsync("/api/v1/media", File(png, "a.png")), HttpStatusCode.Created);
        var second = await CatalogClient.Expect(await seller.PostAsync("/api/v1/media", File(png, "renamed.jpg")), HttpStatusCode.Created);

        Assert.Equal(first.GetProperty("hash").GetString(), second.GetProperty("hash").GetString());
        Assert.Equal(320, first.GetProperty("width").GetInt32());
        Assert.Equal(240, first.GetProperty("height").GetInt32());
        var served = await app.CreateClient().GetAsync(first.GetProperty("url").GetString());
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        using (var image = NetVips.Image.NewFromBuffer(await served.Content.ReadAsByteArrayAsync()))
            Assert.Equal((320, 240), (image.Width, image.Height));
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString());
        var conditional = new HttpRequestMessage(HttpMethod.Get, first.GetProperty("url").GetString());
        conditional.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await app.CreateClient().SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Uploads_are_judged_by_content_size_and_dimensions()
    {
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");
        var tiny = TestPictures.Png(40, 40, 3);
        var huge = new byte[6 * 1024 * 1024];
        TestPictures.Png(200, 200, 4).CopyTo(huge, 0);

        var notAnImage = await seller.PostAsync("/api/v1/media", File(html, "photo.png"));
        var tooSmall = await seller.PostAsync("/api/v1/media", File(tiny, "tiny.png"));
        var tooLarge = await seller.PostAsync("/api/v1/media", File(huge, "huge.png"));

        Assert.Contains("not a JPEG, PNG or WebP", (await notAnImage.JsonAsync()).GetProperty("errors").GetProperty("File")[0].GetString());
        Assert.Contains("at least 100×100", (await tooSmall.JsonAsync()).GetProperty("errors").GetProperty("File")[0].GetString());
        Assert.True(tooLarge.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/api/v1/media", File(tiny, "x.png"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/media/" + new string('a', 64))).StatusCode);
    }
}
