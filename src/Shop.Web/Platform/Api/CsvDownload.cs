using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;
using Shop.Web.Platform.Database;

namespace Shop.Web.Platform.Api;

/// <summary>
/// A CSV file streamed to the response a page of rows at a time: the header leaves at once, each page as soon
/// as it is read, and nothing is kept once written, so a million rows cost the memory of one page.
/// Amounts are written with two decimals, times in UTC (ISO 8601) and (by default) columns and states in snake_case.
/// </summary>
public static class CsvDownload
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>Sends <paramref name="pages"/> as the attachment name-yyyyMMdd.csv; columns are the row's properties in snake_case unless a map is given.</summary>
    public static async Task SendAsync<TRow>(HttpContext context, string name, IAsyncEnumerable<IReadOnlyList<TRow>> pages, ClassMap<TRow>? map = null)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{DateTime.UtcNow:yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false));
        await WriteAsync(writer, pages, map ?? new SnakeCaseMap<TRow>(), context.RequestAborted);
    }

    public static async Task WriteAsync<TRow>(TextWriter writer, IAsyncEnumerable<IReadOnlyList<TRow>> pages, ClassMap<TRow> map, CancellationToken cancellationToken)
    {
        // CsvHelper writes synchronously, so it writes into memory and each page goes on to the response asynchronously.
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        await using var csv = new CsvWriter(buffer, Configuration);
        csv.Context.RegisterClassMap(map);
        csv.Context.TypeConverterOptionsCache.GetOptions<decimal>().Formats = ["0.00"];
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset>().Formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'"];
        csv.WriteHeader<TRow>();
        csv.NextRecord();
        await SendBufferedAsync();
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            csv.WriteRecords(page);
            await SendBufferedAsync();
        }

        async Task SendBufferedAsync()
        {
            csv.Flush();
            var text = buffer.GetStringBuilder();
            foreach (var chunk in text.GetChunks())
                await writer.WriteAsync(chunk, cancellationToken);
            text.Clear();
            await writer.FlushAsync(cancellationToken);
        }
    }
}

/// <summary>Every public property of the row, in declaration order, under its snake_case name, enums in snake_case too; [Ignore] leaves one out.</summary>
public sealed class SnakeCaseMap<TRow> : ClassMap<TRow>
{
    public SnakeCaseMap()
    {
        AutoMap(CultureInfo.InvariantCulture);
        foreach (var member in MemberMaps)
        {
            member.Name(SnakeCaseNames.ToSnakeCase(member.Data.Member!.Name));
            if (member.Data.Type.IsEnum)
                member.TypeConverter(new SnakeCaseEnum());
        }
    }
}

/// <summary>Enum values as the JSON API names them (pending_payment).</summary>
internal sealed class SnakeCaseEnum : DefaultTypeConverter
{
    public override string? ConvertToString(object? value, IWriterRow row, MemberMapData memberMapData) =>
        value is null ? null : SnakeCaseNames.ToSnakeCase(value.ToString()!);
}
