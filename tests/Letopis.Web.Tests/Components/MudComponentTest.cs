using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Letopis.Web.Tests.Components;

/// <summary>
/// A bunit context set up for MudBlazor in Russian. Composed rather than inherited: some MudBlazor
/// services are only asynchronously disposable, and xunit 2 disposes test classes synchronously.
/// </summary>
public abstract class MudComponentTest : IAsyncLifetime
{
    protected MudComponentTest()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
        Ctx.Services.AddMudServices();
        Ctx.Services.AddLocalization();
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected BunitContext Ctx { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Ctx.DisposeAsync();
}
