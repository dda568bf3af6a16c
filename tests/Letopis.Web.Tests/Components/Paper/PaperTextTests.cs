using System.Globalization;
using Letopis.Core.Documents;
using Letopis.Core.Paper;
using Letopis.Web.Components.Pages.Paper;
using Letopis.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Tests.Components.Paper;

/// <summary>The one line a secretary reads on a card: where the original lies, or with whom and until when.</summary>
public sealed class PaperTextTests : MudComponentTest
{
    private IStringLocalizer<SharedResource> L => Ctx.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static PaperWhereaboutsDto Original(string state, DocumentPersonDto? holder = null, DateOnly? dueBack = null, bool overdue = false,
        StoragePlaceRefDto? place = null, string? method = null, string? tracking = null) =>
        new(Guid.NewGuid(), 1, PaperText.Ours, state, place, holder, null, dueBack, overdue, method, tracking);

    [Theory]
    [InlineData("Лебедев Константин Юрьевич", "Лебедева К. Ю.")]
    [InlineData("Иванова Мария Александровна", "Ивановой М. А.")]
    [InlineData("Фёдоров Игорь Васильевич", "Фёдорова И. В.")]
    [InlineData("Зайцева Светлана Михайловна", "Зайцевой С. М.")]
    [InlineData("Вишневский Олег Петрович", "Вишневского О. П.")]
    [InlineData("Вишневская Ольга Петровна", "Вишневской О. П.")]
    [InlineData("Шевченко Тарас Григорьевич", "Шевченко Т. Г.")]
    [InlineData("Черных Анна Ильинична", "Черных А. И.")]
    public void Genitive_RegularRussianSurname_DeclinesTheSurname(string fullName, string expected) =>
        PaperText.Genitive(fullName).ShouldBe(expected);

    [Theory]
    [InlineData("Кочерга Илья Саввич")]
    [InlineData("Гоголь Николай Васильевич")]
    [InlineData("Ким Виктор")]
    [InlineData("John Smith")]
    public void Genitive_SurnameARuleWouldGetWrong_GivesNothing(string fullName) =>
        PaperText.Genitive(fullName).ShouldBeNull();

    [Fact]
    public void Whereabouts_OriginalOutPastItsDate_NamesTheHolderTheDateAndTheDelay()
    {
        var text = PaperText.Whereabouts(L, Original(PaperText.Out, new DocumentPersonDto(Guid.NewGuid(), "Иванова Мария Александровна"),
            new DateOnly(2026, 12, 28), overdue: true));

        text.ShouldBe("Оригинал у Ивановой М. А. до 28.12.2026 (просрочен)");
    }

    [Fact]
    public void Whereabouts_HolderWhoseNameDoesNotDecline_IsNamedWithoutDeclining()
    {
        var text = PaperText.Whereabouts(L, Original(PaperText.Out, new DocumentPersonDto(Guid.NewGuid(), "Кочерга Илья Саввич"), new DateOnly(2026, 12, 28)));

        text.ShouldBe("Оригинал выдан: Кочерга И. С., до 28.12.2026");
    }

    [Fact]
    public void Whereabouts_OriginalInPlace_GivesTheWholePath()
    {
        var text = PaperText.Whereabouts(L, Original(PaperText.InPlace, place: new StoragePlaceRefDto(Guid.NewGuid(), "Папка 3", "Офис / Архив / Шкаф 1 / Папка 3")));

        text.ShouldBe("Оригинал: Офис / Архив / Шкаф 1 / Папка 3");
    }

    [Fact]
    public void Whereabouts_OriginalSentByCourier_GivesTheMethodAndTrackingNumber()
    {
        var text = PaperText.Whereabouts(L, Original(PaperText.Sent, method: "courier", tracking: "CDEK-1029"));

        text.ShouldBe("Оригинал у контрагента: Курьер, трек-номер CDEK-1029");
    }

    [Fact]
    public void Whereabouts_NoOriginal_SaysSo() => PaperText.Whereabouts(L, null).ShouldBe("Оригинал не учтён");

    [Fact]
    public void Whereabouts_InEnglish_NamesTheHolderAsIs()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");

        var text = PaperText.Whereabouts(L, Original(PaperText.Out, new DocumentPersonDto(Guid.NewGuid(), "Иванова Мария Александровна"), new DateOnly(2026, 12, 28)));

        text.ShouldBe("The original is with Иванова М. А. until 12/28/2026");
    }
}
