using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Common;

/// <summary>One page of a list.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static PageRequest From(int? page, int? pageSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultSize, 1, MaxSize));

    /// <summary>
    /// Rows before the page, saturated rather than wrapped: a page far beyond the end (up to
    /// <c>int.MaxValue</c>) is an empty page, never the first one again.
    /// </summary>
    public int Skip => (int)Math.Min((long)(Page - 1) * PageSize, int.MaxValue);
}

public static class PagingExtensions
{
    /// <summary>Counts and takes one page of an ordered query.</summary>
    public static async Task<PageOf<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        return new PageOf<T>(items, total, request.Page, request.PageSize);
    }
}
