using Letopis.Core.Access;
using Letopis.Core.Common;

namespace Letopis.Core.Execution;

/// <summary>The plan of control points of a contract: add, edit, delete, complete, link acts, miss reasons, copy a plan.</summary>
public sealed class ManageControlPoints
{
    public Task<Result<IReadOnlyList<ControlPointDto>>> ListAsync(AccessContext access, Guid documentId, CancellationToken ct) =>
        Task.FromResult<Result<IReadOnlyList<ControlPointDto>>>(ExecutionErrors.NotReady());

    public Task<Result<ControlPointDto>> CreateAsync(AccessContext access, Guid documentId, ControlPointRequest request, CancellationToken ct) =>
        Task.FromResult<Result<ControlPointDto>>(ExecutionErrors.NotReady());

    public Task<Result<ControlPointDto>> UpdateAsync(AccessContext access, Guid id, ControlPointRequest request, int? ifMatch, CancellationToken ct) =>
        Task.FromResult<Result<ControlPointDto>>(ExecutionErrors.NotReady());

    public Task<Result<bool>> DeleteAsync(AccessContext access, Guid id, int? version, CancellationToken ct) =>
        Task.FromResult<Result<bool>>(ExecutionErrors.NotReady());

    public Task<Result<ControlPointDto>> CompleteAsync(AccessContext access, Guid id, CompleteControlPointRequest request, CancellationToken ct) =>
        Task.FromResult<Result<ControlPointDto>>(ExecutionErrors.NotReady());

    public Task<Result<ControlPointDto>> LinkAsync(AccessContext access, Guid id, LinkClosingDocumentRequest request, CancellationToken ct) =>
        Task.FromResult<Result<ControlPointDto>>(ExecutionErrors.NotReady());

    public Task<Result<ControlPointDto>> MissReasonAsync(AccessContext access, Guid id, MissReasonRequest request, CancellationToken ct) =>
        Task.FromResult<Result<ControlPointDto>>(ExecutionErrors.NotReady());

    public Task<Result<IReadOnlyList<ControlPointDto>>> CopyAsync(AccessContext access, Guid documentId, CopyControlPlanRequest request, CancellationToken ct) =>
        Task.FromResult<Result<IReadOnlyList<ControlPointDto>>>(ExecutionErrors.NotReady());
}
