using Letopis.Core.Crm;

namespace Letopis.Core.Templates.Bulk;

/// <summary>A request to generate one template for every counterparty of a directory filter.</summary>
/// <param name="TemplateId">A template of counterparties that is not archived.</param>
/// <param name="Output"><c>html</c>, <c>pdf</c> or <c>docx</c>.</param>
/// <param name="Register">Whether each file is registered as a document of the template's type.</param>
/// <param name="Filter">The directory's filter: the same counterparties the directory shows the caller.</param>
/// <param name="FilterText">The filter as the directory's query string, kept beside the batch to show what it was made from.</param>
public sealed record StartTemplateBatchRequest(Guid TemplateId, string? Output, bool Register, CounterpartyFilter Filter, string? FilterText);

/// <summary>A batch and how far it has got.</summary>
/// <param name="Progress">Percent of the items done or failed (0–100).</param>
public sealed record TemplateBatchDto(
    Guid Id,
    Guid TemplateId,
    string TemplateName,
    string Output,
    bool Register,
    string? Filter,
    TemplateBatchStatus Status,
    int Total,
    int Succeeded,
    int Failed,
    int Progress,
    Guid CreatedById,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    int Version);

/// <summary>One counterparty of a batch and what came of it.</summary>
/// <param name="CounterpartyName">Null when the counterparty is no longer visible to the reader.</param>
/// <param name="DocumentId">The registered document (registering batches).</param>
/// <param name="FileName">The generated file's name; the file of an unregistered item is downloaded from the batch.</param>
/// <param name="Error">Why the item failed: the error's code, a colon and its message.</param>
public sealed record TemplateBatchItemDto(
    Guid Id,
    int Order,
    Guid CounterpartyId,
    string? CounterpartyName,
    TemplateBatchItemStatus Status,
    Guid? DocumentId,
    string? DocumentNumber,
    string? FileName,
    bool HasFile,
    string? Error,
    DateTime? FinishedAt);

public static class TemplateBatchErrors
{
    /// <summary>The filter matches no counterparty the caller may read.</summary>
    public const string Empty = "template_batch_empty";

    /// <summary>The filter matches more counterparties than one batch may hold (extensions <c>limit</c>, <c>total</c>).</summary>
    public const string TooLarge = "template_batch_too_large";

    /// <summary>The batch has already completed or been cancelled.</summary>
    public const string Finished = "template_batch_finished";

    // The codes single generation answers with, so a client handles both alike.
    public const string Archived = TemplateFieldErrors.Archived;
    public const string NotRegistrable = TemplateFieldErrors.NotRegistrable;
    public const string WrongTarget = TemplateFieldErrors.WrongTarget;
    public const string OutputNotSupported = TemplateFieldErrors.OutputNotSupported;

    /// <summary>What an item's <see cref="TemplateBatchItem.Error"/> holds: the code (for the reader's language) and the message.</summary>
    public static string Describe(Common.Error error)
    {
        var text = $"{error.Code}: {error.Message}";
        if (error.FieldErrors is { Count: > 0 } fields)
            text += " (" + string.Join("; ", fields.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}")) + ")";
        if (error.Extensions is { Count: > 0 } extensions)
            text += " [" + string.Join("; ", extensions.Where(e => e.Value is not null).Select(e => $"{e.Key}={e.Value}")) + "]";
        return text.Length > 2000 ? text[..2000] : text;
    }

    /// <summary>The code an item's error starts with.</summary>
    public static string? CodeOf(string? error) =>
        error is null ? null : error.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? error[..colon] : error;
}
