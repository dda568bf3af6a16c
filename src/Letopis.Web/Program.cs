using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Letopis.Core;
using Letopis.Core.Data;
using Letopis.Core.Storage;
using Letopis.Infrastructure.Data;
using Letopis.Infrastructure.Storage;
using Letopis.Web.Api;
using Letopis.Web.Auth;
using Letopis.Web.Components;
using Letopis.Web.Components.Shared;
using Letopis.Web.Documents;
using Letopis.Web.Hosting;
using Letopis.Web.Mail;
using Letopis.Web.Notifications;
using Letopis.Web.Templates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// Static web assets (MudBlazor's CSS/JS) are served from the build output in every environment.
builder.WebHost.UseStaticWebAssets();
// Kestrel answers its own limits with an empty body; the documented limits are enforced by RequestLimitsMiddleware.
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestLineSize = RequestLimitsMiddleware.KestrelLineBytes;
    k.Limits.MaxRequestHeadersTotalSize = RequestLimitsMiddleware.KestrelHeaderBytes;
});

var letopis = builder.Configuration.GetSection("Letopis").Get<LetopisOptions>() ?? new LetopisOptions();
var demo = letopis.Demo || args.Contains("--demo");
builder.Services.AddOptions<LetopisOptions>().BindConfiguration("Letopis");
var publicUrl = PublicAddress.Resolve(builder.Configuration, builder.Environment);
var knownProxies = ForwardedHeadersSetup.ParseKnownProxies(letopis.KnownProxies);
var dataDir = DataDirectory.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
Directory.CreateDirectory(dataDir);

var database = builder.Configuration.GetSection("Letopis:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Letopis:Database").ValidateDataAnnotations().ValidateOnStart();
var connectionString = database.ConnectionString
    ?? builder.Configuration.GetConnectionString("Letopis")
    ?? (database.Provider == DatabaseOptions.Sqlite
        ? DatabaseRegistration.SqliteConnectionString(Path.Combine(dataDir, "letopis.db"))
        : throw new InvalidOperationException("Letopis:Database:Provider is postgres but ConnectionStrings:Letopis is not set."));

builder.Services.AddSingleton(TimeProvider.System);
// Times are never read in the server's own zone (a container runs in UTC): the company's zone, or the user's.
builder.Services.AddSingleton(Letopis.Core.Common.CompanyTimeZone.FromSetting(letopis.TimeZone));
// Contexts come from a pool with options built once: building a context per request (the
// default) cost its service scope, its sets and a hash of every option on each request. On SQLite
// a pooled context keeps its connection open (page cache and prepared statements included), so
// the pool keeps at most 64 of them; contexts beyond that close their connection when returned.
builder.Services.AddPooledDbContextFactory<LetopisDb>(o => DatabaseRegistration.Configure(o, database.Provider, connectionString, database), poolSize: 64);
builder.Services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LetopisDb>>().CreateDbContext()
    .Lease(sp.GetService<Letopis.Core.Access.ICurrentActor>(), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton<IBlobStore>(sp => new FileSystemBlobStore(Path.Combine(dataDir, "files"), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddDataProtection().SetApplicationName("Letopis").PersistKeysToDbContext<LetopisDb>();
builder.Services.AddLetopisCore();
builder.Services.AddScoped<Letopis.Core.Crm.IContactDateWording, Letopis.Web.Crm.ContactDateWording>();
builder.Services.AddScoped<Letopis.Core.Activities.IActivityWording, Letopis.Web.Activities.ActivityWording>();
builder.Services.AddScoped<Letopis.Core.Approvals.IApprovalWording, Letopis.Web.Approvals.ApprovalWording>();
builder.Services.AddScoped<Letopis.Core.Paper.IPaperWording, Letopis.Web.Paper.PaperWording>();
builder.Services.AddScoped<Letopis.Core.Correspondence.ICorrespondenceWording, Letopis.Web.Correspondence.CorrespondenceWording>();
builder.Services.AddScoped<Letopis.Core.Execution.IExecutionWording, Letopis.Web.Execution.ExecutionWording>();
builder.Services.AddScoped<Letopis.Web.Components.Pages.Sales.ReadSalesStages>();
builder.Services.AddLetopisAuth(letopis);
builder.Services.AddLetopisNotifications(builder.Configuration);
builder.Services.AddLetopisMail();
builder.Services.AddSingleton(sp => new PublicAddress(publicUrl, sp.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()));
// E-mail links use the same address, whichever of its two names set it.
builder.Services.PostConfigure<Letopis.Core.Notifications.ReminderOptions>(o => o.PublicUrl = publicUrl);
builder.Services.AddLetopisDocumentFiles();
builder.Services.AddLetopisTemplateBatches();
builder.Services.AddLetopisPdf();

builder.Services.AddLocalization();
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    var cultures = new[] { new CultureInfo("ru-RU"), new CultureInfo("en-US"), new CultureInfo("ru"), new CultureInfo("en") };
    o.DefaultRequestCulture = new RequestCulture("ru-RU");
    o.SupportedCultures = cultures;
    o.SupportedUICultures = cultures;
    o.ApplyCurrentCultureToResponseHeaders = true;
    // Explicit choice (cookie from the language switch) wins over the browser's Accept-Language.
    o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
});

builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
{
    ctx.ProblemDetails.Extensions.Remove("traceId");
    ctx.ProblemDetails.Extensions.TryAdd("code", ProblemWriter.CodeOfStatus(ctx.ProblemDetails.Status ?? 500));
    if (ctx.ProblemDetails.Extensions["code"] is string code && ctx.ProblemDetails.Title is null or "Not Found" or "Unauthorized" or "Forbidden")
        ctx.ProblemDetails.Title = ctx.HttpContext.RequestServices.GetRequiredService<ProblemWriter>().Create(ctx.ProblemDetails.Status ?? 500, code).Title;
});
builder.Services.AddSingleton<ProblemWriter>();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    // Russian text stays readable in responses; HTML-significant characters are still escaped.
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.BasicLatin, System.Text.Unicode.UnicodeRanges.Cyrillic);
    JsonInput.Configure(o.SerializerOptions);
});
builder.Services.AddLetopisOpenApi();
builder.Services.AddHealthChecks();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddMudTexts();
builder.Services.AddHttpContextAccessor();

var app = builder.Build();

await app.PrepareDatabaseAsync(demo);

if (knownProxies.Count > 0)
    app.UseForwardedHeaders(ForwardedHeadersSetup.Options(knownProxies));
// Localization first, so that error pages and problems written on the way out are in the caller's language.
app.UseRequestLocalization();
app.UseExceptionHandler();
app.UseWhen(ctx => ctx.IsApiRequest(), api => api.UseStatusCodePages());
app.UseWhen(ctx => !ctx.IsApiRequest(), ui => ui.UseStatusCodePagesWithReExecute("/not-found"));
app.UseMiddleware<RequestLimitsMiddleware>();
app.UseMiddleware<BodySizeLimitMiddleware>();
app.UseAuthentication();
app.UseMiddleware<TokenScopeGuard>();
app.UseMiddleware<CrossSiteRequestGuard>();
app.UseMiddleware<ActorMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/health");
app.MapOpenApi();
// Everything the reference needs comes from this server: its bundle is embedded in the package, and
// its default fonts, which come from Scalar's CDN, are off (offline the page waited seconds for them).
app.MapScalarApiReference("/api/docs", o => o.WithTitle("Letopis API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
    .HideDeveloperTools().DisableAgent().DisableDefaultFonts().WithFavicon("/favicon.svg"));
app.MapStaticAssets();

app.MapAuthEndpoints();
app.MapMeEndpoints();
app.MapUsersEndpoints();
app.MapDepartmentsEndpoints();
app.MapRolesEndpoints();
app.MapDeputiesEndpoints();
app.MapReferenceEndpoints();
app.MapCounterpartiesEndpoints();
app.MapCustomFieldsEndpoints();
app.MapCounterpartyExportEndpoints();
app.MapTagsEndpoints();
app.MapSavedFiltersEndpoints();
app.MapSearchEndpoints();
app.MapContactsEndpoints();
app.MapOurCompaniesEndpoints();
app.MapAccountEndpoints();
app.MapNotificationsEndpoints();
app.MapRemindersEndpoints();
app.MapCalendarEndpoints();
app.MapActivitiesEndpoints();
app.MapCalendarFeedEndpoints();
app.MapDocumentTypesEndpoints();
app.MapDocumentsEndpoints();
app.MapDocumentFilesEndpoints();
app.MapTemplatesEndpoints();
app.MapEmailsEndpoints();
app.MapLeadConversionEndpoints();
app.MapPipelinesEndpoints();
app.MapDealsEndpoints();
app.MapLeadsEndpoints();
app.MapTemplateBatchesEndpoints();
app.MapApprovalSchemesEndpoints();
app.MapApprovalControlEndpoints();
app.MapApprovalsEndpoints();
app.MapPaperEndpoints();
app.MapCorrespondenceEndpoints();
app.MapExecutionEndpoints();
app.MapHub<NotificationsHub>(NotificationsHub.Path);

app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point type, visible to the test host.</summary>
public partial class Program;
