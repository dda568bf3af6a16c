using Letopis.Core.Access;
using Letopis.Core.Common;

namespace Letopis.Core.Execution;

/// <summary>«Взаиморасчёты» of a contract and of a counterparty, and their XLSX export.</summary>
public sealed class ReadSettlement
{
    public Task<Result<SettlementDto>> ForDocumentAsync(AccessContext access, Guid documentId, CancellationToken ct) =>
        Task.FromResult<Result<SettlementDto>>(ExecutionErrors.NotReady());

    public Task<Result<CounterpartySettlementDto>> ForCounterpartyAsync(AccessContext access, Guid counterpartyId, CancellationToken ct) =>
        Task.FromResult<Result<CounterpartySettlementDto>>(ExecutionErrors.NotReady());

    /// <summary>
    /// The settlement as a workbook: of a contract when <paramref name="documentId"/> is given, else of the counterparty.
    /// <paramref name="label"/> words a column or sheet key (<see cref="ExportKeys"/>) in the caller's language.
    /// </summary>
    public Task<Result<SettlementFile>> XlsxAsync(
        AccessContext access, Guid? documentId, Guid? counterpartyId, Func<string, string> label, CancellationToken ct) =>
        Task.FromResult<Result<SettlementFile>>(ExecutionErrors.NotReady());
}
