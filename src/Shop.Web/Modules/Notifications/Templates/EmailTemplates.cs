using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Sending;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Notifications.Templates;

/// <param name="TextMessage">The template's "Text message:" line: what an SMS says (null when the template has none).</param>
public sealed record RenderedNotice(string Subject, string Summary, string Text, string Html, string? TextMessage = null);

/// <summary>
/// Renders a kind's Handlebars templates: "{slug}.txt" (headers Subject:, Summary: and, for kinds sent as SMS,
/// "Text message:"; a blank line, then the plain-text body) and "{slug}.html", each inside its "_layout". HTML output is encoded; plain text
/// is not. Other files named "_name.txt" / "_name.html" are partials ({{> name}}) shared by several kinds. Files are
/// re-read when they change, so a shop owner's edit applies to the next message. A language's folder ("hi/")
/// holds its versions of any of these files; a file it lacks comes from the default folder. Money, dates and
/// {{t "text"}} follow the recipient's language.
/// </summary>
public sealed partial class EmailTemplates
{
    private readonly string directory;
    private readonly StorefrontSettings store;
    private readonly Money money;
    private readonly IStringLocalizer<Strings> texts;
    private readonly ConcurrentDictionary<string, Engines> engines = new();
    private readonly ConcurrentDictionary<string, (DateTime Stamp, HandlebarsTemplate<object, object> Render)> compiled = new();

    /// <summary>One language's pair of engines (HTML-encoding and plain), each with the partials it last registered.</summary>
    private sealed record Engines(IHandlebars Html, IHandlebars Text, ConcurrentDictionary<string, DateTime> Partials);

    public EmailTemplates(IOptions<NotificationOptions> options, IOptions<StorefrontSettings> store, IHostEnvironment environment, Money money, IStringLocalizer<Strings> texts)
    {
        directory = Path.GetFullPath(options.Value.TemplateDirectory, environment.ContentRootPath);
        this.store = store.Value;
        this.money = money;
        this.texts = texts;
    }

    public RenderedNotice Render(NotificationKind kind, object model, Recipient to)
    {
        var language = ShopLanguages.Find(to.Language) ?? ShopLanguages.Default;
        return ShopLanguages.In(language, () => Render(kind, model, to, language));
    }

    private RenderedNotice Render(NotificationKind kind, object model, Recipient to, ShopLanguage language)
    {
        var slug = NotificationKinds.Slug(kind);
        var data = TemplateData.From(model);
        data["shop"] = new Dictionary<string, object?> { ["name"] = store.Name, ["url"] = Url("/"), ["supportEmail"] = store.SupportEmail };
        data["recipient"] = new Dictionary<string, object?> { ["name"] = to.Name, ["email"] = to.Email };
        data["preferencesUrl"] = Url("/account/notifications");

        var (html, text) = EnginesFor(language);
        var (headers, textBody) = SplitHeaders(Template(text, language, $"{slug}.txt")(data));
        if (!headers.TryGetValue("Subject", out var subject) || subject.Length == 0)
            throw new InvalidOperationException($"The template {slug}.txt has no Subject: line.");
        data["subject"] = subject;
        data["body"] = textBody;
        var fullText = Template(text, language, "_layout.txt")(data);
        data["body"] = Template(html, language, $"{slug}.html")(data);
        var fullHtml = Template(html, language, "_layout.html")(data);
        return new RenderedNotice(subject, headers.GetValueOrDefault("Summary", ""), fullText, fullHtml, headers.GetValueOrDefault("Text message"));
    }

    private string Url(string? path) =>
        path is null ? ""
        : path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? path
        : store.PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    private (IHandlebars Html, IHandlebars Text) EnginesFor(ShopLanguage language)
    {
        var pair = engines.GetOrAdd(language.Code, _ =>
        {
            var created = new Engines(Handlebars.Create(), Handlebars.Create(new HandlebarsConfiguration { NoEscape = true }), new());
            foreach (var engine in new[] { created.Html, created.Text })
            {
                engine.RegisterHelper("money", (_, arguments) => arguments.Length > 0 && arguments[0] is not null ? money.Show(System.Convert.ToDecimal(arguments[0])) : "");
                engine.RegisterHelper("url", (_, arguments) => Url(arguments.Length > 0 ? arguments[0]?.ToString() : null));
                engine.RegisterHelper("t", (_, arguments) => arguments.Length > 0 && arguments[0]?.ToString() is { } key ? texts[key].Value : "");
            }
            return created;
        });
        RegisterPartials(pair.Text, pair.Partials, language, ".txt");
        RegisterPartials(pair.Html, pair.Partials, language, ".html");
        return (pair.Html, pair.Text);
    }

    /// <summary>The language's own file when its folder has one, else the default.</summary>
    private string PathOf(ShopLanguage language, string file)
    {
        var own = Path.Combine(directory, language.Code, file);
        return language != ShopLanguages.Default && File.Exists(own) ? own : Path.Combine(directory, file);
    }

    private HandlebarsTemplate<object, object> Template(IHandlebars engine, ShopLanguage language, string file)
    {
        var path = PathOf(language, file);
        var stamp = File.GetLastWriteTimeUtc(path);
        var key = $"{language.Code}:{(file.EndsWith(".html", StringComparison.Ordinal) ? "html" : "text")}:{path}";
        if (compiled.TryGetValue(key, out var cached) && cached.Stamp == stamp)
            return cached.Render;
        if (!File.Exists(path))
            throw new FileNotFoundException($"The email template {file} is missing from {directory}.", path);
        var template = engine.Compile(File.ReadAllText(path));
        compiled[key] = (stamp, template);
        return template;
    }

    private void RegisterPartials(IHandlebars engine, ConcurrentDictionary<string, DateTime> registered, ShopLanguage language, string extension)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "_*" + extension).Select(Path.GetFileName))
        {
            var name = Path.GetFileNameWithoutExtension(file)![1..];
            var path = PathOf(language, file!);
            var stamp = File.GetLastWriteTimeUtc(path);
            if (name == "layout" || (registered.TryGetValue(path, out var known) && known == stamp))
                continue;
            engine.RegisterTemplate(name, File.ReadAllText(path));
            registered[path] = stamp;
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
