using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Infrastructure.Data;

namespace Letopis.Web.Hosting;

/// <summary>Before the server takes requests: migrate, seed what an empty database needs, fill demo data if asked.</summary>
public static class StartupTasks
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool demo)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LetopisDb>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Letopis.Startup");
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LetopisOptions>>().Value;

        await DatabaseRegistration.MigrateAsync(db, app.Lifetime.ApplicationStopping);
        if (await Core.Search.SearchIndex.EnsureBuiltAsync(db, app.Lifetime.ApplicationStopping))
            logger.LogInformation("Search index built for the records already in the database");
        if (await SortKeys.EnsureFilledAsync(db, app.Lifetime.ApplicationStopping) is > 0 and var sorted)
            logger.LogInformation("Sort keys of {Count} records written before they existed filled in", sorted);
        if (await RecordCounts.EnsureCountedAsync(db, app.Lifetime.ApplicationStopping))
            logger.LogInformation("Directory totals counted for the records already in the database");
        var generated = await services.GetRequiredService<SeedAccess>().HandleAsync(options.AdminPassword, app.Lifetime.ApplicationStopping);
        if (generated is not null)
        {
            // Printed once, on purpose, to the console only: the password is not logged anywhere else.
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine($"  Letopis: first administrator created. Login: admin  Password: {generated}");
            Console.WriteLine("  Change it after signing in. It will not be shown again.");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }
        if (await services.GetRequiredService<Core.Documents.SeedDocumentTypes>().HandleAsync(app.Lifetime.ApplicationStopping))
            logger.LogInformation("Preconfigured document types created");
        if (await services.GetRequiredService<Core.Deals.SeedSales>().HandleAsync(app.Lifetime.ApplicationStopping))
            logger.LogInformation("Lead stages, a first deal pipeline and the usual reasons created");
        // After the document types: the shipped templates are registered as them.
        if (await services.GetRequiredService<Core.Templates.SeedTemplates>().HandleAsync(app.Lifetime.ApplicationStopping))
            logger.LogInformation("Shipped document templates created");
        if (demo)
            await SeedDemoAsync(app, logger);
    }

    /// <summary>
    /// Each part of the demo runs in a scope of its own: one context tracking every row the demo made
    /// would scan them all again on each later save (the files alone save some 450 times).
    /// </summary>
    private static async Task SeedDemoAsync(WebApplication app, ILogger logger)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        if (await InScopeAsync<Core.Demo.SeedDemoCompany, bool>(app, (seed, ct) => seed.HandleAsync(ct), stopping))
            logger.LogInformation("Demo company created; demo users sign in with password {Password}", Core.Demo.SeedDemoCompany.Password);
        // Also on a demo database made before leads and deals existed.
        if (await InScopeAsync<Core.Demo.SeedDemoSales, bool>(app, (seed, ct) => seed.HandleAsync(ct), stopping))
            logger.LogInformation("Demo leads and deals created");
        // After every part of the demo: the files belong to its documents.
        if (await InScopeAsync<Core.Documents.Files.SeedDemoFiles, int>(app, (seed, ct) => seed.HandleAsync(ct), stopping) is > 0 and var files)
            logger.LogInformation("Demo documents got {Count} files", files);
        // After the files: a route binds its decisions to the files the approvers saw.
        if (await InScopeAsync<Core.Demo.SeedDemoApprovals, bool>(app, (seed, ct) => seed.HandleAsync(ct), stopping))
            logger.LogInformation("Demo approval schemes and routes created");
        if (await InScopeAsync<Core.Demo.SeedDemoPaper, bool>(app, (seed, ct) => seed.HandleAsync(ct), stopping))
            logger.LogInformation("Demo archive and paper originals created");
        if (await InScopeAsync<Core.Demo.SeedDemoExecution, bool>(app, (seed, ct) => seed.HandleAsync(ct), stopping))
            logger.LogInformation("Demo execution plans and payments created");
        if (await InScopeAsync<Core.Demo.SeedDemoLetters, bool>(app, (seed, ct) => seed.HandleAsync(ct), stopping))
            logger.LogInformation("Demo letters got resolutions, assignments and replies");
    }

    private static async Task<TResult> InScopeAsync<TStep, TResult>(WebApplication app, Func<TStep, CancellationToken, Task<TResult>> run, CancellationToken ct)
        where TStep : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TStep>(), ct);
    }
}
