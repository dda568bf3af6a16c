using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Approvals.SchemesData;

namespace Letopis.Web.Tests.Approvals;

public class SchemesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Post_StableCore_PublishesVersionOne_ThenTwo_AndADraftPublishesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync(fullName: "Юристова Анна Петровна");
        var accountant = await host.CreateUserAsync(fullName: "Бухова Ольга Ивановна");
        var (typeId, code) = await DocumentTypeAsync(admin);

        var response = await admin.PostAsJsonAsync("/api/v1/approval-schemes", new
        {
            documentTypeCode = code,
            stages = new object[]
            {
                new { approverIds = new[] { lawyer.Id }, mode = "all", days = 2 },
                new { approverIds = new[] { lawyer.Id, accountant.Id }, mode = "any", days = 3 },
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var first = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = first.GetProperty("id").GetGuid();
        first.GetProperty("version").GetInt32().ShouldBe(1);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/approval-schemes/{id}");

        var scheme = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{id}");
        scheme.GetProperty("documentTypeCode").GetString().ShouldBe(code);
        scheme.GetProperty("publishedVersion").GetInt32().ShouldBe(1);
        scheme.GetProperty("draft").ValueKind.ShouldBe(JsonValueKind.Null);
        var published = scheme.GetProperty("published");
        var stages = published.GetProperty("stages").EnumerateArray().ToList();
        stages.Count.ShouldBe(2);
        stages[0].GetProperty("name").GetString().ShouldBe("Этап 1");
        stages[0].GetProperty("approvers")[0].GetProperty("kind").GetString().ShouldBe("user");
        stages[0].GetProperty("approvers")[0].GetProperty("name").GetString().ShouldBe("Юристова Анна Петровна");
        stages[1].GetProperty("mode").GetString().ShouldBe("any");
        stages[1].GetProperty("days").GetInt32().ShouldBe(3);
        published.StageKeys().ShouldAllBe(k => System.Text.RegularExpressions.Regex.IsMatch(k, "^s[0-9a-f]{8}$"));

        var second = await PostAsync(admin, new { documentTypeCode = code, stages = new[] { new { approverIds = new[] { accountant.Id }, mode = "all", days = 5 } } });
        second.GetProperty("id").GetGuid().ShouldBe(id);
        second.GetProperty("version").GetInt32().ShouldBe(2);

        var draft = await PostAsync(admin, new { documentTypeCode = code, draft = true, stages = new[] { new { approverIds = new[] { lawyer.Id }, mode = "all", days = 7 } } });
        draft.GetProperty("version").GetInt32().ShouldBe(2);
        draft.GetProperty("draft").GetBoolean().ShouldBeTrue();
        var rows = await RowsAsync(host, typeId);
        (rows.Schemes, rows.Versions, rows.Published).ShouldBe((1, 2, 2));
        rows.Draft.ShouldNotBeNull();

        var byType = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/document-types/{code}/approval-scheme");
        byType.GetProperty("publishedVersion").GetInt32().ShouldBe(2);
        byType.GetProperty("published").GetProperty("stages")[0].GetProperty("days").GetInt32().ShouldBe(5);
        byType.GetProperty("draft").GetProperty("stages")[0].GetProperty("days").GetInt32().ShouldBe(7);
        byType.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()).ShouldBe([2, 1]);
        // Version 1 is still exactly what was published first.
        var v1 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{id}/versions/1");
        v1.GetProperty("definition").GetProperty("stages").GetArrayLength().ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Publish_Draft_MakesReadOnlyVersions_WhichCompareStageByStage(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync(fullName: "Правова Инна Сергеевна");
        var director = await host.CreateUserAsync(fullName: "Директоров Пётр Ильич");
        var watcher = await host.CreateUserAsync(fullName: "Контролёва Вера Павловна");
        var departmentId = await host.CreateDepartmentAsync("Бухгалтерия");
        var roles = await admin.GetFromJsonAsync<JsonElement>("/api/v1/roles");
        var headRole = roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "head");
        var (_, code) = await DocumentTypeAsync(admin);

        var created = await PostAsync(admin, new
        {
            documentTypeCode = code,
            name = "Договоры: юрист и бухгалтерия",
            draft = true,
            rework = "everyone",
            stages = new object[]
            {
                new { name = "Юрист", approvers = new[] { new { kind = "user", userId = lawyer.Id } }, days = 2, remindDaysBefore = 1 },
                new
                {
                    name = "Бухгалтерия",
                    approvers = new object[] { new { kind = "department_head", departmentId }, new { kind = "role", roleId = headRole.GetProperty("id").GetGuid() } },
                    mode = "quorum", quorum = 1, days = 3, notifyOnOverdue = new[] { watcher.Id }, notifyApproverHead = false,
                },
            },
        });
        created.GetProperty("version").GetInt32().ShouldBe(0);
        var id = created.GetProperty("id").GetGuid();
        var draft = created.GetProperty("scheme").GetProperty("draft");
        var keys = draft.StageKeys();
        var accounting = draft.GetProperty("stages")[1];
        accounting.GetProperty("approvers")[0].GetProperty("name").GetString().ShouldStartWith("Бухгалтерия");
        accounting.GetProperty("approvers")[1].GetProperty("name").GetString().ShouldBe(headRole.GetProperty("displayName").GetString());
        accounting.GetProperty("notifyOnOverdue")[0].GetProperty("fullName").GetString().ShouldBe("Контролёва Вера Павловна");
        accounting.GetProperty("mode").GetString().ShouldBe("quorum");
        accounting.GetProperty("notifyApproverHead").GetBoolean().ShouldBeFalse();

        var publish = await admin.PostAsJsonAsync($"/api/v1/approval-schemes/{id}/publish", new { comment = "Первая редакция" });
        publish.StatusCode.ShouldBe(HttpStatusCode.OK, await publish.Content.ReadAsStringAsync());
        var scheme = await publish.Content.ReadFromJsonAsync<JsonElement>();
        scheme.GetProperty("publishedVersion").GetInt32().ShouldBe(1);
        scheme.GetProperty("draft").ValueKind.ShouldBe(JsonValueKind.Null);
        var summary = scheme.GetProperty("versions")[0];
        summary.GetProperty("comment").GetString().ShouldBe("Первая редакция");
        summary.GetProperty("publishedBy").GetProperty("id").GetGuid().ShouldNotBe(Guid.Empty);
        summary.GetProperty("runningRoutes").GetInt32().ShouldBe(0);
        var v1Before = await (await admin.GetAsync($"/api/v1/approval-schemes/{id}/versions/1")).Content.ReadAsStringAsync();

        // Nothing to publish now.
        var again = await admin.PostAsJsonAsync($"/api/v1/approval-schemes/{id}/publish", new { comment = "Повтор" });
        (await ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("approval_no_draft");

        // Edit: the lawyer's stage keeps its key and gets a longer deadline, the director is added, accounting goes.
        var put = await admin.PutAsJsonAsync($"/api/v1/approval-schemes/{id}/draft", new
        {
            stages = new object[]
            {
                new { key = keys[0], name = "Юрист", approvers = new[] { new { kind = "user", userId = lawyer.Id } }, days = 4 },
                new
                {
                    name = "Директор", approvers = new[] { new { kind = "user", userId = director.Id } }, days = 1,
                    condition = new { field = "amount", @operator = "greater", value = 1_000_000m },
                },
            },
            version = scheme.GetProperty("version").GetInt32(),
        });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var edited = await put.Content.ReadFromJsonAsync<JsonElement>();
        edited.GetProperty("draft").GetProperty("stages")[1].GetProperty("condition").GetProperty("operator").GetString().ShouldBe("greater");
        edited.GetProperty("draft").GetProperty("stages")[1].GetProperty("remindDaysBefore").GetInt32().ShouldBe(0);
        edited.GetProperty("publishedVersion").GetInt32().ShouldBe(1);

        // A stale version is refused and changes nothing.
        var stale = await admin.PostAsJsonAsync($"/api/v1/approval-schemes/{id}/publish", new { comment = "x", version = scheme.GetProperty("version").GetInt32() });
        (await ProblemAsync(stale, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("stale_version");

        (await admin.PostAsJsonAsync($"/api/v1/approval-schemes/{id}/publish", new { comment = "Директор при сумме больше миллиона" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var v1After = await (await admin.GetAsync($"/api/v1/approval-schemes/{id}/versions/1")).Content.ReadAsStringAsync();
        v1After.ShouldBe(v1Before);
        var v2 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{id}/versions/2");
        v2.GetProperty("comment").GetString().ShouldBe("Директор при сумме больше миллиона");
        // A draft is replaced whole: without «rework» it takes the default.
        v2.GetProperty("definition").GetProperty("rework").GetString().ShouldBe("not_yet_approved");
        (await admin.GetAsync($"/api/v1/approval-schemes/{id}/versions/3")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var compare = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{id}/compare?left=1&right=2");
        compare.GetProperty("left").GetProperty("number").GetInt32().ShouldBe(1);
        compare.GetProperty("right").GetProperty("number").GetInt32().ShouldBe(2);
        compare.GetProperty("left").GetProperty("definition").GetProperty("rework").GetString().ShouldBe("everyone");
        compare.GetProperty("reworkChanged").GetBoolean().ShouldBeTrue();
        var diff = compare.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        diff[keys[0]].GetProperty("change").GetString().ShouldBe("changed");
        diff[keys[0]].GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldBe(["days", "remindDaysBefore"]);
        diff[keys[1]].GetProperty("change").GetString().ShouldBe("removed");
        diff.Values.Count(d => d.GetProperty("change").GetString() == "added").ShouldBe(1);
        diff.Values.Single(d => d.GetProperty("change").GetString() == "added").GetProperty("rightName").GetString().ShouldBe("Директор");
        var same = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{id}/compare?left=2&right=2");
        same.GetProperty("stages").EnumerateArray().ShouldAllBe(s => s.GetProperty("change").GetString() == "same");
        same.GetProperty("reworkChanged").GetBoolean().ShouldBeFalse();

        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{id}/history?pageSize=100");
        var changes = history.GetProperty("items").EnumerateArray().ToList();
        changes.ShouldContain(c => c.GetProperty("field").GetString() == "publishComment" && c.GetProperty("newValue").GetString() == "Первая редакция");
        changes.ShouldContain(c => c.GetProperty("field").GetString() == "publishedVersion" && c.GetProperty("newValue").GetString() == "2");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Writes_WithoutTheApprovalRight_Are403_ButEveryoneReads(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var employee = await host.CreateUserAsync();
        var staff = await host.ClientAsync(employee.Login, employee.Password);
        var (typeId, code) = await DocumentTypeAsync(admin);
        var created = await PostAsync(admin, new { documentTypeCode = code, stages = new[] { new { approverIds = new[] { employee.Id }, mode = "all", days = 2 } } });
        var id = created.GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync("/api/v1/approval-schemes", new { documentTypeCode = code, draft = true, stages = new[] { new { approverIds = new[] { employee.Id }, days = 9 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await RowsAsync(host, typeId);

        var stages = new[] { new { approverIds = new[] { employee.Id }, mode = "all", days = 3 } };
        (await ProblemAsync(await staff.PostAsJsonAsync("/api/v1/approval-schemes", new { documentTypeCode = code, stages }), HttpStatusCode.Forbidden))
            .GetProperty("code").GetString().ShouldBe("forbidden");
        await ProblemAsync(await staff.PutAsJsonAsync($"/api/v1/approval-schemes/{id}/draft", new { stages }), HttpStatusCode.Forbidden);
        await ProblemAsync(await staff.PostAsJsonAsync($"/api/v1/approval-schemes/{id}/publish", new { comment = "x" }), HttpStatusCode.Forbidden);
        await ProblemAsync(await staff.DeleteAsync($"/api/v1/approval-schemes/{id}/draft"), HttpStatusCode.Forbidden);
        (await RowsAsync(host, typeId)).ShouldBe(before);

        (await staff.GetAsync("/api/v1/approval-schemes")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await staff.GetFromJsonAsync<JsonElement>("/api/v1/approval-schemes");
        list.GetProperty("items").EnumerateArray().ShouldContain(s => s.GetProperty("id").GetGuid() == id);
        (await staff.GetAsync($"/api/v1/approval-schemes/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync($"/api/v1/document-types/{code}/approval-scheme")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync($"/api/v1/approval-schemes/{id}/versions/1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync($"/api/v1/approval-schemes/{id}/compare?left=1&right=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The admin discards the draft; the published version stays.
        var discarded = await admin.DeleteAsync($"/api/v1/approval-schemes/{id}/draft");
        discarded.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RowsAsync(host, typeId)).ShouldBe((1, 1, null, 1));

        var (_, bare) = await DocumentTypeAsync(admin);
        await ProblemAsync(await staff.GetAsync($"/api/v1/document-types/{bare}/approval-scheme"), HttpStatusCode.NotFound);
        await ProblemAsync(await staff.GetAsync($"/api/v1/approval-schemes/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Post_ByARoleGivenTheApprovalRight_Publishes(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var roleName = "approvals-" + Guid.NewGuid().ToString("N")[..6];
        var role = await (await admin.PostAsJsonAsync("/api/v1/roles", new { name = roleName })).Content.ReadFromJsonAsync<JsonElement>();
        var grant = await admin.PutAsJsonAsync($"/api/v1/roles/{role.GetProperty("id").GetGuid()}/permissions",
            new[] { new { entityKind = "approval", action = "create", scope = "all" }, new { entityKind = "approval", action = "edit", scope = "all" } });
        grant.StatusCode.ShouldBe(HttpStatusCode.OK, await grant.Content.ReadAsStringAsync());
        var editor = await host.CreateUserAsync(roleName);
        var client = await host.ClientAsync(editor.Login, editor.Password);
        var (_, code) = await DocumentTypeAsync(admin);

        var created = await PostAsync(client, new { documentTypeCode = code, stages = new[] { new { approverIds = new[] { editor.Id }, mode = "all", days = 2 } } });
        created.GetProperty("version").GetInt32().ShouldBe(1);
        created.GetProperty("scheme").GetProperty("versions")[0].GetProperty("publishedBy").GetProperty("id").GetGuid().ShouldBe(editor.Id);
    }
}
