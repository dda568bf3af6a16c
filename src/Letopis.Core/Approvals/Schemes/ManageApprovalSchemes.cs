using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>
/// Approval schemes: one per document type, edited as a draft and published as read-only
/// versions. Everyone signed in reads them (a card shows which version its route runs on);
/// editing, publishing and discarding a draft take the <c>approval</c> right of the role matrix
/// (create or edit). A published version is never changed: a running route keeps the version it
/// started with, so publishing only ever adds a row.
/// </summary>
public sealed class ManageApprovalSchemes(LetopisDb db, NameBook nameBook, TimeProvider time, ICurrentActor actor)
{
    public const string NoDraft = "approval_no_draft";

    /// <summary>Whether the caller may edit and publish schemes.</summary>
    public static bool CanManage(AccessContext access) =>
        access.ScopeFor(EntityKinds.Approval, PermissionAction.Create) != AccessScope.None
        || access.ScopeFor(EntityKinds.Approval, PermissionAction.Edit) != AccessScope.None;

    /// <summary>Every scheme, in the order of the document types.</summary>
    public async Task<IReadOnlyList<ApprovalSchemeDto>> ListAsync(AccessContext access, CancellationToken ct)
    {
        var schemes = await db.ApprovalSchemes.AsNoTracking().ToListAsync(ct);
        return await DtosAsync(access, schemes, ct);
    }

    public async Task<Result<ApprovalSchemeDto>> GetAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var scheme = await db.ApprovalSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (scheme is null)
            return Error.NotFound();
        return (await DtosAsync(access, [scheme], ct))[0];
    }

    /// <summary>The scheme of a document type; null when the type has none yet, not found when the type does not exist.</summary>
    public async Task<Result<ApprovalSchemeDto?>> ForTypeAsync(AccessContext access, Guid documentTypeId, CancellationToken ct)
    {
        if (!await db.DocumentTypes.AnyAsync(t => t.Id == documentTypeId, ct))
            return Error.NotFound();
        var scheme = await db.ApprovalSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.DocumentTypeId == documentTypeId, ct);
        return scheme is null ? Result<ApprovalSchemeDto?>.Ok(null) : (await DtosAsync(access, [scheme], ct))[0];
    }

    /// <summary>The same by the type's code (<c>contract</c>).</summary>
    public async Task<Result<ApprovalSchemeDto?>> ForTypeAsync(AccessContext access, string documentTypeCode, CancellationToken ct)
    {
        var typeId = await TypeIdAsync(documentTypeCode, ct);
        return typeId is { } id ? await ForTypeAsync(access, id, ct) : Error.NotFound();
    }

    /// <summary>The id of the document type with this code, or null.</summary>
    public async Task<Guid?> TypeIdAsync(string? code, CancellationToken ct)
    {
        var trimmed = code?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        return await db.DocumentTypes.AsNoTracking().Where(t => t.Code == trimmed).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Saves the draft of a type's scheme, creating the scheme on first use. <paramref name="name"/> null keeps the
    /// scheme's name (a new scheme takes the type's). A draft equal to the newest version is no draft.
    /// </summary>
    public Task<Result<ApprovalSchemeDto>> SaveDraftAsync(
        AccessContext access, Guid documentTypeId, string? name, ApprovalDefinitionDto definition, int? version, CancellationToken ct) =>
        SaveAsync(access, documentTypeId, name, definition, publish: false, null, version, null, ct);

    /// <summary>Saves and publishes at once (one write): the new version is the newest published one + 1.</summary>
    public Task<Result<ApprovalSchemeDto>> SaveAndPublishAsync(
        AccessContext access, Guid documentTypeId, string? name, ApprovalDefinitionDto definition, string? comment, int? version, CancellationToken ct) =>
        SaveAsync(access, documentTypeId, name, definition, publish: true, comment, version, null, ct);

    /// <summary><see cref="SaveDraftAsync"/> or <see cref="SaveAndPublishAsync"/>; a stale <paramref name="ifMatch"/> is 412, a stale body version 409.</summary>
    public async Task<Result<ApprovalSchemeDto>> SaveAsync(
        AccessContext access, Guid documentTypeId, string? name, ApprovalDefinitionDto definition, bool publish, string? comment,
        int? version, int? ifMatch, CancellationToken ct)
    {
        if (!CanManage(access))
            return Error.Forbidden();
        var type = await db.DocumentTypes.AsNoTracking().Where(t => t.Id == documentTypeId).Select(t => new { t.Id, t.Name }).SingleOrDefaultAsync(ct);
        if (type is null)
            return Error.Validation(("documentTypeId", FieldErrors.NotFound));
        var scheme = await db.ApprovalSchemes.SingleOrDefaultAsync(s => s.DocumentTypeId == documentTypeId, ct);
        if (scheme is not null && VersionCheck.Fails(scheme.Version, version, ifMatch) is { } stale)
            return stale;

        var errors = new List<(string, string)>();
        var cleanName = name is null ? null : TextRules.Field(name, "name", ApprovalScheme.NameMax, errors, required: true);
        var cleanComment = TextRules.Field(comment, "comment", TextLimits.Long, errors, multiLine: true);
        var checkedDefinition = await ApprovalSchemeRules.ValidateAsync(db, definition, ct);
        if (!checkedDefinition.IsSuccess)
        {
            foreach (var (field, codes) in checkedDefinition.Error!.FieldErrors ?? new Dictionary<string, string[]>())
                errors.AddRange(codes.Select(c => (field, c)));
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var now = time.GetUtcNow().UtcDateTime;
        if (scheme is null)
        {
            scheme = new ApprovalScheme
            {
                DocumentTypeId = type.Id,
                Name = cleanName ?? Truncate(type.Name),
                CreatedAt = now,
                CreatedById = actor.UserId ?? access.UserId,
            };
            db.ApprovalSchemes.Add(scheme);
        }
        else if (cleanName is not null)
            scheme.Name = cleanName;

        var json = checkedDefinition.Value.ToJson();
        if (publish)
            AddVersion(scheme, json, cleanComment, now, access);
        else
        {
            var newest = scheme.PublishedVersionId is { } vid
                ? await db.ApprovalSchemeVersions.AsNoTracking().Where(v => v.Id == vid).Select(v => v.Definition).SingleOrDefaultAsync(ct)
                : null;
            scheme.Draft = json == newest ? null : json;
            scheme.DraftUpdatedAt = scheme.Draft is null ? null : now;
            scheme.DraftUpdatedById = scheme.Draft is null ? null : actor.UserId ?? access.UserId;
        }
        if (await SaveAsync(ct) is { } conflict)
            return conflict;
        return await GetAsync(access, scheme.Id, ct);
    }

    /// <summary>Publishes the draft as a new read-only version; no draft → 409 <c>approval_no_draft</c>.</summary>
    public Task<Result<ApprovalSchemeDto>> PublishAsync(AccessContext access, Guid schemeId, string? comment, int? version, CancellationToken ct) =>
        PublishAsync(access, schemeId, comment, version, null, ct);

    public async Task<Result<ApprovalSchemeDto>> PublishAsync(AccessContext access, Guid schemeId, string? comment, int? version, int? ifMatch, CancellationToken ct)
    {
        var scheme = await db.ApprovalSchemes.SingleOrDefaultAsync(s => s.Id == schemeId, ct);
        if (scheme is null)
            return Error.NotFound();
        if (!CanManage(access))
            return Error.Forbidden();
        if (VersionCheck.Fails(scheme.Version, version, ifMatch) is { } stale)
            return stale;
        var errors = new List<(string, string)>();
        var cleanComment = TextRules.Field(comment, "comment", TextLimits.Long, errors, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        if (scheme.Draft is null)
            return new Error(NoDraft, "There is no draft to publish.");

        // People and roles the draft names may have gone since it was saved: check again.
        var checkedDefinition = await ApprovalSchemeRules.ValidateAsync(db, await ToDtoAsync(ApprovalDefinition.FromJson(scheme.Draft), ct), ct);
        if (!checkedDefinition.IsSuccess)
            return checkedDefinition.Error!;

        var now = time.GetUtcNow().UtcDateTime;
        AddVersion(scheme, checkedDefinition.Value.ToJson(), cleanComment, now, access);
        if (await SaveAsync(ct) is { } conflict)
            return conflict;
        return await GetAsync(access, scheme.Id, ct);
    }

    /// <summary>Drops the draft; the newest version stays as it is.</summary>
    public async Task<Result<ApprovalSchemeDto>> DiscardDraftAsync(AccessContext access, Guid schemeId, int? version, CancellationToken ct)
    {
        var scheme = await db.ApprovalSchemes.SingleOrDefaultAsync(s => s.Id == schemeId, ct);
        if (scheme is null)
            return Error.NotFound();
        if (!CanManage(access))
            return Error.Forbidden();
        if (VersionCheck.Fails(scheme.Version, version, null) is { } stale)
            return stale;
        if (scheme.Draft is null)
            return await GetAsync(access, schemeId, ct);
        scheme.Draft = null;
        scheme.DraftUpdatedAt = null;
        scheme.DraftUpdatedById = null;
        if (await SaveAsync(ct) is { } conflict)
            return conflict;
        return await GetAsync(access, schemeId, ct);
    }

    /// <summary>A published version, as it was published.</summary>
    public async Task<Result<ApprovalSchemeVersionDto>> GetVersionAsync(AccessContext access, Guid schemeId, int number, CancellationToken ct)
    {
        var row = await db.ApprovalSchemeVersions.AsNoTracking().SingleOrDefaultAsync(v => v.SchemeId == schemeId && v.Number == number, ct);
        if (row is null)
            return Error.NotFound();
        var lookup = await LookupAsync(access, [ApprovalDefinition.FromJson(row.Definition)], ct);
        return VersionDto(row, lookup);
    }

    /// <summary>Two published versions side by side and, stage by stage (matched by key), what differs.</summary>
    public async Task<Result<ApprovalSchemeComparisonDto>> CompareAsync(AccessContext access, Guid schemeId, int left, int right, CancellationToken ct)
    {
        var rows = await db.ApprovalSchemeVersions.AsNoTracking()
            .Where(v => v.SchemeId == schemeId && (v.Number == left || v.Number == right))
            .ToListAsync(ct);
        var l = rows.SingleOrDefault(v => v.Number == left);
        var r = rows.SingleOrDefault(v => v.Number == right);
        if (l is null || r is null)
            return Error.NotFound();
        var leftDefinition = ApprovalDefinition.FromJson(l.Definition);
        var rightDefinition = ApprovalDefinition.FromJson(r.Definition);
        var lookup = await LookupAsync(access, [leftDefinition, rightDefinition], ct);
        return new ApprovalSchemeComparisonDto(
            VersionDto(l, lookup), VersionDto(r, lookup), leftDefinition.Rework != rightDefinition.Rework,
            ApprovalSchemeDiff.Of(leftDefinition, rightDefinition));
    }

    private void AddVersion(ApprovalScheme scheme, string json, string? comment, DateTime now, AccessContext access)
    {
        var number = scheme.PublishedVersion + 1;
        var row = new ApprovalSchemeVersion
        {
            SchemeId = scheme.Id,
            Number = number,
            Definition = json,
            Comment = comment,
            PublishedAt = now,
            PublishedById = actor.UserId ?? access.UserId,
        };
        db.ApprovalSchemeVersions.Add(row);
        scheme.PublishedVersion = number;
        scheme.PublishedVersionId = row.Id;
        scheme.Draft = null;
        scheme.DraftUpdatedAt = null;
        scheme.DraftUpdatedById = null;
        if (comment is not null)
            db.ChangeRecords.Add(ChangeRecord.Of(ApprovalScheme.AuditKind, scheme.Id, now, db.RecordAs ?? actor, ChangeOperation.Updated, "publishComment", null, comment));
    }

    /// <summary>One write; a concurrent edit (the version token, or a second scheme for the type) is 409.</summary>
    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            return Error.StaleVersion();
        }
    }

    private static string Truncate(string name) => name.Length <= ApprovalScheme.NameMax ? name : name[..ApprovalScheme.NameMax];

    // ---- Reading ----

    private sealed record Lookup(Names Users, IReadOnlyDictionary<Guid, string> Roles, IReadOnlyDictionary<Guid, string> Departments);

    private async Task<Lookup> LookupAsync(AccessContext access, IEnumerable<ApprovalDefinition> definitions, CancellationToken ct)
    {
        var approvers = definitions.SelectMany(d => d.Stages).SelectMany(s => s.Approvers).ToList();
        var roleIds = approvers.Select(a => a.RoleId).OfType<Guid>().Distinct().ToList();
        var departmentIds = approvers.Select(a => a.DepartmentId).OfType<Guid>().Distinct().ToList();
        var roles = roleIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Roles.AsNoTracking().Where(r => roleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.DisplayName, ct);
        var departments = departmentIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return new Lookup(await nameBook.GetAsync(db, access.Stamp, ct), roles, departments);
    }

    private async Task<ApprovalDefinitionDto> ToDtoAsync(ApprovalDefinition definition, CancellationToken ct) =>
        DefinitionDto(definition, new Lookup(await nameBook.GetAsync(db, null, ct), new Dictionary<Guid, string>(), new Dictionary<Guid, string>()));

    private async Task<List<ApprovalSchemeDto>> DtosAsync(AccessContext access, List<ApprovalScheme> schemes, CancellationToken ct)
    {
        if (schemes.Count == 0)
            return [];
        var schemeIds = schemes.Select(s => s.Id).ToList();
        var typeIds = schemes.Select(s => s.DocumentTypeId).ToList();
        var types = await db.DocumentTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Code, t.Name, t.Order }).ToDictionaryAsync(t => t.Id, ct);
        var versions = await db.ApprovalSchemeVersions.AsNoTracking().Where(v => schemeIds.Contains(v.SchemeId))
            .OrderByDescending(v => v.Number).ToListAsync(ct);
        var versionIds = versions.Select(v => v.Id).ToList();
        var running = await db.ApprovalRoutes.AsNoTracking()
            .Where(r => schemeIds.Contains(r.SchemeId) && (r.Status == ApprovalRouteStatus.Running || r.Status == ApprovalRouteStatus.Rework))
            .GroupBy(r => r.SchemeVersionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var published = versions.Where(v => schemes.Any(s => s.PublishedVersionId == v.Id)).ToDictionary(v => v.SchemeId, v => ApprovalDefinition.FromJson(v.Definition));
        var drafts = schemes.Where(s => s.Draft is not null).ToDictionary(s => s.Id, s => ApprovalDefinition.FromJson(s.Draft!));
        var lookup = await LookupAsync(access, published.Values.Concat(drafts.Values), ct);

        return schemes
            .OrderBy(s => types.TryGetValue(s.DocumentTypeId, out var t) ? t.Order : int.MaxValue)
            .ThenBy(s => types.TryGetValue(s.DocumentTypeId, out var t) ? t.Name : s.Name, StringComparer.CurrentCulture)
            .Select(s =>
            {
                var type = types.GetValueOrDefault(s.DocumentTypeId);
                return new ApprovalSchemeDto(
                    s.Id, s.DocumentTypeId, type?.Code ?? "", type?.Name ?? "", s.Name, s.PublishedVersion,
                    published.TryGetValue(s.Id, out var p) ? DefinitionDto(p, lookup) : null,
                    drafts.TryGetValue(s.Id, out var d) ? DefinitionDto(d, lookup) : null,
                    s.DraftUpdatedAt is { } at ? Utc(at) : null,
                    versions.Where(v => v.SchemeId == s.Id)
                        .Select(v => new ApprovalSchemeVersionSummaryDto(
                            v.Id, v.Number, Utc(v.PublishedAt), Person(v.PublishedById, lookup.Users), v.Comment, running.GetValueOrDefault(v.Id)))
                        .ToList(),
                    s.Version);
            })
            .ToList();
    }

    private static ApprovalSchemeVersionDto VersionDto(ApprovalSchemeVersion v, Lookup lookup) => new(
        v.Id, v.SchemeId, v.Number, Utc(v.PublishedAt), Person(v.PublishedById, lookup.Users), v.Comment,
        DefinitionDto(ApprovalDefinition.FromJson(v.Definition), lookup));

    private static ApprovalDefinitionDto DefinitionDto(ApprovalDefinition d, Lookup lookup) => new(
        d.Stages.Select(s => new ApprovalStageDto(
            s.Key, s.Name,
            s.Approvers.Select(a => new ApproverRuleDto(ApiNames.Of(a.Kind), a.UserId, a.RoleId, a.DepartmentId, NameOf(a, lookup))).ToList(),
            ApiNames.Of(s.Mode), s.Quorum, s.Days, s.RemindDaysBefore,
            s.NotifyOnOverdue.Select(id => new DocumentPersonDto(id, lookup.Users.User(id) ?? "")).ToList(),
            s.NotifyApproverHead,
            s.Condition is { } c ? new StageConditionDto(ApiNames.Of(c.Field), ApiNames.Of(c.Operator), c.Value) : null)).ToList(),
        ApiNames.Of(d.Rework));

    private static string? NameOf(ApproverRule rule, Lookup lookup) => rule.Kind switch
    {
        ApproverKind.User => lookup.Users.User(rule.UserId),
        ApproverKind.Role => rule.RoleId is { } r ? lookup.Roles.GetValueOrDefault(r) : null,
        ApproverKind.DepartmentHead => rule.DepartmentId is { } d ? lookup.Departments.GetValueOrDefault(d) : null,
        _ => null,
    };

    private static DocumentPersonDto? Person(Guid? id, Names names) => id is { } key ? new DocumentPersonDto(key, names.User(key) ?? "") : null;

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
