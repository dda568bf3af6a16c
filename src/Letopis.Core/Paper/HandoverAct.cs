#pragma warning disable CS9113 // bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Paper;

/// <summary>The printable «Акт приёма-передачи» for a batch of copies.</summary>
public sealed class HandoverAct(LetopisDb db, TimeProvider time)
{
    public Task<Result<string>> HtmlAsync(AccessContext access, HandoverActRequest request, string? culture, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<HandoverActFile>> PdfAsync(AccessContext access, HandoverActRequest request, string? culture, CancellationToken ct) =>
        throw new NotImplementedException();
}
