using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.Core.Access;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Admin;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>The administrator's password reset in the users dialog, and the personal API tokens it may revoke.</summary>
public sealed class UserResetUiTests : HostedComponentTest
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResetPassword_WithOrWithoutRevokeTicked_RevokesTheTokensOnlyWhenTicked(bool revoke)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        var issued = await client.PostAsJsonAsync("/api/v1/me/api-tokens", new { name = "Обмен с 1С" });
        var script = host.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        UserDto shown;
        List<RoleDto> roles;
        await using (var scope = host.Scope())
        {
            shown = (await scope.ServiceProvider.GetRequiredService<ListUsers>().GetAsync(user.Id, CancellationToken.None)).Value;
            roles = await scope.ServiceProvider.GetRequiredService<ListRoles>().HandleAsync(CancellationToken.None);
        }
        SignIn(host, adminId);
        var cut = RenderPage<MudSpacer>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await cut.InvokeAsync(async () => dialog = await dialogs.ShowAsync<UserDialog>(shown.FullName, new DialogParameters<UserDialog>
        {
            { d => d.User, shown },
            { d => d.Departments, [] },
            { d => d.Roles, roles },
        }));

        cut.FindAll("[data-testid=user-revoke-tokens]").ShouldBeEmpty();
        new TypedInput(cut.Find("[data-testid=user-new-password] input, input[data-testid=user-new-password]")).Change("reset-by-admin-1");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=user-revoke-tokens]").ShouldNotBeEmpty());
        if (revoke)
            cut.FindComponents<MudCheckBox<bool>>().Single().Find("input").Change(true);
        cut.Find("[data-testid=user-save]").Click();
        (await dialog!.Result.WaitAsync(TimeSpan.FromSeconds(10)))!.Canceled.ShouldBeFalse();

        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await script.GetAsync("/api/v1/me")).StatusCode.ShouldBe(revoke ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);
    }
}
