#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>
/// Document types. Everyone reads them (forms need them); creating and editing take the
/// <c>documentType</c> right of the role matrix (administrators always have it).
/// </summary>
public sealed class ManageDocumentTypes(LetopisDb db)
{
    public static bool CanManage(AccessContext access, PermissionAction action) =>
        access.ScopeFor(EntityKinds.DocumentType, action) != AccessScope.None;

    /// <summary>All types in display order; <paramref name="archived"/> null lists both.</summary>
    public Task<List<DocumentTypeDto>> ListAsync(bool? archived, CancellationToken ct) => throw new NotImplementedException();

    public Task<Result<DocumentTypeDto>> GetAsync(Guid id, CancellationToken ct) => throw new NotImplementedException();

    public Task<Result<DocumentTypeDto>> CreateAsync(AccessContext access, DocumentTypeFields fields, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<DocumentTypeDto>> UpdateAsync(
        AccessContext access, Guid id, DocumentTypeFields fields, int? version, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();
}
