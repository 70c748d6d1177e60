using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Shop.Testing;

namespace Shop.Tests.Architecture;

/// <summary>
/// Every NuGet package the solution's projects resolve, directly or through another package, is under a
/// licence that lets anyone run, change and sell the shop without opening their own code. A copyleft
/// licence, or one this test does not know, fails here and names the package.
/// </summary>
public sealed partial class PackageLicenceTests
{
    private static readonly HashSet<string> Permissive =
        ["MIT", "MIT-0", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "PostgreSQL", "Zlib", "0BSD", "Unlicense"];

    private static readonly string[] Copyleft =
        ["GPL", "AGPL", "LGPL", "MPL", "EUPL", "SSPL", "CC-BY-SA", "EPL", "CDDL", "OSL", "MS-RL", "CPAL"];

    // Older packages name a URL instead of an SPDX expression: what each of these URLs holds.
    private static readonly Dictionary<string, string> LicenceUrls = new()
    {
        ["https://raw.githubusercontent.com/bchavez/Bogus/master/LICENSE"] = "MIT",
        ["https://raw.githubusercontent.com/xunit/xunit/master/license.txt"] = "Apache-2.0",
    };

    // Packages that carry their licence as a file: the licence its opening words name.
    private static readonly (string Opening, string Licence)[] LicenceFileOpenings =
    [
        ("Apache License Version 2.0", "Apache-2.0"),
        ("MIT License", "MIT"),
    ];

    // Copyleft accepted after a look at how the shop uses the package: package id (and its per-platform
    // packages, "id.rid"), the licence accepted, and why it binds nothing else.
    private static readonly (string Id, string Licence, string Why)[] Accepted =
    [
        ("NetVips.Native", "LGPL-3.0-or-later",
            "libvips ships as its own shared library, loaded at run time and replaceable by the user, which is all the LGPL asks of a program using it"),
    ];

    [Fact]
    public void Every_resolved_package_has_a_licence_that_keeps_the_shop_free_to_use_and_sell()
    {
        var packages = ResolvedPackages();

        Assert.Contains(packages, p => p.Id == "PDFsharp");
        var refused = packages
            .Select(p => (p.Id, p.Version, p.Licence, Verdict: VerdictFor(p.Id, p.Licence)))
            .Where(p => p.Verdict != Verdict.Permissive)
            .Select(p => p.Verdict == Verdict.Copyleft
                ? $"{p.Id} {p.Version} is under the copyleft licence {p.Licence}"
                : $"{p.Id} {p.Version} names a licence this test does not know ({p.Licence}): check it, then list it here")
            .Distinct().Order().ToList();
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }

    [Theory]
    [InlineData("MIT", Verdict.Permissive)]
    [InlineData("MS-PL OR Apache-2.0", Verdict.Permissive)]
    [InlineData("(LGPL-2.1-only OR MIT) AND BSD-3-Clause", Verdict.Permissive)]
    [InlineData("AGPL-3.0-only", Verdict.Copyleft)]
    [InlineData("GPL-2.0-or-later WITH Classpath-exception-2.0", Verdict.Copyleft)]
    [InlineData("MIT AND MPL-2.0", Verdict.Copyleft)]
    [InlineData("CC-BY-SA-4.0", Verdict.Copyleft)]
    [InlineData("MS-PL", Verdict.Unknown)]
    [InlineData("MIT OR", Verdict.Unknown)]
    [InlineData("url https://example.com/licence.txt", Verdict.Unknown)]
    public void Licence_expressions_are_judged_by_their_most_permissive_choice(string expression, Verdict expected) =>
        Assert.Equal(expected, Judge(expression));

    public enum Verdict { Permissive, Unknown, Copyleft }

    private static Verdict VerdictFor(string id, string licence) =>
        Accepted.Any(a => (id == a.Id || id.StartsWith(a.Id + ".", StringComparison.Ordinal)) && licence == a.Licence)
            ? Verdict.Permissive
            : Judge(licence);

    private static Verdict Judge(string expression)
    {
        var tokens = new Queue<string>(Token().Matches(expression).Select(m => m.Value));
        try
        {
            var verdict = Either(tokens);
            return tokens.Count == 0 ? verdict : Verdict.Unknown;
        }
        catch (InvalidOperationException)
        {
            return Verdict.Unknown;
        }
    }

    // SPDX: "OR" lets the user choose, so the best choice counts; "AND" binds to all, so the worst counts.
    private static Verdict Either(Queue<string> tokens)
    {
        var verdict = Both(tokens);
        while (tokens.TryPeek(out var next) && next == "OR")
        {
            tokens.Dequeue();
            verdict = (Verdict)Math.Min((int)verdict, (int)Both(tokens));
        }
        return verdict;
    }

    private static Verdict Both(Queue<string> tokens)
    {
        var verdict = Single(tokens);
        while (tokens.TryPeek(out var next) && next == "AND")
        {
            tokens.Dequeue();
            verdict = (Verdict)Math.Max((int)verdict, (int)Single(tokens));
        }
        return verdict;
    }

    private static Verdict Single(Queue<string> tokens)
    {
        var token = tokens.Dequeue();
        if (token == "(")
        {
            var inner = Either(tokens);
            return tokens.Dequeue() == ")" ? inner : Verdict.Unknown;
        }
        if (tokens.TryPeek(out var next) && next == "WITH")
        {
            tokens.Dequeue();
            tokens.Dequeue();
        }
        var id = token.TrimEnd('+');
        if (Copyleft.Any(family => id.StartsWith(family + "-", StringComparison.OrdinalIgnoreCase) || id.Equals(family, StringComparison.OrdinalIgnoreCase)))
            return Verdict.Copyleft;
        return Permissive.Contains(id) ? Verdict.Permissive : Verdict.Unknown;
    }

    private sealed record Package(string Id, string Version, string Licence);

    private static List<Package> ResolvedPackages()
    {
        var projects = XDocument.Load(Path.Combine(SourceTree.Root, "Shop.slnx"))
            .Descendants("Project").Select(p => (string)p.Attribute("Path")!).ToList();
        Assert.NotEmpty(projects);
        return projects.SelectMany(PackagesOf).ToList();
    }

    private static IEnumerable<Package> PackagesOf(string project)
    {
        var assetsFile = Path.Combine(SourceTree.Root, Path.GetDirectoryName(project)!, "obj", "project.assets.json");
        Assert.True(File.Exists(assetsFile), $"{assetsFile} is missing: restore the solution (dotnet restore Shop.slnx) first.");
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        var packageFolders = assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(f => f.Name).ToList();
        foreach (var library in assets.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package")
                continue;
            var nuspec = library.Value.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).Single(f => f.EndsWith(".nuspec", StringComparison.Ordinal));
            var nuspecFile = packageFolders.Select(folder => Path.Combine(folder, library.Value.GetProperty("path").GetString()!, nuspec)).First(File.Exists);
            var (id, version) = (library.Name.Split('/')[0], library.Name.Split('/')[1]);
            yield return new Package(id, version, LicenceOf(XDocument.Load(nuspecFile), Path.GetDirectoryName(nuspecFile)!));
        }
    }

    private static string LicenceOf(XDocument nuspec, string packageFolder)
    {
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        var licence = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "license");
        if (licence is not null && (string?)licence.Attribute("type") == "expression")
            return licence.Value.Trim();
        if (licence is not null && (string?)licence.Attribute("type") == "file" && LicenceInFile(Path.Combine(packageFolder, licence.Value.Trim())) is { } inFile)
            return inFile;
        var url = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "licenseUrl")?.Value.Trim();
        return url is not null && LicenceUrls.TryGetValue(url, out var known)
            ? known
            : $"url {url ?? "none"}{(licence is null ? "" : $", {licence.Attribute("type")?.Value} {licence.Value}")}";
    }

    private static string? LicenceInFile(string file)
    {
        if (!File.Exists(file))
            return null;
        var opening = string.Join(' ', File.ReadAllText(file).Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Take(8));
        return LicenceFileOpenings.FirstOrDefault(known => opening.StartsWith(known.Opening, StringComparison.Ordinal)).Licence;
    }

    [GeneratedRegex(@"\(|\)|[^\s()]+")]
    private static partial Regex Token();
}
