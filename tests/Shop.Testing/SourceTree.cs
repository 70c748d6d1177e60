namespace Shop.Testing;

/// <summary>The repository the tests were built from, for tests that read its files (resources, templates, migrations).</summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    public static string WebProject => Path.Combine(Root, "src", "Shop.Web");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Shop.slnx")))
                return directory.FullName;
        throw new InvalidOperationException("Shop.slnx not found above the test output.");
    }
}
