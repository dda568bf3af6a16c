using System.Globalization;
using Bunit;
using Letopis.Core.Documents;
using Letopis.Web.Components.Pages.Documents;

namespace Letopis.Web.Tests.Components;

/// <summary>A status agrees with the gender of the document type's name: «Договор подписан», «Приложение подписано».</summary>
public sealed class DocumentStatusGrammarTests : MudComponentTest
{
    [Theory]
    [InlineData("signed", "masculine", "Подписан")]
    [InlineData("signed", "neuter", "Подписано")]
    [InlineData("signed", "feminine", "Подписана")]
    [InlineData("approved", "neuter", "Согласовано")]
    [InlineData("executed", "feminine", "Исполнена")]
    [InlineData("rejected", "neuter", "Отклонено")]
    [InlineData("terminated", "feminine", "Расторгнута")]
    [InlineData("in_force", "neuter", "Действует")]
    [InlineData("draft", "feminine", "Черновик")]
    public void Badge_InRussian_AgreesWithTheTypesGender(string status, string gender, string expected)
    {
        var cut = Ctx.Render<DocumentStatusBadge>(p => p.Add(b => b.Status, status).Add(b => b.Gender, gender));

        cut.Find("[data-testid=doc-status]").TextContent.ShouldBe(expected);
    }

    [Fact]
    public void Badge_InEnglish_HasOneFormForEveryGender()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");

        Ctx.Render<DocumentStatusBadge>(p => p.Add(b => b.Status, "signed").Add(b => b.Gender, "neuter"))
            .Find("[data-testid=doc-status]").TextContent.ShouldBe("Signed");
    }

    [Fact]
    public void Tree_ContractAndItsAppendix_ReadSignedInTheirOwnGender()
    {
        var contractId = Guid.NewGuid();
        var appendix = new DocumentTreeNode(Guid.NewGuid(), contractId, "Д-1/П-1", new DateOnly(2026, 11, 2), "appendix", "Приложение", "appendix",
            "Спецификация", "signed", null, "RUB", null, null, 0, [], [], [])
        { TypeGender = "neuter" };
        var contract = new DocumentTreeNode(contractId, null, "Д-1", new DateOnly(2026, 11, 2), "contract", "Договор", "contract",
            "Поставка", "signed", null, "RUB", null, null, 0, [], [], [appendix])
        { TypeGender = "masculine" };

        var cut = Ctx.Render<DocumentTree>(p => p.Add(t => t.Roots, [contract]));

        var statuses = cut.FindAll("[data-testid=doc-status]").Select(s => s.TextContent).ToList();
        statuses.ShouldBe(["Подписан", "Подписано"]);
    }
}
