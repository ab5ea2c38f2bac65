using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Accounts.Limits;
using RedPacket.Domain.Accounts.Pins;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets.Queries;

namespace RedPacket.Web.Api;

/// <summary>The signed-in user; <see cref="UserId"/> is what other members name them by (e.g. an exclusive packet's recipient).</summary>
public sealed record MeResponse(string UserName, long BalanceCents, string UserId, bool HasPin);
/// <summary>Sets the payment PIN (six digits); changing it needs the current one.</summary>
public sealed record SetPinRequest(string? Pin, string? CurrentPin);
public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);

public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization().SignedInProblems();
        api.MapGet("/", Me).WithName("Me").WithSummary("The signed-in user and their balance.").Problems(ErrorCodes.NoAccount);
        api.MapPut("/pin", SetPin).WithName("SetPin").AddEndpointFilter<CookieCsrfFilter>()
            .WithSummary("Sets the payment PIN (支付密码); changing it needs `currentPin`, which counts as a guess.")
            .Problems(DomainProblemMapping.Csrf, ErrorCodes.InvalidRequest, ErrorCodes.PinWeak, ErrorCodes.PinWrong, ErrorCodes.PinLocked);
        api.MapGet("/limits", Limits).WithName("MyLimits").WithSummary("My daily limits, what I used of them today, and when they reset.");
        api.MapGet("/ledger", Ledger).WithName("MyLedger").WithSummary("My ledger lines, newest first.").Problems(ErrorCodes.InvalidRequest);
        api.MapGet("/packets/sent", Sent).WithName("MySentPackets").WithSummary("Packets I sent, newest first.").Problems(ErrorCodes.InvalidRequest);
        api.MapGet("/packets/summary", Summary).WithName("MyPacketSummary")
            .WithSummary("A year of my packets (`?year=`, this year by default, in the service's zone): received count, total and times luckiest; sent count and total.")
            .Problems(ErrorCodes.InvalidRequest);
        api.MapGet("/packets/received", Received).WithName("MyReceivedShares").WithSummary("Shares I got, newest first.")
            .Problems(ErrorCodes.InvalidRequest);
        return api;
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Me(ClaimsPrincipal user, AccountService accounts, PaymentPins pins,
        CancellationToken ct) =>
        await accounts.FindAsync(user.UserId(), ct) is { } a
            ? TypedResults.Ok(new MeResponse(a.UserName, a.BalanceCents, a.UserId, await pins.IsSetAsync(a.UserId, ct)))
            : DomainProblemMapping.Problem(ErrorCodes.NoAccount, "The signed-in user has no account.");

    public static async Task<NoContent> SetPin(ClaimsPrincipal user, SetPinRequest body, PaymentPins pins, CancellationToken ct)
    {
        await pins.SetAsync(user.UserId(), body.Pin, body.CurrentPin, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PacketYearSummary>> Summary(ClaimsPrincipal user, PacketSummaries summaries, int? year, CancellationToken ct) =>
        TypedResults.Ok(await summaries.YearAsync(user.UserId(), year ?? summaries.CurrentYear(), ct));

    public static async Task<Ok<DailyAllowance>> Limits(ClaimsPrincipal user, DailyLimits limits, CancellationToken ct) =>
        TypedResults.Ok(await limits.AllowanceAsync(user.UserId(), ct));

    public static async Task<Ok<PageResponse<LedgerLine>>> Ledger(ClaimsPrincipal user, AccountService accounts,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await accounts.LedgerAsync(user.UserId(), Paging(page, pageSize), ct)));

    public static async Task<Ok<PageResponse<SentPacketRow>>> Sent(ClaimsPrincipal user, PacketQueries packets,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await packets.SentByAsync(user.UserId(), Paging(page, pageSize), ct)));

    public static async Task<Ok<PageResponse<ReceivedShareRow>>> Received(ClaimsPrincipal user, PacketQueries packets,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await packets.ReceivedByAsync(user.UserId(), Paging(page, pageSize), ct)));

    internal static PageRequest Paging(int? page, int? pageSize) => new(page ?? 1, pageSize ?? 20);

    internal static PageResponse<T> ToResponse<T>(Page<T> p) => new(p.Items, p.PageNumber, p.PageSize, p.TotalCount);
}
