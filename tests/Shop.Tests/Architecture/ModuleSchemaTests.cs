using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Shop.Testing;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Architecture;

/// <summary>
/// A module's SQL names only its own schema (named like the module) or a schema no module owns (Platform's:
/// platform, media). SQL text is every string literal and constant of the compiled assembly that reads as SQL,
/// so Razor and C#, raw and interpolated strings all count; compiler-generated types count as the type that
/// declares them. The schemas are the ones the migrations embedded in the assembly create.
/// </summary>
public sealed partial class ModuleSchemaTests
{
    [GeneratedRegex(@"^(__Blazor\.)?Shop\.Web\.Modules\.(?<module>[^.]+)")]
    private static partial Regex ModuleNamespace();

    [GeneratedRegex(@"\b(select|insert|update|delete|from|join|into|copy|analyze|truncate|returning|where|table)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlKeyword();

    [GeneratedRegex(@"(?<![\w.])(?<schema>[a-z_][a-z0-9_]*)\.(?<name>[a-z_][a-z0-9_]*)(?![\w-])", RegexOptions.IgnoreCase)]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"CREATE\s+SCHEMA\s+(IF\s+NOT\s+EXISTS\s+)?(?<schema>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateSchema();

    [Fact]
    public void Sql_in_a_module_names_no_schema_of_another_module()
    {
        using var assembly = AssemblyDefinition.ReadAssembly(typeof(ShopDbContext).Assembly.Location, new ReaderParameters { ReadSymbols = true });
        var types = assembly.MainModule.GetTypes().Select(t => (Type: t, Module: ModuleNamespace().Match(Outermost(t).Namespace)))
            .Where(t => t.Module.Success).Select(t => (t.Type, Module: t.Module.Groups["module"].Value.ToLowerInvariant())).ToList();
        var sql = (from type in types
                   from literal in Literals(type.Type)
                   where SqlKeyword().IsMatch(literal.Text)
                   from Match name in QualifiedName().Matches(literal.Text)
                   select (type.Module, Schema: name.Groups["schema"].Value.ToLowerInvariant(),
                       Name: name.Value, literal.Place)).ToList();
        var schemas = SchemasCreatedByMigrations(assembly);
        var moduleSchemas = schemas.Intersect(types.Select(t => t.Module)).ToHashSet();

        var trespasses = sql.Where(s => moduleSchemas.Contains(s.Schema) && s.Schema != s.Module)
            .Select(s => $"{s.Place} names {s.Name}").Distinct().Order().ToList();

        Assert.True(moduleSchemas.Count > 1, $"Module schemas found: {string.Join(", ", moduleSchemas)}");
        Assert.Contains(sql, s => s.Schema == s.Module);
        Assert.True(trespasses.Count == 0, $"SQL naming another module's schema:{Environment.NewLine}{string.Join(Environment.NewLine, trespasses)}");
    }

    private static TypeDefinition Outermost(TypeDefinition type) => type.DeclaringType is { } declaring ? Outermost(declaring) : type;

    private static IEnumerable<(string Text, string Place)> Literals(TypeDefinition type)
    {
        foreach (var field in type.Fields.Where(f => f.HasConstant && f.Constant is string))
            yield return ((string)field.Constant, $"{Outermost(type).FullName}.{field.Name}");
        foreach (var method in type.Methods.Where(m => m.HasBody))
            foreach (var instruction in method.Body.Instructions.Where(i => i.OpCode == OpCodes.Ldstr))
                yield return ((string)instruction.Operand, Place(method, instruction));
    }

    private static string Place(MethodDefinition method, Instruction instruction)
    {
        var points = method.DebugInformation.SequencePoints.Where(p => !p.IsHidden).ToList();
        var point = points.LastOrDefault(p => p.Offset <= instruction.Offset) ?? points.FirstOrDefault();
        return point is null
            ? Outermost(method.DeclaringType).FullName
            : $"{point.Document.Url.Replace(SourceTree.Root + Path.DirectorySeparatorChar, "")}:{point.StartLine}";
    }

    private static HashSet<string> SchemasCreatedByMigrations(AssemblyDefinition assembly) =>
        assembly.MainModule.Resources.OfType<EmbeddedResource>().Where(r => r.Name.StartsWith("Migrations/", StringComparison.Ordinal))
            .SelectMany(r => CreateSchema().Matches(ReadText(r)))
            .Select(m => m.Groups["schema"].Value.ToLowerInvariant()).ToHashSet();

    private static string ReadText(EmbeddedResource resource)
    {
        using var reader = new StreamReader(resource.GetResourceStream());
        return reader.ReadToEnd();
    }
}
