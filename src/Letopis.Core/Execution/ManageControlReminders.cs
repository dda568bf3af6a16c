using Letopis.Core.Access;
using Letopis.Core.Common;

namespace Letopis.Core.Execution;

/// <summary>Reminder rules on control dates: per document type and per contract.</summary>
public sealed class ManageControlReminders
{
    public Task<Result<IReadOnlyList<ControlReminderRuleDto>>> ListForTypeAsync(AccessContext access, string typeCode, CancellationToken ct) =>
        Task.FromResult<Result<IReadOnlyList<ControlReminderRuleDto>>>(ExecutionErrors.NotReady());

    public Task<Result<ControlReminderRuleDto>> AddForTypeAsync(AccessContext access, string typeCode, ControlReminderRuleRequest request, CancellationToken ct) =>
        Task.FromResult<Result<ControlReminderRuleDto>>(ExecutionErrors.NotReady());

    public Task<Result<IReadOnlyList<ControlReminderRuleDto>>> ListForDocumentAsync(AccessContext access, Guid documentId, CancellationToken ct) =>
        Task.FromResult<Result<IReadOnlyList<ControlReminderRuleDto>>>(ExecutionErrors.NotReady());

    public Task<Result<ControlReminderRuleDto>> AddForDocumentAsync(AccessContext access, Guid documentId, ControlReminderRuleRequest request, CancellationToken ct) =>
        Task.FromResult<Result<ControlReminderRuleDto>>(ExecutionErrors.NotReady());

    public Task<Result<bool>> DeleteAsync(AccessContext access, Guid ruleId, CancellationToken ct) =>
        Task.FromResult<Result<bool>>(ExecutionErrors.NotReady());
}
