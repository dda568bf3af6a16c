#pragma warning disable CS9113 // the bodies come with the next commit
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

/// <summary>«Канцелярия»: the secretary's lists of letters awaiting registration, resolution, reply or sending.</summary>
public sealed class ReadCorrespondenceDesk(LetopisDb db, TimeProvider time)
{
    public Task<CorrespondenceDeskDto> HandleAsync(AccessContext access, CancellationToken ct) =>
        Task.FromResult(new CorrespondenceDeskDto(new DeskListDto(0, []), new DeskListDto(0, []), new DeskListDto(0, []), new DeskListDto(0, [])));
}
