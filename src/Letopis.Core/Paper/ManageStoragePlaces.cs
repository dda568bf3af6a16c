#pragma warning disable CS9113 // bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Paper;

/// <summary>The tree of storage places: everyone reads it; the «Делопроизводство» right edits it.</summary>
public sealed class ManageStoragePlaces(LetopisDb db, TimeProvider time)
{
    public Task<List<StoragePlaceDto>> ListAsync(AccessContext access, CancellationToken ct) => throw new NotImplementedException();

    public Task<Result<StoragePlaceDto>> CreateAsync(AccessContext access, CreateStoragePlaceRequest request, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<StoragePlaceDto>> UpdateAsync(AccessContext access, Guid id, UpdateStoragePlaceRequest request, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken ct) => throw new NotImplementedException();
}
