using Letopis.Core.Common;

namespace Letopis.Core.Templates;

/// <summary>A template as the settings page and the API show it.</summary>
/// <param name="Format"><c>html</c> or <c>docx</c>.</param>
/// <param name="Target"><c>counterparty</c>, <c>deal</c> or <c>document</c>: the record it is generated from.</param>
/// <param name="Body">The Liquid HTML of an HTML template (null in lists and for a Word template).</param>
/// <param name="FileName">The uploaded .docx of a Word template: its name, size and SHA-256.</param>
/// <param name="DocumentTypeId">The type a generated file is registered as; null: it cannot be registered.</param>
public sealed record TemplateDto(
    Guid Id, string Name, string? Description, string Format, string Target, string? Body,
    string? FileName, long? FileSize, string? FileSha256,
    Guid? DocumentTypeId, string? DocumentTypeName, string? FileNamePattern, string? EmailSubject, string? EmailBody,
    string? ShippedCode, bool Archived, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>
/// The editable fields of a template, whole (a <c>PUT</c>): what is null is cleared. The format is
/// fixed when the template is made (JSON for HTML, an uploaded file for Word).
/// </summary>
public sealed record TemplateFields(
    string? Name,
    string? Description = null,
    string? Target = null,
    string? Body = null,
    Guid? DocumentTypeId = null,
    string? FileNamePattern = null,
    string? EmailSubject = null,
    string? EmailBody = null);

/// <summary>What to generate: the output and the record (one of the three ids, as the template's target says).</summary>
/// <param name="Output"><c>html</c>, <c>pdf</c> or <c>docx</c>.</param>
/// <param name="Register">Register the file as a new document of the template's type, with the file attached.</param>
public sealed record GenerateRequest(string Output, Guid? CounterpartyId, Guid? DealId, Guid? DocumentId, bool Register);

/// <summary>
/// A generated file. Registered: <paramref name="DocumentId"/> and <paramref name="FileId"/> name the new
/// document and its file. Not registered: <paramref name="BlobKey"/> holds the bytes in the blob store for a
/// while (a letter can attach them), swept with the other unreferenced blobs after the grace period.
/// </summary>
public sealed record GeneratedFile(string FileName, string ContentType, byte[] Content, Guid? DocumentId, Guid? FileId, string? BlobKey)
{
    /// <summary>The registered document's number, when its journal gave one.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>The subject a letter carrying the file starts with (the template's e-mail subject, rendered); null when it has none.</summary>
    public string? EmailSubject { get; init; }

    /// <summary>The text a letter carrying the file starts with (the template's e-mail text, rendered).</summary>
    public string? EmailBody { get; init; }
}

/// <summary>Error codes of keeping and using templates, beside the engine's (<see cref="TemplateErrors"/>).</summary>
public static class TemplateFieldErrors
{
    /// <summary>The output asked for cannot be made from this template.</summary>
    public const string OutputNotSupported = "output_not_supported";

    /// <summary>Field error code on <c>register</c>: the template has no document type to register as.</summary>
    public const string NotRegistrable = "template_not_registrable";

    /// <summary>Field error code: the record id does not fit the template's target (a deal id for a counterparty template).</summary>
    public const string WrongTarget = "wrong_target";

    /// <summary>Field error code on <c>file</c>: the .docx is larger than <see cref="ManageTemplates.MaxDocxBytes"/>.</summary>
    public const string FileTooLarge = "template_file_too_large";

    /// <summary>Field error code on <c>body</c>: a Word template has no HTML body.</summary>
    public const string BodyNotAllowed = "not_allowed";

    /// <summary>The template is archived: it is not offered for generation.</summary>
    public const string Archived = "template_archived";

    public static readonly string[] Outputs = ["html", "pdf", "docx"];

    /// <summary>A syntax error of the Liquid in <paramref name="field"/>, carrying the engine's line and cause.</summary>
    public static Error SyntaxIn(string field, Error parse)
    {
        var extensions = new Dictionary<string, object?>(parse.Extensions ?? new Dictionary<string, object?>()) { ["field"] = field };
        return new Error(TemplateErrors.Syntax, parse.Message, new Dictionary<string, string[]> { [field] = [TemplateErrors.Syntax] }, extensions);
    }
}
