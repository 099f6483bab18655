using System.Reflection;
using System.Xml.Linq;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Architecture;

/// <summary>
/// The dependency rule of README.md's "How it fits together", checked twice: in each project file's
/// <c>ProjectReference</c>s, and in what each compiled assembly really references (which also catches a type used
/// through a project that came along transitively).
/// </summary>
public class ProjectLayeringTests
{
    /// <summary>Which of our projects each one may reference. Keep in step with the README.</summary>
    private static readonly Dictionary<string, string[]> MayReference = new()
    {
        ["NewsFeed.FrontMatter"] = [],
        ["NewsFeed.Data"] = ["NewsFeed.FrontMatter"],
        ["NewsFeed.Data.Sqlite"] = ["NewsFeed.Data"],
        ["NewsFeed.Data.Postgres"] = ["NewsFeed.Data"],
        ["NewsFeed.Import"] = ["NewsFeed.FrontMatter", "NewsFeed.Data"],
        ["NewsFeed.Api"] = ["NewsFeed.FrontMatter", "NewsFeed.Data", "NewsFeed.Import", "NewsFeed.Data.Sqlite", "NewsFeed.Data.Postgres"],
    };

    /// <summary>
    /// The migrations projects are referenced by the API only so that they ship with it: EF Core loads them by name, so
    /// nothing may be compiled against them.
    /// </summary>
    private static readonly string[] ShippedOnly = ["NewsFeed.Data.Sqlite", "NewsFeed.Data.Postgres"];

    /// <summary>Libraries that belong to one layer: the name prefix of their assemblies, and the projects that may use them.</summary>
    private static readonly (string Prefix, string[] Projects)[] OwnedLibraries =
    [
        ("Microsoft.EntityFrameworkCore", ["NewsFeed.Data", "NewsFeed.Data.Sqlite", "NewsFeed.Data.Postgres"]),
        ("Npgsql", ["NewsFeed.Data", "NewsFeed.Data.Postgres"]),
        ("Microsoft.Data.Sqlite", ["NewsFeed.Data", "NewsFeed.Data.Sqlite"]),
        ("YamlDotNet", ["NewsFeed.FrontMatter"]),
        ("Microsoft.AspNetCore", ["NewsFeed.Api"]),
    ];

    [Fact]
    public void Every_project_under_src_has_a_rule()
    {
        var projects = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension);
        projects.Should().BeEquivalentTo(MayReference.Keys, "a new project needs its place in the dependency rule (README and this test)");
    }

    [Fact]
    public void Project_files_reference_only_the_projects_the_rule_allows()
    {
        var violations =
            from project in MayReference.Keys
            let file = Path.Combine(RepoPaths.Root, "src", project, project + ".csproj")
            from reference in XDocument.Load(file).Descendants("ProjectReference")
            let referenced = Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/'))
            where !MayReference[project].Contains(referenced)
            select $"{project}.csproj references {referenced}";
        string.Join(Environment.NewLine, violations).Should().BeEmpty();
    }

    [Fact]
    public void Compiled_assemblies_reference_only_the_projects_and_libraries_the_rule_allows()
    {
        var violations = new List<string>();
        foreach (var (project, allowed) in MayReference)
        {
            var references = Assembly.Load(new AssemblyName(project)).GetReferencedAssemblies().Select(a => a.Name!).ToList();
            violations.AddRange(references
                .Where(r => r.StartsWith("NewsFeed.", StringComparison.Ordinal) && (!allowed.Contains(r) || ShippedOnly.Contains(r)))
                .Select(r => $"{project} is compiled against {r}"));
            violations.AddRange(
                from library in OwnedLibraries
                where !library.Projects.Contains(project)
                from r in references
                where r.StartsWith(library.Prefix, StringComparison.Ordinal)
                select $"{project} is compiled against {r}, which only {string.Join(", ", library.Projects)} may use");
        }
        string.Join(Environment.NewLine, violations).Should().BeEmpty();
    }
}
