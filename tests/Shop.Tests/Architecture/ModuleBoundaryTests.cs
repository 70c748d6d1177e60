using System.Text.RegularExpressions;

namespace Shop.Tests.Architecture;

/// <summary>A module may use another module only through that module's Contracts namespace.</summary>
public sealed partial class ModuleBoundaryTests
{
    [GeneratedRegex(@"Shop\.Web\.Modules\.(?<module>\w+)(?<rest>(\.\w+)*)")]
    private static partial Regex ModuleNamespace();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Shop.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Shop.slnx not found above the test output.");
    }

    [Fact]
    public void Modules_reach_each_other_only_through_contracts()
    {
        var modulesRoot = Path.Combine(RepositoryRoot(), "src", "Shop.Web", "Modules");
        var violations = new List<string>();
        foreach (var moduleDirectory in Directory.GetDirectories(modulesRoot))
        {
            var module = Path.GetFileName(moduleDirectory);
            foreach (var file in Directory.EnumerateFiles(moduleDirectory, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs") || f.EndsWith(".razor")))
            {
                foreach (Match match in ModuleNamespace().Matches(File.ReadAllText(file)))
                {
                    var other = match.Groups["module"].Value;
                    if (other != module && !match.Groups["rest"].Value.StartsWith(".Contracts"))
                        violations.Add($"{Path.GetRelativePath(modulesRoot, file)} uses {match.Value}");
                }
            }
        }

        Assert.Empty(violations);
        Assert.NotEmpty(Directory.GetDirectories(modulesRoot));
    }
}
