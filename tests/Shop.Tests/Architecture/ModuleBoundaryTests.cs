using System.Text.RegularExpressions;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Database;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using CompiledArchitecture = ArchUnitNET.Domain.Architecture;

namespace Shop.Tests.Architecture;

/// <summary>
/// Module walls, checked on the compiled Shop.Web assembly: Razor components are classes there, and
/// compiler-generated types (lambdas, async state machines, Razor type inference) count as the type
/// that declares them.
/// </summary>
public sealed partial class ModuleBoundaryTests
{
    private static readonly CompiledArchitecture Shop = new ArchLoader().LoadAssemblies(typeof(ShopDbContext).Assembly).Build();

    // Razor puts its type-inference helpers under "__Blazor." + the component's namespace.
    private const string Generated = @"^(__Blazor\.)?";

    private const string PlatformOrComponents = Generated + @"Shop\.Web\.(Platform|Components)(\..+)?$";

    [GeneratedRegex(Generated + @"Shop\.Web\.Modules\.(?<module>[^.]+)")]
    private static partial Regex ModuleNamespace();

    [Fact]
    public void Modules_use_other_modules_only_through_their_Contracts()
    {
        var modules = Shop.Namespaces.Select(n => ModuleNamespace().Match(n.FullName)).Where(m => m.Success)
            .Select(m => m.Groups["module"].Value).Distinct().Order().ToList();

        Assert.True(modules.Count > 1, $"Modules found: {string.Join(", ", modules)}");
        modules.Select(module => Types().That().ResideInNamespaceMatching(InModule(module))
                .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(InternalsOfModules(except: module)))
                .Because($"{module} may use other modules only through their Contracts"))
            .Aggregate<IArchRule>((all, rule) => all.And(rule))
            .Check(Shop);
    }

    [Fact]
    public void Platform_and_Components_use_modules_only_through_their_Contracts_except_ShopDbContext_typed_over_the_Identity_user_and_role()
    {
        Types().That().ResideInNamespaceMatching(PlatformOrComponents).And().AreNot(typeof(ShopDbContext))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(InternalsOfModules()))
            .Because("Platform and Components sit below the modules and may use only what modules publish")
            .Check(Shop);
        // ASP.NET Core Identity's EF stores need the user and role types as the unit of work's type arguments.
        // Moving them to Platform or to Identity's Contracts would open the identity tables to every module.
        Types().That().Are(typeof(ShopDbContext))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(InternalsOfModules()).And().AreNot(typeof(ShopUser), typeof(ShopRole)))
            .Because("the unit of work is typed over the Identity user and role, and over nothing else of a module")
            .Check(Shop);
    }

    private static string InModule(string module) => $@"{Generated}Shop\.Web\.Modules\.{module}(\..+)?$";

    private static string InternalsOfModules(string? except = null) =>
        $@"{Generated}Shop\.Web\.Modules\.{(except is null ? "" : $@"(?!{except}(\.|$))")}[^.]+(?!\.Contracts(\.|$))(\..+)?$";
}
