using System.Text.Json;
using Letopis.TestKit;
using Microsoft.OpenApi;

namespace Letopis.Web.Tests;

/// <summary>The published OpenAPI document is valid and describes every operation and parameter, in the API's own spelling.</summary>
public class OpenApiDocumentTests
{
    [Fact]
    public async Task OpenApiDocument_EveryOperation_HasASummaryAndDescribedCamelCaseParameters()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var client = host.CreateClient();
        var json = await client.GetStringAsync("/openapi/v1.json");

        var read = OpenApiDocument.Parse(json, "json");
        read.Diagnostic.ShouldNotBeNull();
        read.Diagnostic.Errors.Select(e => e.ToString()).ShouldBeEmpty();
        var document = read.Document.ShouldNotBeNull();

        var problems = new List<string>();
        var operations = 0;
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operations++;
                var name = $"{method.Method} {path}";
                if (string.IsNullOrWhiteSpace(operation.Summary))
                    problems.Add($"{name}: no summary");
                foreach (var parameter in (operation.Parameters ?? []).Concat(item.Parameters ?? []))
                {
                    if (parameter.In is ParameterLocation.Query or ParameterLocation.Path
                        && parameter.Name is { Length: > 0 } p && JsonNamingPolicy.CamelCase.ConvertName(p) != p)
                        problems.Add($"{name}: parameter {p} is not camelCase");
                    if (string.IsNullOrWhiteSpace(parameter.Description))
                        problems.Add($"{name}: parameter {parameter.Name} has no description");
                }
            }
        }
        operations.ShouldBeGreaterThan(100);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }
}
