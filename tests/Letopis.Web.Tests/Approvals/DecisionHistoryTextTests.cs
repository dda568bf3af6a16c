using System.Globalization;
using Letopis.TestKit;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Tests.Approvals;

/// <summary>A decision in the document's history reads in the reader's language, with its comment kept.</summary>
public class DecisionHistoryTextTests
{
    [Theory]
    [InlineData("ru", "Юридическая экспертиза: Лебедев К. Ю. — approved\nЗамечаний нет.", "Юридическая экспертиза: Лебедев К. Ю. — Согласовано\nЗамечаний нет.")]
    [InlineData("ru", "Финансы: Орлова Н. Г. — rework\nНет сметы", "Финансы: Орлова Н. Г. — Возвращено на доработку\nНет сметы")]
    [InlineData("en", "Финансы: Орлова Н. Г. — rejected", "Финансы: Орлова Н. Г. — Rejected")]
    [InlineData("ru", "Без решения", "Без решения")]
    public async Task Value_ADecisionRow_NamesTheDecisionInTheReadersLanguage(string culture, string stored, string shown)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var text = host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            HistoryText.Value(text, null!, "document", "approvalDecision", stored).ShouldBe(shown);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
