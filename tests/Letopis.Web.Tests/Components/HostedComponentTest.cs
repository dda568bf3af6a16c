using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>
/// A bunit context whose components call the real handlers of a running <see cref="LetopisHost"/>
/// as a signed-in user, rendered beside MudBlazor's popover and dialog providers as the app layout
/// renders them, so that a page can open its dialogs.
/// </summary>
public abstract class HostedComponentTest : MudComponentTest
{
    protected void SignIn(LetopisHost host, Guid userId)
    {
        var actor = new CurrentActor(host.Services);
        actor.Set(userId, null);
        Ctx.Services.AddSingleton(new UiActions(host.Services.GetRequiredService<IServiceScopeFactory>(), actor));
    }

    /// <summary>Renders <typeparamref name="T"/> with the providers its selects, menus and dialogs need.</summary>
    protected IRenderedComponent<IComponent> RenderPage<T>(params (string Name, object? Value)[] parameters)
        where T : IComponent =>
        Ctx.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<T>(2);
            foreach (var (name, value) in parameters)
                builder.AddAttribute(3, name, value);
            builder.CloseComponent();
        });

    protected static async Task<Guid> IdOfAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    protected static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>An input the user types into: Mud inputs listen to <c>input</c> when immediate, to <c>change</c> otherwise.</summary>
public sealed class TypedInput(AngleSharp.Dom.IElement element)
{
    public void Change(string value)
    {
        try
        {
            element.Change(value);
        }
        catch (MissingEventHandlerException)
        {
            element.Input(value);
        }
    }
}
