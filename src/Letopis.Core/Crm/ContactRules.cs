using Letopis.Core.Access;
using Letopis.Core.Common;

namespace Letopis.Core.Crm;

/// <summary>An important date as requests carry it.</summary>
/// <param name="Kind"><c>birthday</c>, <c>company_day</c> or <c>custom</c> (default).</param>
/// <param name="Label">The name of a custom date, up to 100 characters.</param>
/// <param name="Date">The date (YYYY-MM-DD).</param>
/// <param name="RemindDaysBefore">Remind every year this many days before (0–60); absent: no reminder.</param>
public sealed record ContactDateInput(string? Kind, string? Label, DateOnly? Date, int? RemindDaysBefore);

/// <summary>Checks of a contact person's own fields, shared by adding and editing.</summary>
internal static class ContactRules
{
    public const int MaxRemindDays = 60;
    public const int MaxDates = 20;

    public static string? Name(string? value, List<(string, string)> errors)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add(("fullName", FieldErrors.Required));
        else if (name.Length > TextLimits.Name)
            errors.Add(("fullName", FieldErrors.TooLong));
        else
            TextRules.Check(name, "fullName", errors);
        return name;
    }

    public static string? Phone(string? value, string field, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        string? phone = null;
        if (value.Length > 40 || (phone = Phones.Normalize(value)) is null)
            errors.Add((field, FieldErrors.Invalid));
        return phone;
    }

    public static string? Email(string? value, List<(string, string)> errors)
    {
        var email = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (email is not null && (email.Length > 254 || !UserRules.IsValidEmail(email)))
            errors.Add(("email", FieldErrors.Invalid));
        return email;
    }

    public static string? Notes(string? value, List<(string, string)> errors) =>
        TextRules.Field(value, "notes", TextLimits.Long, errors, multiLine: true);

    public static string? Position(string? value, List<(string, string)> errors) =>
        TextRules.Field(value, "position", TextLimits.Name, errors);

    public static void BirthDate(DateOnly? birth, DateOnly today, List<(string, string)> errors, string field = "birthDate")
    {
        if (birth is { } b && (b > today || b.Year < 1900))
            errors.Add((field, FieldErrors.Invalid));
    }

    public static void ConsentOn(DateOnly? consentOn, DateOnly today, List<(string, string)> errors)
    {
        if (consentOn > today || consentOn?.Year < 1990)
            errors.Add(("consentOn", FieldErrors.Invalid));
    }

    /// <summary>Validates a whole list of important dates; errors name <c>importantDates[i].field</c>.</summary>
    public static List<ContactDate> Dates(IReadOnlyList<ContactDateInput> inputs, DateOnly today, List<(string, string)> errors)
    {
        var dates = new List<ContactDate>();
        if (inputs.Count > MaxDates)
        {
            errors.Add(("importantDates", FieldErrors.TooLong));
            return dates;
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var prefix = $"importantDates[{i}].";
            var kind = string.IsNullOrWhiteSpace(input.Kind) ? ContactDateKinds.Custom : input.Kind.Trim().ToLowerInvariant();
            if (!ContactDateKinds.All.Contains(kind))
                errors.Add((prefix + "kind", FieldErrors.Invalid));
            var label = string.IsNullOrWhiteSpace(input.Label) ? null : input.Label.Trim();
            if (kind == ContactDateKinds.Custom && label is null)
                errors.Add((prefix + "label", FieldErrors.Required));
            else if (label?.Length > TextLimits.Short)
                errors.Add((prefix + "label", FieldErrors.TooLong));
            else
                TextRules.Check(label, prefix + "label", errors);
            if (input.Date is null)
                errors.Add((prefix + "date", FieldErrors.Required));
            else if (input.Date.Value.Year < 1900 || (kind == ContactDateKinds.Birthday && input.Date > today))
                errors.Add((prefix + "date", FieldErrors.Invalid));
            if (input.RemindDaysBefore is < 0 or > MaxRemindDays)
                errors.Add((prefix + "remindDaysBefore", FieldErrors.Invalid));
            if (kind == ContactDateKinds.Birthday && dates.Any(d => d.Kind == ContactDateKinds.Birthday))
                errors.Add((prefix + "kind", FieldErrors.Duplicate));
            dates.Add(new ContactDate
            {
                Kind = kind,
                Label = kind == ContactDateKinds.Custom ? label : null,
                Date = input.Date ?? default,
                RemindDaysBefore = input.RemindDaysBefore,
            });
        }
        return dates;
    }
}
