#pragma warning disable CS9113 // the bodies come with the next commit
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

/// <summary>An executor reports on an assignment, with text and files.</summary>
public sealed class ReportAssignment(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<AssignmentDto>> ReportAsync(AccessContext access, Guid id, AssignmentReportRequest request, CancellationToken ct) =>
        Task.FromResult<Result<AssignmentDto>>(new Error("not_implemented", "Not implemented yet."));

    /// <summary>Stores a file among the letter's files and attaches it to the open report (a new one when none waits).</summary>
    public Task<Result<AssignmentDto>> AttachFileAsync(AccessContext access, Guid id, string? name, Stream content, long? declaredLength, CancellationToken ct) =>
        Task.FromResult<Result<AssignmentDto>>(new Error("not_implemented", "Not implemented yet."));
}
