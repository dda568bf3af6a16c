using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>
/// Writes a resolution («резолюция») on a letter: the addressee, or whoever may edit the letter
/// (the secretary enters the head's paper resolution). Every assignment is checked before anything
/// is written; then the resolution, its assignments, their executor rows, the notices, the
/// reminders and the letter's history commit together.
/// </summary>
public sealed class WriteResolution(LetopisDb db, AssignmentWork work, ICurrentActor actor)
{
    public const int MaxAssignments = 20;

    public const int MaxCoExecutors = 20;

    public async Task<Result<ResolutionDto>> HandleAsync(AccessContext access, Guid documentId, WriteResolutionRequest request, CancellationToken ct)
    {
        var document = await db.VisibleDocuments(access).SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
            return Error.NotFound();
        if (document.AddresseeId != access.UserId && !await work.EditsLetterAsync(access, document, ct))
            return Error.Forbidden();

        var errors = new List<(string, string)>();
        var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        if (text is { Length: > TextLimits.Long })
            errors.Add(("text", FieldErrors.TooLong));
        var items = request.Assignments ?? [];
        if (items.Count == 0)
            errors.Add(("assignments", FieldErrors.Required));
        else if (items.Count > MaxAssignments)
            errors.Add(("assignments", FieldErrors.TooLong));

        var people = items.SelectMany(i => (i.CoExecutorIds ?? []).Append(i.ExecutorId ?? Guid.Empty).Append(i.ControllerId ?? Guid.Empty))
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .Select(u => new { u.Id, u.IsActive, u.DepartmentId }).ToDictionaryAsync(u => u.Id, ct);
        string? PersonError(Guid id) => !users.TryGetValue(id, out var u) ? FieldErrors.NotFound : u.IsActive ? null : CorrespondenceNotices.InactiveUser;

        var today = work.Today;
        for (var i = 0; i < items.Count && i < MaxAssignments; i++)
        {
            var item = items[i];
            var at = $"assignments[{i}].";
            if (item.ExecutorId is not { } executor || executor == Guid.Empty)
                errors.Add((at + "executorId", FieldErrors.Required));
            else if (PersonError(executor) is { } bad)
                errors.Add((at + "executorId", bad));
            if (string.IsNullOrWhiteSpace(item.Text))
                errors.Add((at + "text", FieldErrors.Required));
            else if (item.Text.Trim().Length > Assignment.TextMax)
                errors.Add((at + "text", FieldErrors.TooLong));
            if (item.DueOn is not { } due)
                errors.Add((at + "dueOn", FieldErrors.Required));
            else if (due < today)
                errors.Add((at + "dueOn", CorrespondenceNotices.InPast));
            else if (!DateLimits.Contains(due))
                errors.Add((at + "dueOn", FieldErrors.OutOfRange));
            var co = item.CoExecutorIds ?? [];
            if (co.Count > MaxCoExecutors)
                errors.Add((at + "coExecutorIds", FieldErrors.TooLong));
            else if (co.Select(PersonError).FirstOrDefault(e => e is not null) is { } badCo)
                errors.Add((at + "coExecutorIds", badCo));
            if (item.ControllerId is { } controller && PersonError(controller) is { } badController)
                errors.Add((at + "controllerId", badController));
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var now = work.Now;
        var resolution = new Resolution { DocumentId = document.Id, AuthorId = actor.UserId ?? access.UserId, Text = text, CreatedAt = now };
        db.Resolutions.Add(resolution);
        var number = await db.Assignments.Where(a => a.DocumentId == document.Id).MaxAsync(a => (int?)a.Number, ct) ?? 0;
        var created = new List<Guid>();
        var lines = new List<string>();
        foreach (var item in items)
        {
            var lead = item.ExecutorId!.Value;
            var assignment = new Assignment
            {
                DocumentId = document.Id,
                ResolutionId = resolution.Id,
                Number = ++number,
                Text = item.Text!.Trim(),
                ExecutorId = lead,
                DepartmentId = users[lead].DepartmentId,
                ControllerId = item.ControllerId,
                AuthorId = resolution.AuthorId,
                DueOn = item.DueOn!.Value,
                Status = AssignmentStatus.Open,
                CreatedAt = now,
            };
            db.Assignments.Add(assignment);
            var executorIds = new List<Guid> { lead };
            executorIds.AddRange((item.CoExecutorIds ?? []).Where(id => id != lead).Distinct());
            foreach (var userId in executorIds)
                db.AssignmentExecutors.Add(new AssignmentExecutor { AssignmentId = assignment.Id, UserId = userId, Lead = userId == lead, Open = true, DueOn = assignment.DueOn });
            await work.ArmAsync(assignment, document, executorIds, ct);
            await work.TellAsync(executorIds, CorrespondenceNotices.Assigned, assignment, document, null, ct, CorrespondenceNotices.Day(assignment.DueOn));
            lines.Add(await work.LineAsync(assignment, "open", ct));
            created.Add(assignment.Id);
        }
        await work.RecordAsync(document, CorrespondenceNotices.HistoryResolution, (text is null ? "" : text + "\n") + string.Join("\n", lines),
            CorrespondenceNotices.TimelineResolution, ct);
        await db.SaveChangesAsync(ct);
        await work.PublishAsync(ct);

        var cards = await work.CardsAsync(access, created, ct);
        return new ResolutionDto(resolution.Id, document.Id,
            new DocumentPersonDto(resolution.AuthorId!.Value, await db.Users.Where(u => u.Id == resolution.AuthorId).Select(u => u.FullName).SingleAsync(ct)),
            text, now, cards);
    }
}
