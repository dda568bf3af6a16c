using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class JourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Admin_VisitsEverySection_InRussianEnglishAndOnPhone()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("admin", LetopisServer.AdminPassword);

        await page.GoAsync("/admin/users");
        await page.WaitForSelectorAsync("[data-testid=users-table] tbody tr >> text=Иванова Мария Александровна");
        (await page.InnerTextAsync("[data-testid=users-total]")).ShouldBe("Всего: 16");
        await page.ShotAsync(server, "users");

        await page.ClickAsync("[data-testid=user-create]");
        await page.WaitForSelectorAsync(".mud-dialog [data-testid=user-save]");
        await page.ShotAsync(server, "users-create");
        await page.Keyboard.PressAsync("Escape");

        await page.GoAsync("/admin/departments");
        await page.WaitForSelectorAsync("[data-testid=departments-table] >> text=Отдел продаж");
        await page.ShotAsync(server, "departments");

        await page.GoAsync("/admin/roles");
        await page.WaitForSelectorAsync("[data-testid=permission-matrix] tr[data-kind=document]");
        await page.ShotAsync(server, "roles");

        await page.GoAsync("/deputies");
        await page.WaitForSelectorAsync("[data-testid=deputies-mine]");
        await page.ShotAsync(server, "deputies");

        await page.GoAsync("/profile");
        await page.WaitForSelectorAsync("[data-testid=profile-fullname]");
        await page.ShotAsync(server, "profile");

        await page.GoAsync("/search?q=" + Uri.EscapeDataString("ова"));
        await page.WaitForSelectorAsync("[data-testid=search-result]");
        (await page.Locator("[data-testid=search-result]").CountAsync()).ShouldBeGreaterThan(3);
        await page.ShotAsync(server, "search");

        // Language switch from the user menu: the whole shell comes back in English.
        await page.GoAsync("/");
        await page.ClickAsync("[data-testid=user-menu-button]");
        await page.ClickAsync("[data-testid=switch-language]");
        await page.WaitForSelectorAsync("[data-testid=greeting] >> text=Hello,");
        await page.WaitForInteractiveAsync();
        (await page.InnerTextAsync("[data-testid=nav-drawer]")).ShouldContain("Employees");
        await page.ShotAsync(server, "home-en");
        await page.GoAsync("/admin/roles");
        await page.WaitForSelectorAsync("[data-testid=permission-matrix] >> text=Counterparties");
        await page.ShotAsync(server, "roles-en");

        var phone = await server.NewPageAsync(390, 844);
        await phone.SignInAsync("admin", LetopisServer.AdminPassword);
        (await phone.IsVisibleAsync("[data-testid=nav-home]")).ShouldBeFalse();
        await phone.ShotAsync(server, "phone-home");
        await phone.ClickAsync("[data-testid=nav-toggle]");
        await phone.WaitForSelectorAsync("[data-testid=nav-home]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });
        await phone.WaitForTimeoutAsync(400);
        await phone.ShotAsync(server, "phone-nav");
    }

    [Fact]
    public async Task Admin_CreatesDepartmentAndUser_NewUserSignsInAndSeesName()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var department = "Отдел качества " + suffix;
        var login = "kachestvo" + suffix;
        var fullName = "Григорьев Олег Петрович";
        const string password = "kachestvo-2026";

        var page = await server.NewPageAsync();
        await page.SignInAsync("admin", LetopisServer.AdminPassword);

        await page.GoAsync("/admin/departments");
        await page.ClickAsync("[data-testid=department-create]");
        await page.Field("department-name").FillAsync(department);
        await page.ClickAsync("[data-testid=department-save]");
        await page.WaitForSelectorAsync($"[data-testid=departments-table] >> text={department}");

        // A department with people in it is not deleted; the handler's refusal is shown in Russian.
        await page.ClickAsync("[data-testid=departments-table] tr:has-text('Отдел продаж') button[aria-label='Удалить']");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync(".mud-snackbar >> text=В отделе ещё есть сотрудники или подотделы");

        // A permission cell is saved as soon as it is picked and survives a reload.
        await page.GoAsync("/admin/roles");
        await page.ClickAsync("[data-testid=roles-list] >> text=Руководитель");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=permission-matrix]') !== null");
        await page.PickAsync("cell-document-delete", "Свои");
        await page.WaitForSelectorAsync(".mud-snackbar >> text=Сохранено");
        await page.GoAsync("/admin/roles");
        await page.ClickAsync("[data-testid=roles-list] >> text=Руководитель");
        await page.WaitForTimeoutAsync(500);
        (await page.Field("cell-document-delete").InputValueAsync()).ShouldBe("Свои");
        (await page.Field("cell-document-edit").InputValueAsync()).ShouldBe("Отдел и ниже");

        await page.GoAsync("/admin/users");
        await page.ClickAsync("[data-testid=user-create]");
        await page.Field("user-login").FillAsync(login);
        await page.Field("user-password").FillAsync("short");
        await page.Field("user-fullname").FillAsync(fullName);
        await page.PickAsync("user-department", department);
        await page.ClickAsync("[data-testid=user-save]");
        // The handler's field error appears beside the password, in Russian.
        await page.WaitForSelectorAsync(".mud-dialog >> text=Не короче 8 символов, хотя бы одна цифра");
        await page.ShotAsync(server, "users-create-error");
        await page.Field("user-password").FillAsync(password);
        await page.ClickAsync("[data-testid=user-save]");
        await page.WaitForSelectorAsync(".mud-dialog", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        // The list reloads after saving; once the new row is there, its history shows who created it.
        await page.WaitForSelectorAsync($"[data-testid=users-table] tbody >> text={login}");
        await page.ClickAsync($"[data-testid=users-table] tr:has-text('{login}') button[aria-label='История']");
        await page.WaitForSelectorAsync("[data-testid=history-table] >> text=Администратор");
        await page.ShotAsync(server, "users-history");
        await page.ClickAsync(".mud-dialog button:has-text('Закрыть')");
        await page.WaitForSelectorAsync(".mud-dialog", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.Field("users-search").FillAsync(login);
        // The search reloads the table after a debounce: wait for the filtered total, not a row that was already there.
        await page.WaitForSelectorAsync("[data-testid=users-total] >> text=Всего: 1");
        await page.WaitForSelectorAsync($"[data-testid=users-table] tbody >> text={department}");

        var newcomer = await server.NewPageAsync();
        await newcomer.SignInAsync(login, password);
        (await newcomer.InnerTextAsync("[data-testid=user-name]")).ShouldBe(fullName);
        (await newcomer.InnerTextAsync("[data-testid=greeting]")).ShouldBe("Здравствуйте, Олег Петрович!");
    }

    [Fact]
    public async Task Employee_DoesNotSeeAdministration_ButActsForAbsentColleague()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("ivanova", LetopisServer.DemoPassword);

        (await page.InnerTextAsync("[data-testid=greeting]")).ShouldBe("Здравствуйте, Мария Александровна!");
        (await page.Locator("[data-testid=nav-admin]").CountAsync()).ShouldBe(0);
        (await page.InnerTextAsync("[data-testid=nav-drawer]")).ShouldNotContain("Администрирование");
        // At least the deputyship notice; other journeys on the same server may have added more.
        (await page.InnerTextAsync("[data-testid=bell-badge]")).ShouldMatch("[1-9]");
        await page.ShotAsync(server, "home-employee");

        await page.ClickAsync("[data-testid=bell-button]");
        await page.WaitForSelectorAsync("[data-testid=bell-item] >> text=Вы замещаете Смирнова Дмитрия Олеговича");
        await page.ShotAsync(server, "notifications");
        await page.Keyboard.PressAsync("Escape");

        await page.ClickAsync("[data-testid=act-for]");
        await page.WaitForSelectorAsync("[data-testid=acting-banner] >> text=Смирнов Дмитрий Олегович");
        await page.ShotAsync(server, "acting");
        await page.ClickAsync("[data-testid=acting-banner] button");
        await page.WaitForSelectorAsync("[data-testid=acting-banner]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });

        await page.GoAsync("/admin/users");
        await page.WaitForSelectorAsync("[data-testid=forbidden]");
        (await page.Locator("[data-testid=users-table]").CountAsync()).ShouldBe(0);
    }
}
