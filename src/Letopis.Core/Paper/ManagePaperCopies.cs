#pragma warning disable CS9113 // bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Paper;

/// <summary>A document's paper copies and their movements.</summary>
public sealed class ManagePaperCopies(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<DocumentCopiesDto>> ListForDocumentAsync(AccessContext access, Guid documentId, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<PageOf<PaperMovementDto>>> MovementsAsync(AccessContext access, Guid documentId, PageRequest page, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<PaperCopyDto>> GetAsync(AccessContext access, Guid copyId, CancellationToken ct) => throw new NotImplementedException();

    public Task<Result<PaperCopyDto>> CreateAsync(AccessContext access, Guid documentId, CreatePaperCopyRequest request, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<PaperCopyDto>> HandOutAsync(AccessContext access, Guid copyId, HandOutPaperCopyRequest request, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<PaperCopyDto>> ReturnAsync(AccessContext access, Guid copyId, ReturnPaperCopyRequest request, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<PaperCopyDto>> MoveAsync(AccessContext access, Guid copyId, MovePaperCopyRequest request, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<PaperCopyDto>> SendAsync(AccessContext access, Guid copyId, SendPaperCopyRequest request, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<PaperCopyDto>> ReceiveAsync(AccessContext access, Guid copyId, ReceivePaperCopyRequest request, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<PaperCopyDto>> ReceiveNewAsync(AccessContext access, Guid documentId, ReceiveNewPaperCopyRequest request, CancellationToken ct) =>
        throw new NotImplementedException();
}
