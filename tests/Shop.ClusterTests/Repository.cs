namespace Shop.ClusterTests;

/// <summary>Paths in this checkout: the scripts under deploy/ and the app as `./shop test` built it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The web app built in the configuration these tests were built in (Release under `./shop test`).</summary>
    public static string WebDll { get; } = Path.Combine(Root, "src", "Shop.Web", "bin", Configuration, "net10.0", "Shop.Web.dll");

    public static string WebProjectDirectory => Path.Combine(Root, "src", "Shop.Web");

    public static string Deploy(string relativePath) => Path.Combine(Root, "deploy", relativePath);

    private static string Configuration => Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shop.slnx")))
                return directory.FullName;
        }
        throw new InvalidOperationException("Shop.slnx not found above " + AppContext.BaseDirectory);
    }
}
