using System.Net;
using System.Net.Http.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Documents;

/// <summary>The rule a document type code follows is the one its hint and its error describe: hyphens as in <c>work-order</c>.</summary>
public class DocumentTypeCodeTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_CodeWithHyphenLikeBuiltIns_IsAccepted_AndAWrongCodeIsExplainedByTheSameRule(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        var code = "act-" + Guid.NewGuid().ToString("N")[..8] + "_2";

        (await admin.PostAsJsonAsync("/api/v1/document-types", new { code, name = Marker("Акт сверки ") })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var wrong = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/document-types", new { code = "Акт Сверки", name = Marker("Тип ") }), HttpStatusCode.BadRequest);
        wrong.FieldCodes("code").ShouldBe(["type_code_format"]);
        wrong.GetProperty("errors").GetProperty("code")[0].GetString().ShouldBe("Строчные латинские буквы, цифры, - и _, первая — буква");
    }
}
