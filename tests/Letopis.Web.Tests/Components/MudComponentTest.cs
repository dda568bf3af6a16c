using System.Globalization;
using Bunit;
using Letopis.Core.Common;
using Letopis.TestKit;
using Letopis.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Letopis.Web.Tests.Components;

/// <summary>
/// A bunit context set up for MudBlazor in Russian. Composed rather than inherited: some MudBlazor
/// services are only asynchronously disposable, and xunit 2 disposes test classes synchronously.
/// Times are shown on a <see cref="ViewerClock"/> in the company's default zone (Moscow) over a fake
/// clock whose own local zone is UTC, as on a server in a container.
/// </summary>
public abstract class MudComponentTest : IAsyncLifetime
{
    protected MudComponentTest()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
        Ctx.Services.AddMudServices();
        Ctx.Services.AddMudTexts();
        Ctx.Services.AddLocalization();
        Ctx.Services.AddSingleton<TimeProvider>(Time);
        Ctx.Services.AddSingleton(CompanyTimeZone.FromSetting(TimeZones.DefaultId));
        Ctx.Services.AddScoped<ViewerClock>();
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>The clock components read; its <see cref="TimeProvider.LocalTimeZone"/> is UTC.</summary>
    protected FakeTimeProvider Time { get; } = new(LetopisHost.Start);

    protected BunitContext Ctx { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Ctx.DisposeAsync();
}
