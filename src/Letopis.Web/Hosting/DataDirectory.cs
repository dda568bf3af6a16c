namespace Letopis.Web.Hosting;

/// <summary>
/// Where the SQLite file and stored files go. <c>Letopis:DataDir</c> wins when set (a relative path counts
/// from the working directory). Otherwise it is <c>data/</c> at the root of the clone the server runs
/// from, found by walking up from the content root to the folder holding <see cref="SolutionFile"/>, so
/// that <c>dotnet run --project src/Letopis.Web</c> and a run from the root use the same folder; outside
/// a clone (a published app) it is <c>data/</c> under the content root.
/// </summary>
public static class DataDirectory
{
    public const string SolutionFile = "Letopis.slnx";

    public static string Resolve(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Letopis:DataDir"];
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        var root = Path.GetFullPath(contentRoot);
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return Path.Combine(dir.FullName, "data");
        }
        return Path.Combine(root, "data");
    }
}
