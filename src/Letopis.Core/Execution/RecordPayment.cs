using Letopis.Core.Access;
using Letopis.Core.Common;

namespace Letopis.Core.Execution;

/// <summary>Actual payments against a planned point, in kopecks; partial payments allowed, an over-payment only when confirmed.</summary>
public sealed class RecordPayment
{
    public Task<Result<ControlPaymentDto>> RecordAsync(AccessContext access, Guid controlPointId, PaymentRequest request, CancellationToken ct) =>
        Task.FromResult<Result<ControlPaymentDto>>(ExecutionErrors.NotReady());

    public Task<Result<IReadOnlyList<ControlPaymentDto>>> ListAsync(AccessContext access, Guid controlPointId, CancellationToken ct) =>
        Task.FromResult<Result<IReadOnlyList<ControlPaymentDto>>>(ExecutionErrors.NotReady());

    public Task<Result<bool>> DeleteAsync(AccessContext access, Guid paymentId, CancellationToken ct) =>
        Task.FromResult<Result<bool>>(ExecutionErrors.NotReady());
}
