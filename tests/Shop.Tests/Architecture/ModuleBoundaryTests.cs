using System.Text.RegularExpressions;
using Shop.Testing;

namespace Shop.Tests.Architecture;

/// <summary>A module may use another module only through that module's Contracts namespace.</summary>
public sealed partial class ModuleBoundaryTests
{
    [GeneratedRegex(@"Shop\.Web\.Modules\.(?<module>\w+)(?<rest>(\.\w+)*)")]
    private static partial Regex ModuleNamespace();

    [Fact]
    public void Modules_reach_each_other_only_through_contracts()
    {
        var modulesRoot = Path.Combine(SourceTree.WebProject, "Modules");
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
