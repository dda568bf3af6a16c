using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Correspondence;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Components.Shared;
using Letopis.Web.Notifications;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components.Correspondence;

/// <summary>Letters on their cards, the resolution dialog, the assignments page and the office desk, over the real handlers.</summary>
public sealed class CorrespondenceUiTests : HostedComponentTest
{
    private LetopisHost _host = default!;
    private HttpClient _admin = default!;
    private Guid _adminId;

    private async Task ArrangeAsync()
    {
        _host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        _admin = await _host.AdminAsync();
        _adminId = await FileTestKit.AdminIdAsync(_host);
    }

    private DateOnly Today => DateOnly.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime);

    private async Task<Guid> IncomingLetterAsync(string title, Guid? addresseeId = null, HttpClient? client = null) =>
        await IdOfAsync(await (client ?? _admin).PostAsJsonAsync("/api/v1/documents", new
        {
            typeCode = "incoming-letter",
            title,
            incomingNumber = "17/" + Random.Shared.Next(100, 999),
            incomingDate = Today.AddDays(-2).ToString("yyyy-MM-dd"),
            deliveryMethod = "post",
            pages = 3,
            addresseeId = addresseeId ?? _adminId,
        }));

    private async Task<JsonElement> ResolutionsAsync(Guid letter) => await JsonAsync(_admin, $"/api/v1/documents/{letter}/resolutions");

    private IRenderedComponent<IComponent> OpenCard(Guid document, Guid? userId = null, bool signedIn = false)
    {
        if (!signedIn)
            SignIn(_host, userId ?? _adminId);
        var cut = RenderPage<DocumentCard>((nameof(DocumentCard.Id), document));
        cut.WaitForElement("[data-testid=letter-panel]");
        return cut;
    }

    /// <summary>The input of a Mud field marked with <c>data-testid</c>, on the input itself or on a wrapper.</summary>
    private static string Inputs(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    private static TypedInput Input(IRenderedComponent<IComponent> cut, string testId, int index = 0) =>
        new(cut.FindAll($"input[data-testid={testId}], [data-testid={testId}] input, textarea[data-testid={testId}], [data-testid={testId}] textarea")[index]);

    private static async Task PickUserAsync(IRenderedComponent<IComponent> cut, string testId, int index, Guid id, string name)
    {
        var picker = cut.FindComponents<UserPicker>().Where(p => p.Instance.TestId == testId).ElementAt(index);
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(new PickedUser(id, name)));
    }

    private static async Task SetDueAsync(IRenderedComponent<IComponent> cut, int index, DateOnly day)
    {
        var picker = cut.FindComponents<MudDatePicker>().Where(p => p.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "resolution-assignment-due").ElementAt(index);
        await cut.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(day.ToDateTime(TimeOnly.MinValue)));
    }

    [Fact]
    public async Task ResolutionDialog_TwoAssignmentsOnControl_CreatesBothAndShowsThemOnTheLetter()
    {
        await ArrangeAsync();
        var lawyer = await _host.CreateUserAsync(fullName: "Лебедев Константин " + Guid.NewGuid().ToString("N")[..4]);
        var accountant = await _host.CreateUserAsync(fullName: "Орлова Наталья " + Guid.NewGuid().ToString("N")[..4]);
        var letter = await IncomingLetterAsync("О сверке взаиморасчётов за 2026 год");
        var cut = OpenCard(letter);
        cut.Find("[data-testid=letter-no-resolution]");

        cut.Find("[data-testid=letter-resolve]").Click();
        cut.WaitForElement("[data-testid=resolution-dialog]");
        Input(cut, "resolution-text").Change("Подготовить ответ к пятнице");
        cut.Find("[data-testid=resolution-add-assignment]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=resolution-assignment]").Count.ShouldBe(2));
        Input(cut, "resolution-assignment-text", 0).Change("Проверить договорные основания");
        Input(cut, "resolution-assignment-text", 1).Change("Сверить акт сверки с учётом");
        await PickUserAsync(cut, "resolution-assignment-executor", 0, lawyer.Id, "Лебедев");
        await PickUserAsync(cut, "resolution-assignment-executor", 1, accountant.Id, "Орлова");
        await SetDueAsync(cut, 0, Today.AddDays(3));
        await SetDueAsync(cut, 1, Today.AddDays(5));
        foreach (var toggle in cut.FindAll(Inputs("resolution-assignment-control")).ToList())
            toggle.Change(true);
        cut.WaitForAssertion(() => cut.FindComponents<UserPicker>().Count(p => p.Instance.TestId == "resolution-assignment-controller").ShouldBe(2));
        await PickUserAsync(cut, "resolution-assignment-controller", 0, _adminId, "Администратор");
        await PickUserAsync(cut, "resolution-assignment-controller", 1, _adminId, "Администратор");
        cut.Find("[data-testid=resolution-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=resolution-dialog]").ShouldBeEmpty());
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=letter-panel] [data-testid=assignment]").Count.ShouldBe(2));
        cut.FindAll("[data-testid=assignment]").Select(a => a.GetAttribute("data-status")).ShouldBe(["open", "open"]);
        cut.Find("[data-testid=letter-panel]").TextContent.ShouldContain("Подготовить ответ к пятнице");
        cut.FindAll("[data-testid=assignment-controller]").Count.ShouldBe(2);
        var saved = (await ResolutionsAsync(letter)).EnumerateArray().Single();
        saved.GetProperty("assignments").EnumerateArray().Select(a => (a.GetProperty("executor").GetProperty("id").GetGuid(), a.GetProperty("controller").GetProperty("id").GetGuid()))
            .ShouldBe([(lawyer.Id, _adminId), (accountant.Id, _adminId)]);
    }

    [Fact]
    public async Task ResolutionDialog_OnControlWithoutController_NamesTheFieldAndWritesNothing()
    {
        await ArrangeAsync();
        var executor = await _host.CreateUserAsync();
        var letter = await IncomingLetterAsync("О допуске техники на площадку");
        var cut = OpenCard(letter);

        cut.Find("[data-testid=letter-resolve]").Click();
        cut.WaitForElement("[data-testid=resolution-dialog]");
        Input(cut, "resolution-assignment-text").Change("Оформить пропуск");
        await PickUserAsync(cut, "resolution-assignment-executor", 0, executor.Id, "Исполнитель");
        await SetDueAsync(cut, 0, Today.AddDays(2));
        cut.Find(Inputs("resolution-assignment-control")).Change(true);
        cut.Find("[data-testid=resolution-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=resolution-dialog]").TextContent.ShouldContain("Обязательное поле"));
        (await ResolutionsAsync(letter)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ResolutionDialog_WithoutExecutor_ShowsTheHandlersErrorBesideTheField()
    {
        await ArrangeAsync();
        var letter = await IncomingLetterAsync("О поставке щебня");
        var cut = OpenCard(letter);

        cut.Find("[data-testid=letter-resolve]").Click();
        cut.WaitForElement("[data-testid=resolution-dialog]");
        Input(cut, "resolution-assignment-text").Change("Подготовить коммерческое предложение");
        await SetDueAsync(cut, 0, Today.AddDays(2));
        cut.Find("[data-testid=resolution-save]").Click();

        cut.WaitForAssertion(() =>
        {
            var picker = cut.FindComponents<UserPicker>().Single(p => p.Instance.TestId == "resolution-assignment-executor");
            picker.Instance.ErrorText.ShouldNotBeNullOrEmpty();
        });
        cut.FindAll("[data-testid=resolution-dialog]").Count.ShouldBe(1);
        (await ResolutionsAsync(letter)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task RegisterDialog_IncomingLetter_OffersTheLetterFieldsAndSavesThem()
    {
        await ArrangeAsync();
        SignIn(_host, _adminId);
        var cut = RenderPage<CorrespondenceDesk>();
        cut.WaitForElement("[data-testid=desk-resolution]");
        var title = "О переносе сроков поставки " + Guid.NewGuid().ToString("N")[..6];

        cut.Find("[data-testid=desk-register-incoming]").Click();
        cut.WaitForElement("[data-testid=doc-register-dialog]");
        cut.WaitForElement("[data-testid=letter-delivery]");
        cut.FindAll("[data-testid=letter-reply-to]").ShouldBeEmpty();
        Input(cut, "doc-title").Change(title);
        Input(cut, "doc-incoming-number").Change("112-ПС");
        await cut.InvokeAsync(() => cut.FindComponents<MudDatePicker>().Single(p => p.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "doc-incoming-date")
            .Instance.DateChanged.InvokeAsync(Today.AddDays(-1).ToDateTime(TimeOnly.MinValue)));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(p => p.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "letter-delivery")
            .Instance.ValueChanged.InvokeAsync("courier"));
        Input(cut, "letter-pages").Change("4");
        Input(cut, "letter-attachments").Change("Акт сверки на 2 л.");
        await PickUserAsync(cut, "letter-addressee", 0, _adminId, "Администратор");
        cut.Find("[data-testid=doc-register-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doc-register-dialog]").ShouldBeEmpty());
        var list = await JsonAsync(_admin, "/api/v1/documents?typeCode=incoming-letter&pageSize=500");
        var id = list.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("title").GetString() == title).GetProperty("id").GetGuid();
        var card = await JsonAsync(_admin, $"/api/v1/documents/{id}");
        card.GetProperty("deliveryMethod").GetString().ShouldBe("courier");
        card.GetProperty("pages").GetInt32().ShouldBe(4);
        card.GetProperty("attachments").GetString().ShouldBe("Акт сверки на 2 л.");
        card.GetProperty("addresseeId").GetGuid().ShouldBe(_adminId);
    }

    [Fact]
    public async Task ReplyOnIncomingLetter_RegistersAnOutgoingAnswerAndSendingClosesTheAssignment()
    {
        await ArrangeAsync();
        var letter = await IncomingLetterAsync("Претензия по качеству бетона");
        var created = await _admin.PostAsJsonAsync($"/api/v1/documents/{letter}/resolutions", new
        {
            assignments = new[] { new { executorId = _adminId, text = "Подготовить ответ на претензию", dueOn = Today.AddDays(3).ToString("yyyy-MM-dd") } },
        });
        created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());
        var cut = OpenCard(letter);

        cut.Find("[data-testid=letter-reply]").Click();
        cut.WaitForElement("[data-testid=doc-register-dialog]");
        cut.WaitForAssertion(() => cut.Find(Inputs("letter-reply-to")).GetAttribute("value")!.ShouldStartWith("Входящее письмо"));
        cut.Find("[data-testid=doc-register-save]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doc-register-dialog]").ShouldBeEmpty());

        var replies = (await JsonAsync(_admin, $"/api/v1/documents/{letter}")).GetProperty("replies").EnumerateArray().ToList();
        replies.Count.ShouldBe(1);
        var reply = replies[0].GetProperty("id").GetGuid();
        await Ctx.DisposeComponentsAsync();
        var answer = OpenCard(reply, signedIn: true);
        answer.Find("[data-testid=letter-sent]").GetAttribute("data-sent").ShouldBe("no");
        answer.Find("[data-testid=letter-send]").Click();
        answer.WaitForElement("[data-testid=letter-send-dialog]");
        answer.Find("[data-testid=letter-send-closes]");
        Input(answer, "letter-send-tracking").Change("80085512345678");
        answer.Find("[data-testid=letter-send-save]").Click();

        answer.WaitForAssertion(() => answer.Find("[data-testid=letter-sent]").GetAttribute("data-sent").ShouldBe("yes"));
        answer.Find("[data-testid=letter-sent]").TextContent.ShouldContain("80085512345678");
        var assignment = (await ResolutionsAsync(letter)).EnumerateArray().Single().GetProperty("assignments").EnumerateArray().Single();
        assignment.GetProperty("status").GetString().ShouldBe("done");
        assignment.GetProperty("closure").GetString().ShouldBe("reply");
    }

    [Fact]
    public async Task AssignmentsPage_ExecutorReportsOnAControlledAssignment_ItWaitsForTheController()
    {
        await ArrangeAsync();
        var executor = await _host.CreateUserAsync(fullName: "Морозова Ольга " + Guid.NewGuid().ToString("N")[..4]);
        var letter = await IncomingLetterAsync("Запрос документов для аудита");
        var text = "Собрать копии договоров " + Guid.NewGuid().ToString("N")[..6];
        var created = await _admin.PostAsJsonAsync($"/api/v1/documents/{letter}/resolutions", new
        {
            assignments = new[] { new { executorId = executor.Id, text, dueOn = Today.AddDays(4).ToString("yyyy-MM-dd"), controllerId = _adminId } },
        });
        created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());
        SignIn(_host, executor.Id);
        var cut = RenderPage<AssignmentsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=assignments-text]").TextContent.ShouldBe(text));
        cut.FindAll(".mud-tab").First().TextContent.ShouldContain("Мои (1");
        cut.Find("[data-testid=assignments-report]").Click();
        cut.WaitForElement("[data-testid=assignment-action-dialog]");
        Input(cut, "assignment-action-text").Change("Копии собраны и переданы в бухгалтерию");
        cut.Find("[data-testid=assignment-action-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=assignment-action-dialog]").ShouldBeEmpty());
        cut.WaitForAssertion(() => cut.Find("[data-testid=assignments-row]").GetAttribute("data-status").ShouldBe("reported"));
        var assignment = (await ResolutionsAsync(letter)).EnumerateArray().Single().GetProperty("assignments").EnumerateArray().Single();
        assignment.GetProperty("status").GetString().ShouldBe("reported");
        assignment.GetProperty("reports").EnumerateArray().Single().GetProperty("text").GetString().ShouldBe("Копии собраны и переданы в бухгалтерию");
    }

    [Fact]
    public async Task NavBadge_AnAssignmentArrives_CountsItAtOnce()
    {
        await ArrangeAsync();
        var executor = await _host.CreateUserAsync();
        Ctx.Services.AddSingleton(_host.Services.GetRequiredService<NotificationBroadcaster>());
        SignIn(_host, executor.Id);
        var cut = RenderPage<AssignmentNavLink>(("PollInterval", TimeSpan.FromHours(1)));
        cut.Find("[data-testid=nav-assignments]").TextContent.ShouldContain("Поручения");
        cut.FindAll("[data-testid=nav-assignments-badge]").ShouldBeEmpty();

        var letter = await IncomingLetterAsync("О поставке щебня");
        var created = await _admin.PostAsJsonAsync($"/api/v1/documents/{letter}/resolutions", new
        {
            assignments = new[] { new { executorId = executor.Id, text = "Проверить счёт", dueOn = Today.AddDays(2).ToString("yyyy-MM-dd") } },
        });
        created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());

        // The notification of the new assignment refreshes the badge; no poll is due for an hour.
        cut.WaitForAssertion(() => cut.Find("[data-testid=nav-assignments-badge]").GetAttribute("data-open").ShouldBe("1"), TimeSpan.FromSeconds(10));
        var badge = cut.Find("[data-testid=nav-assignments-badge]");
        badge.GetAttribute("data-overdue").ShouldBe("0");
        badge.TextContent.Trim().ShouldBe("1");
        badge.GetAttribute("title").ShouldBe("Мои: 1, просрочено: 0; ждут моего решения: 0");
    }

    [Fact]
    public async Task LetterCard_ControllerReturnsAReport_TheExecutorSeesItOpenWithTheComment()
    {
        await ArrangeAsync();
        var executor = await _host.CreateUserAsync();
        var letter = await IncomingLetterAsync("О согласовании графика работ");
        var created = await _admin.PostAsJsonAsync($"/api/v1/documents/{letter}/resolutions", new
        {
            assignments = new[] { new { executorId = executor.Id, text = "Согласовать график", dueOn = Today.AddDays(4).ToString("yyyy-MM-dd"), controllerId = _adminId } },
        });
        var assignmentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignments")[0].GetProperty("id").GetGuid();
        using var executorClient = await _host.ClientAsync(executor.Login, executor.Password);
        (await executorClient.PostAsJsonAsync($"/api/v1/assignments/{assignmentId}/report", new { text = "График согласован устно" })).EnsureSuccessStatusCode();
        var cut = OpenCard(letter);

        cut.WaitForAssertion(() => cut.Find("[data-testid=assignment]").GetAttribute("data-status").ShouldBe("reported"));
        cut.Find("[data-testid=assignment-return]").Click();
        cut.WaitForElement("[data-testid=assignment-action-dialog]");
        Input(cut, "assignment-action-text").Change("Нужно письменное согласование");
        cut.Find("[data-testid=assignment-action-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=assignment]").GetAttribute("data-status").ShouldBe("open"));
        cut.Find("[data-testid=assignment-report-outcome]").TextContent.ShouldContain("Нужно письменное согласование");
        var assignment = await JsonAsync(_admin, $"/api/v1/assignments/{assignmentId}");
        assignment.GetProperty("status").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task Desk_LetterWithoutResolution_IsListedAwaitingResolutionUntilOneIsWritten()
    {
        await ArrangeAsync();
        // A secretary of their own: the desk lists the letters its viewer sees, here only this one.
        var secretary = await _host.CreateUserAsync();
        using var client = await _host.ClientAsync(secretary.Login, secretary.Password);
        var letter = await IncomingLetterAsync("О предоставлении исполнительной документации", secretary.Id, client);
        SignIn(_host, secretary.Id);
        var cut = RenderPage<CorrespondenceDesk>();

        cut.WaitForElement("[data-testid=desk-resolution]");
        cut.Find("[data-testid=desk-resolution]").GetAttribute("data-count").ShouldBe("1");
        cut.FindAll($"[data-testid=desk-resolution] [data-testid=desk-letter][data-id='{letter}']").Count.ShouldBe(1);
        var created = await client.PostAsJsonAsync($"/api/v1/documents/{letter}/resolutions", new
        {
            assignments = new[] { new { executorId = secretary.Id, text = "Подготовить документацию", dueOn = Today.AddDays(4).ToString("yyyy-MM-dd") } },
        });
        created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());

        await Ctx.DisposeComponentsAsync();
        var again = RenderPage<CorrespondenceDesk>();
        again.WaitForElement("[data-testid=desk-resolution]");
        again.Find("[data-testid=desk-resolution]").GetAttribute("data-count").ShouldBe("0");
        again.Find("[data-testid=desk-reply]").GetAttribute("data-count").ShouldBe("1");
    }

    [Fact]
    public async Task DocumentCard_AMemo_HasNoLetterPanelAndItsFormNoLetterFields()
    {
        await ArrangeAsync();
        var memo = await IdOfAsync(await _admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "internal-memo", title = "О графике отпусков" }));
        SignIn(_host, _adminId);
        var cut = RenderPage<DocumentCard>((nameof(DocumentCard.Id), memo));
        cut.WaitForElement("[data-testid=doc-heading]");

        cut.FindAll("[data-testid=letter-panel]").ShouldBeEmpty();
        cut.Find("[data-testid=doc-edit]").Click();
        cut.WaitForElement("[data-testid=doc-save]");
        cut.FindAll("[data-testid=letter-delivery]").ShouldBeEmpty();
        cut.FindComponents<UserPicker>().Where(p => p.Instance.TestId == "letter-addressee").ShouldBeEmpty();
    }
}
