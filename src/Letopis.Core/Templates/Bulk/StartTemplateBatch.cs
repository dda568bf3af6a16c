using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Templates.Bulk;

/// <summary>
/// Starts a batch: one template for every counterparty of a directory filter that the caller may read.
/// Everything is checked first; the batch and all its items (fixed now, in the directory's order) are
/// written in one save, and this node's runner is woken to take it.
/// </summary>
public sealed class StartTemplateBatch(
    LetopisDb db,
    ListCounterparties list,
    TimeProvider time,
    TemplateBatchSignal signal,
    IOptions<TemplateBatchOptions> options)
{
    /// <summary>How many counterparties a batch over this filter would hold (the dialog shows it before starting).</summary>
    public Task<int> CountAsync(AccessContext access, CounterpartyFilter filter, CancellationToken ct) =>
        list.Filtered(access, filter).CountAsync(ct);

    public async Task<Result<TemplateBatchDto>> HandleAsync(AccessContext access, StartTemplateBatchRequest request, CancellationToken ct)
    {
        var output = request.Output?.Trim().ToLowerInvariant();
        if (output is null || !TemplateFieldErrors.Outputs.Contains(output))
            return Error.Validation(("output", output is null ? FieldErrors.Required : FieldErrors.Invalid));
        var template = await db.DocumentTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.TemplateId, ct);
        if (template is null)
            return Error.Validation(("templateId", FieldErrors.NotFound));
        if (template.IsArchived)
            return new Error(TemplateBatchErrors.Archived, "The template is archived: restore it to generate from it.",
                new Dictionary<string, string[]> { ["templateId"] = [TemplateBatchErrors.Archived] });
        if (template.Target != TemplateTarget.Counterparty)
            return new Error(TemplateBatchErrors.WrongTarget, "Only a template of counterparties can be generated for a list of counterparties.",
                new Dictionary<string, string[]> { ["templateId"] = [TemplateBatchErrors.WrongTarget] });
        if (output == "html" && template.Format == TemplateFormat.Docx)
            return new Error(TemplateBatchErrors.OutputNotSupported, $"A docx template cannot be generated as {output}.",
                new Dictionary<string, string[]> { ["output"] = [TemplateBatchErrors.OutputNotSupported] },
                new Dictionary<string, object?> { ["output"] = output, ["format"] = "docx" });
        if (request.Register)
        {
            var typeUsable = template.DocumentTypeId is { } typeId
                && await db.DocumentTypes.AsNoTracking().AnyAsync(t => t.Id == typeId && !t.Archived, ct);
            if (!typeUsable)
                return new Error(TemplateBatchErrors.NotRegistrable, "The template has no document type, so its files cannot be registered.",
                    new Dictionary<string, string[]> { ["register"] = [TemplateBatchErrors.NotRegistrable] });
            if (access.ScopeFor(Document.EntityKind, PermissionAction.Create) == AccessScope.None)
                return Error.Forbidden();
        }
        if (request.FilterText is { Length: > 4000 })
            return Error.Validation(("filter", FieldErrors.TooLong));

        // One read of the ids in the directory's order; one more than the limit tells a filter that is too wide.
        var max = options.Value.MaxItems;
        var ids = await list.Sorted(list.Filtered(access, request.Filter), request.Filter.Sort)
            .Select(c => c.Id)
            .Take(max + 1)
            .ToListAsync(ct);
        if (ids.Count == 0)
            return new Error(TemplateBatchErrors.Empty, "No counterparty matches the filter.");
        if (ids.Count > max)
        {
            var total = await list.Filtered(access, request.Filter).CountAsync(ct);
            return new Error(TemplateBatchErrors.TooLarge, $"A batch holds at most {max} counterparties; the filter matches {total}. Narrow it down.",
                Extensions: new Dictionary<string, object?> { ["limit"] = max, ["total"] = total });
        }

        var now = time.GetUtcNow().UtcDateTime;
        var batch = new TemplateBatch
        {
            TemplateId = template.Id,
            Output = output,
            Register = request.Register,
            Filter = string.IsNullOrWhiteSpace(request.FilterText) ? null : request.FilterText.Trim(),
            Status = TemplateBatchStatus.Pending,
            Total = ids.Count,
            CreatedById = access.UserId,
            CreatedAt = now,
        };
        db.TemplateBatches.Add(batch);
        db.TemplateBatchItems.AddRange(ids.Select((id, i) => new TemplateBatchItem
        {
            BatchId = batch.Id,
            Order = i + 1,
            CounterpartyId = id,
            Status = TemplateBatchItemStatus.Pending,
        }));
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return ReadTemplateBatches.Dto(batch, template.Name);
    }
}
