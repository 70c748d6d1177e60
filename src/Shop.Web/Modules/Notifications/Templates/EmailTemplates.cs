using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Storefront.Contracts;

namespace Shop.Web.Modules.Notifications.Templates;

/// <param name="TextMessage">The template's "Text message:" line: what an SMS says (null when the template has none).</param>
public sealed record RenderedNotice(string Subject, string Summary, string Text, string Html, string? TextMessage = null);

/// <summary>
/// Renders a kind's Handlebars templates: "{slug}.txt" (headers Subject:, Summary: and, for kinds sent as SMS,
/// "Text message:"; a blank line, then the plain-text body) and "{slug}.html", each inside its "_layout". HTML output is encoded; plain text
/// is not. Other files named "_name.txt" / "_name.html" are partials ({{> name}}) shared by several kinds. Files are
/// re-read when they change, so a shop owner's edit applies to the next message.
/// </summary>
public sealed partial class EmailTemplates
{
    private readonly string directory;
    private readonly StorefrontSettings store;
    private readonly IHandlebars html;
    private readonly IHandlebars text;
    private readonly ConcurrentDictionary<string, (DateTime Stamp, HandlebarsTemplate<object, object> Render)> compiled = new();
    private readonly ConcurrentDictionary<string, DateTime> partials = new();

    public EmailTemplates(IOptions<NotificationOptions> options, IOptions<StorefrontSettings> store, IHostEnvironment environment, Money money)
    {
        directory = Path.GetFullPath(options.Value.TemplateDirectory, environment.ContentRootPath);
        this.store = store.Value;
        html = Handlebars.Create();
        text = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
        foreach (var engine in new[] { html, text })
        {
            engine.RegisterHelper("money", (_, arguments) => arguments.Length > 0 && arguments[0] is not null ? money.Show(System.Convert.ToDecimal(arguments[0])) : "");
            engine.RegisterHelper("url", (_, arguments) => Url(arguments.Length > 0 ? arguments[0]?.ToString() : null));
        }
    }

    public RenderedNotice Render(NotificationKind kind, object model, Recipient to)
    {
        var slug = NotificationKinds.Slug(kind);
        var data = TemplateData.From(model);
        data["shop"] = new Dictionary<string, object?> { ["name"] = store.Name, ["url"] = Url("/"), ["supportEmail"] = store.SupportEmail };
        data["recipient"] = new Dictionary<string, object?> { ["name"] = to.Name, ["email"] = to.Email };
        data["preferencesUrl"] = Url("/account/notifications");

        RegisterPartials(text, ".txt");
        RegisterPartials(html, ".html");
        var (headers, textBody) = SplitHeaders(Template(text, $"{slug}.txt")(data));
        if (!headers.TryGetValue("Subject", out var subject) || subject.Length == 0)
            throw new InvalidOperationException($"The template {slug}.txt has no Subject: line.");
        data["subject"] = subject;
        data["body"] = textBody;
        var fullText = Template(text, "_layout.txt")(data);
        data["body"] = Template(html, $"{slug}.html")(data);
        var fullHtml = Template(html, "_layout.html")(data);
        return new RenderedNotice(subject, headers.GetValueOrDefault("Summary", ""), fullText, fullHtml, headers.GetValueOrDefault("Text message"));
    }

    private string Url(string? path) =>
        path is null ? ""
        : path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? path
        : store.PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    private HandlebarsTemplate<object, object> Template(IHandlebars engine, string file)
    {
        var path = Path.Combine(directory, file);
        var stamp = File.GetLastWriteTimeUtc(path);
        var key = (engine == html ? "html:" : "text:") + path;
        if (compiled.TryGetValue(key, out var cached) && cached.Stamp == stamp)
            return cached.Render;
        if (!File.Exists(path))
            throw new FileNotFoundException($"The email template {file} is missing from {directory}.", path);
        var template = engine.Compile(File.ReadAllText(path));
        compiled[key] = (stamp, template);
        return template;
    }

    private void RegisterPartials(IHandlebars engine, string extension)
    {
        foreach (var path in Directory.EnumerateFiles(directory, "_*" + extension))
        {
            var name = Path.GetFileNameWithoutExtension(path)[1..];
            var stamp = File.GetLastWriteTimeUtc(path);
            if (name == "layout" || (partials.TryGetValue(path, out var known) && known == stamp))
                continue;
            engine.RegisterTemplate(name, File.ReadAllText(path));
            partials[path] = stamp;
        }
    }

    /// <summary>Header lines up to the first blank line; values are single-line (a subject cannot smuggle in headers).</summary>
    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string rendered)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = rendered.Replace("\r\n", "\n").Split('\n');
        var index = 0;
        for (; index < lines.Length && lines[index].Trim().Length > 0; index++)
        {
            var colon = lines[index].IndexOf(':');
            if (colon > 0)
                headers[lines[index][..colon].Trim()] = Whitespace().Replace(lines[index][(colon + 1)..], " ").Trim();
        }
        return (headers, string.Join('\n', lines.Skip(index + 1)).Trim() + "\n");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
