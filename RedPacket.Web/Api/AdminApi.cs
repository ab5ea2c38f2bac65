using RedPacket.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using RedPacket.Domain.Accounts.Adjustments;
using RedPacket.Domain.Accounts.Limits;
using RedPacket.Domain.Audit;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Domain.Refunds;
using RedPacket.Web.Identity;

namespace RedPacket.Web.Api;

public sealed record RefundHistoryResponse(IReadOnlyList<RefundRow> Items, int Page, int PageSize, long TotalCount,
    long TotalRefundedCents, long SucceededCount, long FailedCount);

/// <summary>A balance correction: positive pays the user from the house, negative the other way.</summary>
public sealed record AdjustRequest(long AmountCents, string? Reason);

/// <summary>A user's own daily limits; a null puts that one back to the configured default.</summary>
public sealed record SetLimitsRequest(int? SendsPerDay, long? SentCentsPerDay);

public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin")
            .RequireAuthorization(IdentityRegistration.AdminPolicy).AddEndpointFilter<CookieCsrfFilter>()
            .SignedInProblems().Problems(DomainProblemMapping.Forbidden);
        api.MapGet("/refunds", Refunds).WithName("RefundHistory").WithSummary("Refund history: filter by date and outcome, paged.")
            .Problems(ErrorCodes.InvalidRequest);
        api.MapPost("/refunds/run", RunRefunds).WithName("RunRefunds").WithSummary("Runs the refund job now and answers its summary.")
            .Problems(DomainProblemMapping.Csrf);
        api.MapGet("/packets/{id:long}", Packet).WithName("AdminGetPacket")
            .WithSummary("Any packet's detail (who got what, refunded amount), read-only, without the membership check.")
            .Problems(ErrorCodes.NotFound);
        api.MapPut("/users/{userId}/limits", SetLimits).WithName("SetUserLimits")
            .WithSummary("Sets a user's own daily limits (sends and cents); answers what applies to them today.")
            .Problems(DomainProblemMapping.Csrf, ErrorCodes.InvalidRequest, ErrorCodes.NotFound);
        api.MapPost("/accounts/{userId}/adjust", Adjust).WithName("AdjustAccount")
            .WithSummary("Moves money between a user and the house account, through the ledger, with a reason; answers the row and the new balance.")
            .Problems(DomainProblemMapping.Csrf, ErrorCodes.InvalidAmount, ErrorCodes.InvalidRequest, ErrorCodes.NotFound, ErrorCodes.InsufficientFunds);
        api.MapGet("/adjustments", Adjustments).WithName("AdjustmentHistory").WithSummary("Every adjustment, newest first, paged.")
            .Problems(ErrorCodes.InvalidRequest);
        api.MapGet("/audit", Audit).WithName("Audit").WithSummary("Whether the books balance.");
        return api;
    }

    public static async Task<Results<Ok<RefundHistoryResponse>, ProblemHttpResult>> Refunds(RefundQueries queries,
        DateTimeOffset? from, DateTimeOffset? to, string? outcome, int? page, int? pageSize, CancellationToken ct)
    {
        RefundOutcome? wanted = null;
        if (!string.IsNullOrEmpty(outcome))
        {
            if (!Enum.TryParse<RefundOutcome>(outcome, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return DomainProblemMapping.Problem(RedPacket.Domain.Common.ErrorCodes.InvalidRequest, "outcome is 'succeeded' or 'failed'.");
            wanted = parsed;
        }
        var h = await queries.HistoryAsync(new RefundFilter(from, to, wanted), MeApi.Paging(page, pageSize), ct);
        return TypedResults.Ok(new RefundHistoryResponse(h.Page.Items, h.Page.PageNumber, h.Page.PageSize, h.Page.TotalCount,
            h.TotalRefundedCents, h.SucceededCount, h.FailedCount));
    }

    public static async Task<Results<Ok<PacketDetail>, ProblemHttpResult>> Packet(long id, PacketQueries queries, CancellationToken ct) =>
        await queries.DetailForAdminAsync(id, ct) is { } d ? TypedResults.Ok(d)
            : DomainProblemMapping.Problem(ErrorCodes.NotFound, "No such packet.");

    /// <summary>Runs the same code as the scheduled job; a refund is idempotent in SQL, so an overlap is harmless.</summary>
    public static async Task<Ok<RefundRunSummary>> RunRefunds(RefundRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunOnceAsync(ct));

    public static async Task<Ok<DailyAllowance>> SetLimits(string userId, SetLimitsRequest body, DailyLimits limits, CancellationToken ct) =>
        TypedResults.Ok(await limits.SetAsync(userId, body.SendsPerDay, body.SentCentsPerDay, ct));

    public static async Task<Ok<AdjustmentRow>> Adjust(string userId, AdjustRequest body, System.Security.Claims.ClaimsPrincipal admin,
        AccountAdjustments adjustments, CancellationToken ct) =>
        TypedResults.Ok(await adjustments.AdjustAsync(userId, body.AmountCents, body.Reason, admin.UserId(), ct));

    public static async Task<Ok<PageResponse<AdjustmentRow>>> Adjustments(AccountAdjustments adjustments, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(MeApi.ToResponse(await adjustments.HistoryAsync(MeApi.Paging(page, pageSize), ct)));

    public static async Task<Ok<AuditReport>> Audit(BookAudit audit, CancellationToken ct) => TypedResults.Ok(await audit.RunAsync(ct));
}
