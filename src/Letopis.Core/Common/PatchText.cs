namespace Letopis.Core.Common;

/// <summary>A text field of a merge patch as every card's rules read it.</summary>
public static class PatchText
{
    /// <summary>
    /// The new value (trimmed; empty means none) or the current one when the patch leaves the field
    /// out, with the field's errors added: missing when <paramref name="required"/>, too long, and
    /// characters the field may not hold (<see cref="TextRules"/>; only a new value is checked, so an
    /// edit of another field never fails on what an older version let in).
    /// </summary>
    public static string? Text(Optional<string?> value, string? current, string field, int max, List<(string, string)> errors,
        bool required = false, bool multiLine = false)
    {
        var text = value.HasValue ? value.Value?.Trim() : current;
        if (string.IsNullOrEmpty(text))
        {
            if (required)
                errors.Add((field, FieldErrors.Required));
            return null;
        }
        if (text.Length > max)
            errors.Add((field, FieldErrors.TooLong));
        else if (value.HasValue)
            TextRules.Check(text, field, errors, multiLine);
        return text;
    }
}
