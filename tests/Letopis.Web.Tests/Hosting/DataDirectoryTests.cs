using Letopis.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace Letopis.Web.Tests.Hosting;

/// <summary>
/// Without a setting, data goes to <c>data/</c> at the root of the clone, whichever folder the server is
/// started from; a published app keeps it beside itself; an explicit folder always wins.
/// </summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("letopis-datadir-");

    public void Dispose() => _temp.Delete(recursive: true);

    private static IConfiguration Settings(string? dataDir = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Letopis:DataDir"] = dataDir }).Build();

    private string Clone()
    {
        var clone = Directory.CreateDirectory(Path.Combine(_temp.FullName, "clone")).FullName;
        File.WriteAllText(Path.Combine(clone, DataDirectory.SolutionFile), "<Solution />");
        Directory.CreateDirectory(Path.Combine(clone, "src", "Letopis.Web", "bin", "Release", "net10.0"));
        return clone;
    }

    [Theory]
    [InlineData("")]
    [InlineData("src/Letopis.Web")]
    [InlineData("src/Letopis.Web/bin/Release/net10.0")]
    public void Resolve_Unset_InsideAClone_IsDataAtTheRepositoryRoot(string contentRoot)
    {
        var clone = Clone();

        DataDirectory.Resolve(Settings(), Path.Combine(clone, contentRoot))
            .ShouldBe(Path.Combine(clone, "data"));
    }

    [Fact]
    public void Resolve_Unset_OutsideAClone_IsDataUnderTheContentRoot()
    {
        var app = Directory.CreateDirectory(Path.Combine(_temp.FullName, "app")).FullName;

        DataDirectory.Resolve(Settings(), app).ShouldBe(Path.Combine(app, "data"));
    }

    [Fact]
    public void Resolve_Configured_WinsOverTheClone()
    {
        var clone = Clone();
        var elsewhere = Path.Combine(_temp.FullName, "elsewhere");

        DataDirectory.Resolve(Settings(elsewhere), Path.Combine(clone, "src", "Letopis.Web")).ShouldBe(elsewhere);
    }

    [Fact]
    public void Resolve_WithTheShippedSettings_FromTheWebProject_IsDataAtTheRepositoryRoot()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repo.FullName, DataDirectory.SolutionFile)))
            repo = repo.Parent!;
        var web = Path.Combine(repo.FullName, "src", "Letopis.Web");
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(web, "appsettings.json")).Build();

        DataDirectory.Resolve(shipped, web).ShouldBe(Path.Combine(repo.FullName, "data"));
    }
}
