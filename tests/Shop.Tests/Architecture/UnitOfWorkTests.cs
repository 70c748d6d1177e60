using Shop.Testing;

namespace Shop.Tests.Architecture;

/// <summary>Steps run in the transaction their use case opens (ADR 0037), so no code decides by whether one is open.</summary>
public sealed class UnitOfWorkTests
{
    [Fact]
    public void No_code_asks_whether_a_transaction_is_open()
    {
        var root = SourceTree.WebProject;
        var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.Empty(sources.Where(file => File.ReadAllText(file).Contains("CurrentTransaction")).Select(file => Path.GetRelativePath(root, file)));
    }
}
