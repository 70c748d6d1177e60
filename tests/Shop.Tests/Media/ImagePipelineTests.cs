using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NetVips;
using Npgsql;
using Shop.Testing;
using Shop.Web.Platform.Commands;

namespace Shop.Tests.Media;

/// <summary>Uploads through the API as a seller would, and pictures as the pages fetch them.</summary>
public sealed class ImagePipelineTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static MultipartFormDataContent File(byte[] bytes, string name) => new() { { new ByteArrayContent(bytes), "file", name } };

    /// <summary>A phone photo: stored sideways with EXIF orientation 6 (turn 90° clockwise), the camera's make in its metadata; red left, blue right.</summary>
    private static byte[] SidewaysPhoto(string camera = "SpyCam")
    {
        using var red = Image.Black(150, 200) + new double[] { 220, 20, 20 };
        using var blue = Image.Black(150, 200) + new double[] { 20, 20, 220 };
        using var joined = red.Join(blue, Enums.Direction.Horizontal).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = joined.Mutate(m =>
        {
            m.Set(GValue.GIntType, "orientation", 6);
            m.Set(GValue.GStrType, "exif-ifd0-Make", camera);
        });
        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    private async Task<string> UploadAsync(byte[] picture, string name = "photo.jpg")
    {
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        var stored = await CatalogClient.Expect(await seller.PostAsync("/api/v1/media", File(picture, name)), HttpStatusCode.Created);
        return stored.GetProperty("hash").GetString()!;
    }

    [Fact]
    public async Task A_phone_photo_is_turned_upright_and_stripped_of_its_metadata()
    {
        var photo = SidewaysPhoto();
        using (var original = Image.NewFromBuffer(photo))
            Assert.Contains("exif-data", original.GetFields()); // the upload really carries EXIF

        var hash = await UploadAsync(photo);

        var served = await app.CreateClient().GetByteArrayAsync($"/media/{hash}");
        using var upright = Image.NewFromBuffer(served);
        Assert.Equal((200, 300), (upright.Width, upright.Height));
        Assert.True(upright.Getpoint(100, 40)[0] > 150, "the left of the photo is now its top: red");
        Assert.True(upright.Getpoint(100, 260)[2] > 150, "and its right the bottom: blue");
        Assert.DoesNotContain("exif-data", upright.GetFields());
        Assert.DoesNotContain("SpyCam", Encoding.Latin1.GetString(served));
        foreach (var rendition in new[] { "160.webp", "640", "1280.webp" })
            Assert.DoesNotContain("SpyCam", Encoding.Latin1.GetString(await app.CreateClient().GetByteArrayAsync($"/media/{hash}/{rendition}")));
    }

    [Fact]
    public async Task Every_width_is_served_as_webp_and_as_the_pictures_own_format_never_enlarged()
    {
        var hash = await UploadAsync(TestPictures.Png(500, 400, 11), "drawing.png");
        var client = app.CreateClient();

        foreach (var (rendition, type, width) in new[] { ("160.webp", "image/webp", 160), ("320", "image/png", 320), ("640.webp", "image/webp", 500), ("1280", "image/png", 500) })
        {
            var response = await client.GetAsync($"/media/{hash}/{rendition}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
            using var image = Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(width, image.Width);
            Assert.Equal(width * 400 / 500, image.Height, tolerance: 1);
        }
        foreach (var wrong in new[] { "999", "160.gif", "abc", "-160", "160.webp.webp", "0" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{hash}/{wrong}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{new string('b', 64)}/160.webp")).StatusCode);
    }

    [Fact]
    public async Task A_decompression_bomb_and_a_damaged_file_are_refused_with_a_reason()
    {
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        // 5,000 × 5,000 black pixels: a small file that would take 75 MB to decode.
        using var black = Image.Black(5000, 5000);
        var bomb = black.PngsaveBuffer(compression: 9);
        var photo = SidewaysPhoto();
        // Headers intact, the picture itself cut off: everything from the start of scan (FF DA) on is missing.
        var truncated = photo[..photo.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA])];

        var refusedBomb = await seller.PostAsync("/api/v1/media", File(bomb, "bomb.png"));
        var refusedTruncated = await seller.PostAsync("/api/v1/media", File(truncated, "cut.jpg"));

        Assert.Equal(HttpStatusCode.BadRequest, refusedBomb.StatusCode);
        // Numbers follow the shop's culture, en-IN, which groups digits in lakhs and crores.
        Assert.Contains("2,50,00,000 pixels", (await refusedBomb.JsonAsync()).GetProperty("errors").GetProperty("File")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refusedTruncated.StatusCode);
        Assert.Contains("damaged", (await refusedTruncated.JsonAsync()).GetProperty("errors").GetProperty("File")[0].GetString());
    }

    [Fact]
    public async Task Pictures_kept_before_the_pipeline_are_converted_by_the_command_and_on_first_request()
    {
        var (first, second) = (SidewaysPhoto("OldCam"), TestPictures.Png(300, 300, 5));
        var hashes = new[] { Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(first)), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(second)) };
        await using (var db = new NpgsqlConnection(app.ConnectionString))
        {
            await db.ExecuteAsync("""
                INSERT INTO media.files (hash, content_type, extension, width, height, size_bytes, content, created_at, prepared)
                VALUES (@hash, 'image/jpeg', 'jpg', 300, 200, length(@content), @content, now(), false)
                """, new[] { new { hash = hashes[0], content = first }, new { hash = hashes[1], content = second } });
        }

        // A page asks for a rendition of the second before anyone ran the command.
        using (var onDemand = Image.NewFromBuffer(await app.CreateClient().GetByteArrayAsync($"/media/{hashes[1]}/160.webp")))
            Assert.Equal(160, onDemand.Width);
        var output = new StringWriter();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetServices<IShopCommand>().Single(c => c.Name == "media-convert").RunAsync([], output, CancellationToken.None);

        Assert.Contains("Pictures converted: 1.", output.ToString());
        await using var check = new NpgsqlConnection(app.ConnectionString);
        var files = (await check.QueryAsync<(string Hash, bool Prepared, int Width, int Height, int Renditions)>("""
            SELECT f.hash, f.prepared, f.width, f.height, (SELECT count(*)::int FROM media.renditions r WHERE r.hash = f.hash)
              FROM media.files f WHERE f.hash = ANY(@hashes) ORDER BY f.hash = @first DESC
            """, new { hashes, first = hashes[0] })).ToList();
        Assert.Equal([(hashes[0], true, 200, 300, 8), (hashes[1], true, 300, 300, 8)], files);
        Assert.DoesNotContain("OldCam", Encoding.Latin1.GetString(await app.CreateClient().GetByteArrayAsync($"/media/{hashes[0]}")));
    }
}
