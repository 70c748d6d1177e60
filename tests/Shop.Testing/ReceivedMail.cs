using System.Text;
using System.Text.RegularExpressions;

namespace Shop.Testing;

/// <summary>
/// A delivered message read back from its raw RFC 5322 text, as a person's mail program would:
/// headers, encoded words, quoted-printable and base64 parts, multipart/alternative.
/// </summary>
public sealed partial record ReceivedMail(string To, string From, string Subject, string Text, string? Html)
{
    public static ReceivedMail Parse(string raw)
    {
        var (headers, body) = SplitHeaders(raw);
        var text = "";
        string? html = null;
        foreach (var (partHeaders, partBody) in Parts(headers, body))
        {
            var content = Decode(partHeaders, partBody);
            if (Header(partHeaders, "Content-Type").StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
                html = content;
            else
                text = content;
        }
        return new ReceivedMail(DecodeWords(Header(headers, "To")), DecodeWords(Header(headers, "From")), DecodeWords(Header(headers, "Subject")), text, html);
    }

    /// <summary>The first link in the text that goes to <paramref name="path"/>, as a relative URL.</summary>
    public string LinkTo(string path)
    {
        var match = Regex.Match(Text, $@"https?://[^\s/]+(?<relative>{Regex.Escape(path)}[^\s]*)");
        return match.Success ? match.Groups["relative"].Value : throw new InvalidOperationException($"No link to {path} in:\n{Text}");
    }

    private static (string Headers, string Body) SplitHeaders(string raw)
    {
        raw = raw.Replace("\r\n", "\n");
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        return split < 0 ? (raw, "") : (raw[..split], raw[(split + 2)..]);
    }

    private static IEnumerable<(string Headers, string Body)> Parts(string headers, string body)
    {
        var boundary = Regex.Match(Header(headers, "Content-Type"), "boundary=\"?(?<b>[^\";]+)\"?");
        if (!boundary.Success)
        {
            yield return (headers, body);
            yield break;
        }
        var marker = "--" + boundary.Groups["b"].Value;
        foreach (var chunk in body.Split(marker).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
                break;
            var (partHeaders, partBody) = SplitHeaders(chunk.TrimStart('\n'));
            foreach (var nested in Parts(partHeaders, partBody))
                yield return nested;
        }
    }

    private static string Decode(string headers, string body)
    {
        var encoding = Header(headers, "Content-Transfer-Encoding").ToLowerInvariant();
        var decoded = encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n', StringSplitOptions.TrimEntries)))),
            "quoted-printable" => QuotedPrintable(body),
            _ => body,
        };
        return decoded.TrimEnd('\n');
    }

    private static string QuotedPrintable(string body)
    {
        var joined = body.Replace("=\n", "");
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string Header(string headers, string name)
    {
        var unfolded = Regex.Replace(headers, @"\n[ \t]+", " ");
        var match = Regex.Match(unfolded, $@"^{Regex.Escape(name)}:\s*(?<v>.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value.Trim() : "";
    }

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<enc>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();

    /// <summary>RFC 2047: only the space between two encoded words is folding; beside plain text it is part of the text.</summary>
    [GeneratedRegex(@"(?<=\?=)\s+(?==\?[^?]+\?[BbQq]\?)")]
    private static partial Regex SpaceBetweenEncodedWords();

    private static string DecodeWords(string value) => EncodedWord().Replace(SpaceBetweenEncodedWords().Replace(value, ""), m =>
        m.Groups["enc"].Value is "B" or "b"
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["text"].Value))
            : QuotedPrintable(m.Groups["text"].Value.Replace('_', ' ')));
}
