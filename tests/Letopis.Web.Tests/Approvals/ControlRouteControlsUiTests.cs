using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.Core.Approvals;
using Letopis.Core.Common;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Approvals.Control;
using Letopis.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static Letopis.Web.Tests.Approvals.ControlTestKit;

namespace Letopis.Web.Tests.Approvals;

/// <summary>The route controls on a document card: the sheet for everyone, cancelling for holders of the approval right.</summary>
public sealed class ControlRouteControlsUiTests : HostedComponentTest
{
    [Fact]
    public async Task RouteControls_RightHolderCancelsWithAComment_OthersSeeOnlyTheSheet()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync();
        var (typeCode, _) = await SchemeAsync(host, new ApprovalDefinition { Stages = [Stage("law", "Юрист", lawyer.Id)] });
        var (doc, _) = await DocumentAsync(host, admin, typeCode, "Договор для контроля");
        var routeJson = await StartAsync(admin, doc);
        var routeId = routeJson.GetProperty("id").GetGuid();
        var route = await RouteDtoAsync(host, lawyer.Id, routeId);

        // The approver sees the sheet's buttons but none of the control.
        SignIn(host, lawyer.Id);
        var plain = RenderPage<ApprovalRouteControls>(("Route", route));
        plain.WaitForAssertion(() => plain.Find("[data-testid=approval-sheet-print]").GetAttribute("href").ShouldBe($"/api/v1/approval-routes/{routeId}/sheet?format=html"));
        plain.Find("[data-testid=approval-sheet-pdf]").GetAttribute("href").ShouldBe($"/api/v1/approval-routes/{routeId}/sheet?format=pdf");
        plain.FindAll("[data-testid=approval-control-cancel]").ShouldBeEmpty();
    }

    [Fact]
    public async Task RouteControls_CancelWithoutComment_ShowsTheFieldError_ThenCancels()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync();
        var (typeCode, _) = await SchemeAsync(host, new ApprovalDefinition { Stages = [Stage("law", "Юрист", lawyer.Id)] });
        var (doc, _) = await DocumentAsync(host, admin, typeCode, "Договор для отмены");
        var routeId = (await StartAsync(admin, doc)).GetProperty("id").GetGuid();
        var controller = await RightHolderAsync(host);
        var route = await RouteDtoAsync(host, controller.Id, routeId);
        var changed = 0;

        SignIn(host, controller.Id);
        var cut = RenderPage<ApprovalRouteControls>(("Route", route), ("Changed", EventCallback.Factory.Create(this, () => changed++)));
        cut.WaitForElement("[data-testid=approval-control-cancel]").Click();
        cut.WaitForElement("[data-testid=approval-control-submit]").Click();
        cut.WaitForAssertion(() => cut.Markup.ShouldContain("Обязательное поле"));
        changed.ShouldBe(0);
        (await RouteAsync(admin, doc)).GetProperty("status").GetString().ShouldBe("running");

        new TypedInput(cut.Find("textarea[data-testid=approval-control-comment], [data-testid=approval-control-comment] textarea")).Change("Сделка не состоится");
        cut.Find("[data-testid=approval-control-submit]").Click();
        cut.WaitForAssertion(() => changed.ShouldBe(1));
        var after = await RouteAsync(admin, doc);
        after.GetProperty("status").GetString().ShouldBe("cancelled");
        after.GetProperty("outcome").GetString().ShouldBe("Сделка не состоится");
    }

    private static async Task<ApprovalRouteDto> RouteDtoAsync(LetopisHost host, Guid userId, Guid routeId)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Letopis.Core.Data.LetopisDb>();
        var access = await Letopis.Core.Access.AccessContext.LoadAsync(db, userId, CancellationToken.None);
        var result = await scope.ServiceProvider.GetRequiredService<ReadApprovalRoute>().GetAsync(access, routeId, CancellationToken.None);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }
}
