using System.Net;
using System.Net.Http.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Approvals.SchemesData;

namespace Letopis.Web.Tests.Approvals;

/// <summary>Every bad scheme is refused with a 400 naming the field, by publishing and by saving a draft alike; nothing changes.</summary>
public class SchemesBadInputTests
{
    private sealed record Arranged(Guid Active, Guid Other, Guid Inactive);

    private sealed record Case(Func<Arranged, object> Stages, string Field, string Code, object? Name = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["no_stage"] = new(_ => Array.Empty<object>(), "stages", "approval_no_stages"),
        ["empty_stage_short_form"] = new(a => new object[] { Ok(a), new { approverIds = Array.Empty<Guid>(), days = 2 } }, "stages[1].approverIds", "approval_no_approvers"),
        ["empty_stage_rich_form"] = new(a => new object[] { Ok(a), new { name = "Пусто", approvers = Array.Empty<object>() } }, "stages[1].approvers", "approval_no_approvers"),
        ["unknown_user"] = new(_ => new object[] { new { approverIds = new[] { Guid.NewGuid() }, days = 2 } }, "stages[0].approverIds[0]", "not_found"),
        ["inactive_user"] = new(a => new object[] { new { approverIds = new[] { a.Active, a.Inactive }, days = 2 } }, "stages[0].approverIds[1]", "approval_user_inactive"),
        ["inactive_user_rich_form"] = new(a => new object[] { new { approvers = new[] { new { kind = "user", userId = a.Inactive } } } }, "stages[0].approvers[0].userId", "approval_user_inactive"),
        ["unknown_role"] = new(_ => new object[] { new { approvers = new[] { new { kind = "role", roleId = Guid.NewGuid() } } } }, "stages[0].approvers[0].roleId", "not_found"),
        ["unknown_department"] = new(_ => new object[] { new { approvers = new[] { new { kind = "department_head", departmentId = Guid.NewGuid() } } } }, "stages[0].approvers[0].departmentId", "not_found"),
        ["unknown_kind"] = new(_ => new object[] { new { approvers = new[] { new { kind = "boss" } } } }, "stages[0].approvers[0].kind", "invalid"),
        ["quorum_zero"] = new(a => new object[] { new { approverIds = new[] { a.Active, a.Other }, mode = "quorum", quorum = 0 } }, "stages[0].quorum", "approval_quorum_range"),
        ["quorum_above_approvers"] = new(a => new object[] { new { approverIds = new[] { a.Active, a.Other }, mode = "quorum", quorum = 3 } }, "stages[0].quorum", "approval_quorum_range"),
        ["quorum_missing"] = new(a => new object[] { new { approverIds = new[] { a.Active, a.Other }, mode = "quorum" } }, "stages[0].quorum", "required"),
        ["unknown_mode"] = new(a => new object[] { new { approverIds = new[] { a.Active }, mode = "most" } }, "stages[0].mode", "invalid"),
        ["days_zero"] = new(a => new object[] { new { approverIds = new[] { a.Active }, days = 0 } }, "stages[0].days", "approval_days_range"),
        ["days_above_60"] = new(a => new object[] { Ok(a), new { approverIds = new[] { a.Active }, days = 61 } }, "stages[1].days", "approval_days_range"),
        ["remind_not_before_deadline"] = new(a => new object[] { new { approverIds = new[] { a.Active }, days = 3, remindDaysBefore = 3 } }, "stages[0].remindDaysBefore", "approval_remind_range"),
        ["remind_negative"] = new(a => new object[] { new { approverIds = new[] { a.Active }, days = 3, remindDaysBefore = -1 } }, "stages[0].remindDaysBefore", "approval_remind_range"),
        ["negative_condition"] = new(a => new object[] { new { approverIds = new[] { a.Active }, condition = new { field = "amount", @operator = "greater", value = -1m } } }, "stages[0].condition.value", "approval_negative"),
        ["unknown_condition_operator"] = new(a => new object[] { new { approverIds = new[] { a.Active }, condition = new { @operator = "about", value = 5m } } }, "stages[0].condition.operator", "invalid"),
        ["duplicate_keys"] = new(a => new object[] { new { key = "lawyer", approverIds = new[] { a.Active } }, new { key = "lawyer", approverIds = new[] { a.Other } } }, "stages[1].key", "duplicate"),
        ["duplicate_approver"] = new(a => new object[] { new { approverIds = new[] { a.Active, a.Active } } }, "stages[0].approverIds[1]", "duplicate"),
        ["inactive_notified"] = new(a => new object[] { new { approverIds = new[] { a.Active }, notifyOnOverdue = new[] { a.Inactive } } }, "stages[0].notifyOnOverdue[0]", "approval_user_inactive"),
        ["stage_name_blank"] = new(a => new object[] { new { name = "   ", approverIds = new[] { a.Active } } }, "stages[0].name", "required"),
        ["stage_name_too_long"] = new(a => new object[] { new { name = new string('Э', 201), approverIds = new[] { a.Active } } }, "stages[0].name", "too_long"),
        ["scheme_name_too_long"] = new(a => new object[] { Ok(a) }, "name", "too_long", new string('С', 201)),
        ["scheme_name_blank"] = new(a => new object[] { Ok(a) }, "name", "required", " "),
    };

    private static object Ok(Arranged a) => new { name = "Юрист", approverIds = new[] { a.Active }, mode = "all", days = 2 };

    public static TheoryData<string, string> ProvidersAndCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in (IEnumerable<object[]>)TestDatabases.Providers())
        {
            foreach (var name in Cases.Keys)
                data.Add((string)provider[0], name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndCases))]
    public async Task PostAndSaveDraft_BadScheme_Is400NamingTheField_AndChangesNothing(string provider, string caseName)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var active = await host.CreateUserAsync(fullName: "Действующий Иван");
        var other = await host.CreateUserAsync(fullName: "Другой Пётр");
        var inactive = await host.CreateUserAsync(fullName: "Уволенный Семён");
        (await admin.PatchAsJsonAsync($"/api/v1/users/{inactive.Id}", new { isActive = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var arranged = new Arranged(active.Id, other.Id, inactive.Id);
        var (typeId, code) = await DocumentTypeAsync(admin);
        var (freshTypeId, freshCode) = await DocumentTypeAsync(admin);
        var created = await PostAsync(admin, new { documentTypeCode = code, stages = new[] { Ok(arranged) } });
        var id = created.GetProperty("id").GetGuid();
        var @case = Cases[caseName];
        var before = await RowsAsync(host, typeId);

        // Publishing at once, on a type that has a scheme and on one that has none.
        foreach (var (target, targetId) in new[] { (code, typeId), (freshCode, freshTypeId) })
        {
            var rowsBefore = await RowsAsync(host, targetId);
            var response = await admin.PostAsJsonAsync("/api/v1/approval-schemes", new { documentTypeCode = target, name = @case.Name, stages = @case.Stages(arranged) });
            var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
            var fields = problem.FieldCodes();
            fields.Keys.ShouldContain(@case.Field, $"{caseName}: {problem}");
            fields[@case.Field].ShouldContain(@case.Code);
            problem.GetProperty("errors").GetProperty(@case.Field)[0].GetString().ShouldNotBe(@case.Code, "the message is localized");
            (await RowsAsync(host, targetId)).ShouldBe(rowsBefore);
        }

        // The same stages as a draft.
        var put = await admin.PutAsJsonAsync($"/api/v1/approval-schemes/{id}/draft", new { name = @case.Name, stages = @case.Stages(arranged) });
        (await ProblemAsync(put, HttpStatusCode.BadRequest)).FieldCodes()[@case.Field].ShouldContain(@case.Code);
        (await RowsAsync(host, typeId)).ShouldBe(before);
        (before.Schemes, before.Versions, before.Draft, before.Published).ShouldBe((1, 1, null, 1));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Post_UnknownOrMissingDocumentType_Is400_AndCreatesNoScheme(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync();
        var (typeId, code) = await DocumentTypeAsync(admin);
        var stages = new[] { new { approverIds = new[] { user.Id }, days = 2 } };

        var unknown = await admin.PostAsJsonAsync("/api/v1/approval-schemes", new { documentTypeCode = code + "-none", stages });
        (await ProblemAsync(unknown, HttpStatusCode.BadRequest)).FieldCodes()["documentTypeCode"].ShouldBe(["not_found"]);
        var unknownId = await admin.PostAsJsonAsync("/api/v1/approval-schemes", new { documentTypeId = Guid.NewGuid(), stages });
        (await ProblemAsync(unknownId, HttpStatusCode.BadRequest)).FieldCodes()["documentTypeId"].ShouldBe(["not_found"]);
        var missing = await admin.PostAsJsonAsync("/api/v1/approval-schemes", new { stages });
        (await ProblemAsync(missing, HttpStatusCode.BadRequest)).FieldCodes()["documentTypeCode"].ShouldBe(["required"]);
        var wrongType = await admin.PostAsJsonAsync("/api/v1/approval-schemes", new { documentTypeCode = code, stages = new[] { new { approverIds = new[] { user.Id }, days = "two" } } });
        (await ProblemAsync(wrongType, HttpStatusCode.BadRequest)).GetProperty("code").GetString().ShouldBe("malformed_json");

        (await RowsAsync(host, typeId)).ShouldBe((0, 0, null, 0));
    }
}
