using Letopis.Core.Access;
using Letopis.Core.Common;

namespace Letopis.Core.Templates;

/// <summary>
/// Renders an HTML template's body that is not saved yet against a record the reader may see: the
/// editor's live preview. A record the reader cannot see is 404; a template error comes back with its
/// line and cause instead of a broken page.
/// </summary>
public sealed class PreviewTemplate(BuildTemplateModel models, LiquidTemplates liquid)
{
    public async Task<Result<string>> HandleAsync(AccessContext access, string body, TemplateSubject subject, CancellationToken ct)
    {
        if (Check(body) is { } invalid)
            return invalid;
        if (subject.CounterpartyId is null && subject.DealId is null && subject.DocumentId is null)
            return Error.Validation(("counterpartyId", FieldErrors.Required));
        var parsed = liquid.Parse(body);
        if (!parsed.IsSuccess)
            return TemplateFieldErrors.SyntaxIn("body", parsed.Error!);
        var model = await models.HandleAsync(access, subject, ct);
        if (!model.IsSuccess)
            return model.Error!;
        return liquid.RenderHtml(parsed.Value, model.Value);
    }

    /// <summary>The body's own errors (missing, too long, a syntax error with its line and cause), before any record is chosen.</summary>
    public Error? Check(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return Error.Validation(("body", FieldErrors.Required));
        if (body.Length > DocumentTemplate.BodyMax)
            return Error.Validation(("body", FieldErrors.TooLong));
        var parsed = liquid.Parse(body);
        return parsed.IsSuccess ? null : TemplateFieldErrors.SyntaxIn("body", parsed.Error!);
    }
}
