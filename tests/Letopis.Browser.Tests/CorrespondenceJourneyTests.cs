using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class CorrespondenceJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task IncomingLetter_ResolutionWithTwoAssignments_ReportAcceptedAndReplySent_ClosesBoth()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"О сверке взаиморасчётов за IV квартал ({suffix})";
        // The company's day (Moscow), as the date pickers read it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));

        // The secretary registers the letter from the office desk.
        var secretary = await server.NewPageAsync();
        await secretary.SignInAsync("sekretar", LetopisServer.DemoPassword);
        await secretary.ClickAsync("[data-testid=nav-correspondence]");
        await secretary.WaitForURLAsync(url => url.EndsWith("/correspondence", StringComparison.Ordinal));
        await secretary.ClickAsync("[data-testid=desk-register-incoming]");
        await secretary.WaitForSelectorAsync("[data-testid=doc-register-dialog] [data-testid=letter-delivery]");
        await secretary.Field("doc-title").FillAsync(title);
        await secretary.Field("doc-incoming-number").FillAsync($"1205/{suffix[..3]}");
        await FillDateAsync(secretary.Field("doc-incoming-date"), today.AddDays(-1));
        await secretary.PickAsync("letter-delivery", "Почта");
        await secretary.Field("letter-pages").FillAsync("2");
        await secretary.Field("letter-attachments").FillAsync("Акт сверки на 1 л.");
        await PickUserAsync(secretary, secretary.Field("letter-addressee"), "Соколов", "Соколов Андрей Викторович");
        await secretary.ClickAsync("[data-testid=doc-register-save]");
        await secretary.WaitForSelectorAsync("[data-testid=doc-register-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await secretary.WaitForURLAsync(url => url.Contains("/documents/", StringComparison.Ordinal));
        await Assertions.Expect(secretary.Locator("[data-testid=letter-panel]")).ToHaveAttributeAsync("data-kind", "incoming_letter");
        await Assertions.Expect(secretary.Locator("[data-testid=letter-facts]")).ToContainTextAsync("Почта");
        var letterUrl = new Uri(secretary.Url).AbsolutePath;

        // The director writes a resolution: two assignments, both on his control.
        var director = await server.NewPageAsync();
        await director.SignInAsync("director", LetopisServer.DemoPassword);
        await director.GoAsync(letterUrl);
        await director.ClickAsync("[data-testid=letter-resolve]");
        await director.WaitForSelectorAsync("[data-testid=resolution-dialog]");
        await director.Locator("textarea[data-testid=resolution-text], [data-testid=resolution-text] textarea").First.FillAsync("Проверить и подготовить ответ");
        await director.ClickAsync("[data-testid=resolution-add-assignment]");
        await Assertions.Expect(director.Locator("[data-testid=resolution-assignment]")).ToHaveCountAsync(2);
        var people = new[] { ("Лебедев", "Лебедев Константин Юрьевич", "Проверить договорные основания претензии"), ("Орлова", "Орлова Наталья Геннадьевна", "Сверить акт с данными учёта") };
        for (var i = 0; i < people.Length; i++)
        {
            var (typed, fullName, text) = people[i];
            var assignment = director.Locator("[data-testid=resolution-assignment]").Nth(i);
            await assignment.Locator("textarea").First.FillAsync(text);
            await PickUserAsync(director, assignment.Locator("[data-testid=resolution-assignment-executor] input, input[data-testid=resolution-assignment-executor]").First, typed, fullName);
            await FillDateAsync(assignment.Locator("[data-testid=resolution-assignment-due] input, input[data-testid=resolution-assignment-due]").First, today.AddDays(3 + i));
            var controller = assignment.Locator("[data-testid=resolution-assignment-controller] input, input[data-testid=resolution-assignment-controller]").First;
            await OnControlAsync(assignment, controller);
            await PickUserAsync(director, controller, "Соколов", "Соколов Андрей Викторович");
        }
        await director.ClickAsync("[data-testid=resolution-save]");
        await director.WaitForSelectorAsync("[data-testid=resolution-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        var assignments = director.Locator("[data-testid=letter-panel] [data-testid=assignment]");
        await Assertions.Expect(assignments).ToHaveCountAsync(2);
        await Assertions.Expect(assignments.Nth(0)).ToHaveAttributeAsync("data-status", "open");
        await Assertions.Expect(assignments.Nth(1)).ToHaveAttributeAsync("data-status", "open");
        await Assertions.Expect(director.Locator("[data-testid=assignment-controller]")).ToHaveCountAsync(2);
        await director.ShotAsync(server, "letters-resolution");

        // The lawyer finds his assignment beside the agenda and reports.
        var lawyer = await server.NewPageAsync();
        await lawyer.SignInAsync("lebedev", LetopisServer.DemoPassword);
        await lawyer.ClickAsync("[data-testid=nav-assignments]");
        await lawyer.WaitForURLAsync(url => url.EndsWith("/assignments", StringComparison.Ordinal));
        var row = lawyer.Locator("[data-testid=assignments] tr", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await lawyer.ShotAsync(server, "assignments");
        await row.Locator("[data-testid=assignments-report]").ClickAsync();
        await lawyer.WaitForSelectorAsync("[data-testid=assignment-action-dialog]");
        await lawyer.Locator("textarea[data-testid=assignment-action-text], [data-testid=assignment-action-text] textarea").First
            .FillAsync("Претензия обоснована частично: разница 12 400 ₽ по акту № 57. Проект ответа приложен.");
        await lawyer.SetInputFilesAsync("[data-testid=assignment-report-file]", new FilePayload
        {
            Name = "Проект ответа.txt",
            MimeType = "text/plain",
            Buffer = "Проект ответа на претензию: признаём 12 400 ₽ по акту № 57."u8.ToArray(),
        });
        await Assertions.Expect(lawyer.Locator("[data-testid=assignment-report-picked]")).ToHaveTextAsync("Проект ответа.txt");
        await lawyer.ClickAsync("[data-testid=assignment-action-save]");
        await lawyer.WaitForSelectorAsync("[data-testid=assignment-action-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Assertions.Expect(row.Locator("[data-testid=assignments-row]")).ToHaveAttributeAsync("data-status", "reported");

        // The director accepts the report on the letter's card.
        await director.GoAsync(letterUrl);
        var reported = director.Locator("[data-testid=assignment][data-status=reported]");
        await Assertions.Expect(reported).ToHaveCountAsync(1);
        await Assertions.Expect(reported.Locator("[data-testid=assignment-report-text]")).ToContainTextAsync("разница 12 400 ₽");
        await Assertions.Expect(reported.Locator("[data-testid=assignment-report-file-link]")).ToContainTextAsync("Проект ответа.txt");
        await reported.Locator("[data-testid=assignment-accept]").ClickAsync();
        await Assertions.Expect(director.Locator("[data-testid=assignment][data-status=done]")).ToHaveCountAsync(1);

        // The secretary answers the letter and records the sending.
        await secretary.GoAsync(letterUrl);
        await secretary.ClickAsync("[data-testid=letter-reply]");
        await secretary.WaitForSelectorAsync("[data-testid=doc-register-dialog]");
        await Assertions.Expect(secretary.Field("letter-reply-to")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Входящее письмо"));
        await secretary.ClickAsync("[data-testid=doc-register-save]");
        await secretary.WaitForSelectorAsync("[data-testid=doc-register-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Assertions.Expect(secretary.Locator("[data-testid=letter-panel]")).ToHaveAttributeAsync("data-kind", "outgoing_letter");
        await Assertions.Expect(secretary.Locator("[data-testid=letter-reply-to-link]")).ToContainTextAsync(title);
        var replyUrl = new Uri(secretary.Url).AbsolutePath;
        var replyId = replyUrl.Split('/')[^1];
        var letterId = letterUrl.Split('/')[^1];

        // The desk: the letter waits for its reply to go out, the reply waits to be sent.
        await secretary.ClickAsync("[data-testid=nav-correspondence]");
        await secretary.WaitForURLAsync(url => url.EndsWith("/correspondence", StringComparison.Ordinal));
        await Assertions.Expect(secretary.Locator($"[data-testid=desk-reply] [data-testid=desk-letter][data-id='{letterId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(secretary.Locator($"[data-testid=desk-sending] [data-testid=desk-letter][data-id='{replyId}']")).ToHaveCountAsync(1);
        await secretary.ShotAsync(server, "correspondence-desk");

        await secretary.GoAsync(replyUrl);
        await secretary.ClickAsync("[data-testid=letter-send]");
        await secretary.WaitForSelectorAsync("[data-testid=letter-send-dialog]");
        await secretary.Field("letter-send-tracking").FillAsync("80085512345678");
        await secretary.ClickAsync("[data-testid=letter-send-save]");
        await Assertions.Expect(secretary.Locator("[data-testid=letter-sent]")).ToHaveAttributeAsync("data-sent", "yes");

        // Both assignments of the letter are closed: one by the accepted report, one by the reply.
        await secretary.GoAsync(letterUrl);
        await Assertions.Expect(secretary.Locator("[data-testid=assignment][data-status=done]")).ToHaveCountAsync(2);
        await Assertions.Expect(secretary.Locator("[data-testid=assignment-closure]")).ToHaveCountAsync(2);
        await Assertions.Expect(secretary.Locator("[data-testid=letter-reply-link]")).ToHaveCountAsync(1);

        await secretary.GoAsync("/correspondence");
        await Assertions.Expect(secretary.Locator($"[data-testid=desk-reply] [data-testid=desk-letter][data-id='{letterId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(secretary.Locator($"[data-testid=desk-sending] [data-testid=desk-letter][data-id='{replyId}']")).ToHaveCountAsync(0);
    }

    private static async Task FillDateAsync(ILocator input, DateOnly day)
    {
        await input.FillAsync(day.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
        await Assertions.Expect(input).ToHaveValueAsync(day.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Ticks «на контроле» until the controller field shows: on a loaded machine a click can land while the
    /// dialog's new row is still being wired up and be lost; the box is only clicked while it is unticked.
    /// </summary>
    private static async Task OnControlAsync(ILocator assignment, ILocator controller)
    {
        var box = assignment.Locator("[data-testid=resolution-assignment-control] input, input[data-testid=resolution-assignment-control]").First;
        var label = assignment.Locator("[data-testid=resolution-assignment-control] label, label:has(input[data-testid=resolution-assignment-control])").First;
        for (var attempt = 0; attempt < 5 && !await controller.IsVisibleAsync(); attempt++)
        {
            if (!await box.IsCheckedAsync())
                await label.ClickAsync();
            try
            {
                await controller.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 5000 });
            }
            catch (TimeoutException)
            {
                // Looked again on the next attempt.
            }
        }
        await Assertions.Expect(controller).ToBeVisibleAsync();
    }

    /// <summary>Types into a user picker, waits for the filtered list, picks, and waits until the choice is shown.</summary>
    private static async Task PickUserAsync(IPage page, ILocator input, string typed, string fullName)
    {
        await input.FillAsync(typed);
        await page.WaitForFunctionAsync(
            "([text]) => { const items = [...document.querySelectorAll('.mud-popover-open .mud-list-item')]; return items.length > 0 && items.every(i => i.textContent.includes(text)); }",
            new object[] { fullName });
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await Assertions.Expect(input).ToHaveValueAsync(fullName);
        await page.WaitForSelectorAsync(".mud-popover-open .mud-list-item", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
    }
}
