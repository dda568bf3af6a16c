using Letopis.Core.Common;

namespace Letopis.Core.Templates;

/// <summary>The stable problem codes of templates; the web layer localizes them by code.</summary>
public static class TemplateErrors
{
    /// <summary>The template does not parse; extensions <c>line</c> (1-based, when known) and <c>cause</c> (the parser's words).</summary>
    public const string Syntax = "template_syntax";

    /// <summary>The template names a field the model does not have; extension <c>field</c>, e.g. <c>counterparty.innn</c>.</summary>
    public const string UnknownField = "template_unknown_field";

    /// <summary>The template ran too long, nested too deep or produced too much output.</summary>
    public const string TooLarge = "template_too_large";

    /// <summary>A filter refused its input (e.g. a negative amount to <c>money_words</c>); extensions <c>filter</c> and <c>cause</c>.</summary>
    public const string FilterFailed = "template_filter_failed";

    /// <summary>An uploaded file claimed to be a Word document and is not.</summary>
    public const string NotDocx = "template_not_docx";

    public static Error SyntaxError(int? line, string cause) =>
        new(Syntax, line is null ? $"The template has an error: {cause}" : $"The template has an error on line {line}: {cause}",
            Extensions: new Dictionary<string, object?> { ["line"] = line, ["cause"] = cause });

    public static Error UnknownFieldError(string field) =>
        new(UnknownField, $"The template uses the unknown field '{field}'.",
            Extensions: new Dictionary<string, object?> { ["field"] = field });

    public static Error TooLargeError(string cause) =>
        new(TooLarge, $"The template is too large to generate: {cause}",
            Extensions: new Dictionary<string, object?> { ["cause"] = cause });

    public static Error FilterError(string filter, string cause) =>
        new(FilterFailed, $"The filter '{filter}' failed: {cause}",
            Extensions: new Dictionary<string, object?> { ["filter"] = filter, ["cause"] = cause });

    public static Error NotDocxError(string cause) =>
        new(NotDocx, $"The file is not a Word document (.docx): {cause}",
            Extensions: new Dictionary<string, object?> { ["cause"] = cause });
}
