using Microsoft.EntityFrameworkCore;

namespace RedPacket.Domain.Common;

/// <summary>
/// A 1-based page request; sizes are clamped so nobody pulls a whole table, and pages so that the offset
/// ((page - 1) × size) always fits an int: a page past the end is just empty.
/// </summary>
public sealed record PageRequest(int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;
    public const int MaxPage = int.MaxValue / MaxPageSize;
    public int SafePage => Math.Clamp(Page, 1, MaxPage);
    public int SafeSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalCount);

public static class PageExtensions
{
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest page, CancellationToken ct)
    {
        var total = await ordered.LongCountAsync(ct);
        var items = await ordered.Skip((page.SafePage - 1) * page.SafeSize).Take(page.SafeSize).ToListAsync(ct);
        return new Page<T>(items, page.SafePage, page.SafeSize, total);
    }
}
