using Bunit;
using Letopis.Web.Components.Layout;

namespace Letopis.Web.Tests.Components.Sales;

/// <summary>The menu offers leads and deals only to those who may see some.</summary>
public sealed class SalesNavMenuTests : MudComponentTest
{
    [Fact]
    public void NavMenu_WithReadScopes_OffersLeadsAndDealsInRussian()
    {
        var cut = Ctx.Render<NavMenu>(p => p.Add(m => m.CanReadLeads, true).Add(m => m.CanReadDeals, true));

        cut.Find("[data-testid=nav-leads]").TextContent.Trim().ShouldBe("Лиды");
        cut.Find("[data-testid=nav-leads]").GetAttribute("href").ShouldBe("/leads");
        cut.Find("[data-testid=nav-deals]").TextContent.Trim().ShouldBe("Сделки");
        cut.FindAll("[data-testid=nav-pipelines]").ShouldBeEmpty();
    }

    [Fact]
    public void NavMenu_WithoutReadScopes_HidesLeadsAndDeals()
    {
        var cut = Ctx.Render<NavMenu>(p => p.Add(m => m.CanReadLeads, false).Add(m => m.CanReadDeals, true));

        cut.FindAll("[data-testid=nav-leads]").ShouldBeEmpty();
        cut.FindAll("[data-testid=nav-deals]").ShouldNotBeEmpty();
    }

    [Fact]
    public void NavMenu_WithThePipelineRight_OffersTheSettingsOfStages()
    {
        var cut = Ctx.Render<NavMenu>(p => p.Add(m => m.CanManagePipelines, true));

        cut.Find("[data-testid=nav-pipelines]").TextContent.Trim().ShouldBe("Направления и стадии");
    }
}
