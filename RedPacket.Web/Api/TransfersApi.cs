using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RedPacket.Domain.Accounts.Pins;
using RedPacket.Domain.Common;
using RedPacket.Domain.Transfers;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Web.Api;

/// <summary>A transfer (转账) to one member of the group; <see cref="Pin"/> is the sender's payment PIN.</summary>
public sealed record TransferRequest(string? ToUserId, long AmountCents, string? Note, string? Pin);

/// <summary>A transfer as its two people see it; <see cref="Status"/> is pending, accepted or returned.</summary>
public sealed record TransferResponse(long TransferId, long GroupId, string FromUserId, string FromName, string ToUserId, string ToName,
    long AmountCents, string Note, TransferStatus Status, bool Expired, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? SettledAt)
{
    public static TransferResponse Of(TransferView t) => new(t.TransferId, t.GroupId, t.FromUserId, t.FromName, t.ToUserId, t.ToName,
        t.AmountCents, t.Note, t.Status, t.Expired, t.CreatedAt, t.ExpiresAt, t.SettledAt);
}

public static class TransfersApi
{
    public static RouteGroupBuilder MapTransfersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Transfers").RequireAuthorization().AddEndpointFilter<CookieCsrfFilter>().SignedInProblems();
        api.MapPost("/groups/{groupId:long}/transfers", Create).WithName("CreateTransfer")
            .AddEndpointFilter(new UserRateLimitFilter(UserActionLimiter.Send))
            .WithSummary("Transfers money to a member (转账): it waits in escrow until they accept or return it, or 24 h pass. "
                + "An Idempotency-Key header makes a replay return the first transfer.")
            .ChangeProblems().Problems(ErrorCodes.InvalidAmount, ErrorCodes.NotMember, ErrorCodes.NoAccount, ErrorCodes.InsufficientFunds,
                ErrorCodes.IdempotencyConflict, DomainProblemMapping.RateLimited, ErrorCodes.PinNotSet, ErrorCodes.PinWrong,
                ErrorCodes.PinLocked, ErrorCodes.DailyLimit);
        api.MapPost("/transfers/{transferId:long}/accept", Accept).WithName("AcceptTransfer")
            .WithSummary("The recipient takes the money (anyone else: 404). Past its 24 h it has gone back: 410.")
            .ChangeProblems().Problems(ErrorCodes.NotFound, ErrorCodes.TransferSettled, ErrorCodes.Expired);
        api.MapPost("/transfers/{transferId:long}/return", Return).WithName("ReturnTransfer")
            .WithSummary("The recipient sends the money back (anyone else: 404).")
            .ChangeProblems().Problems(ErrorCodes.NotFound, ErrorCodes.TransferSettled, ErrorCodes.Expired);
        api.MapGet("/transfers/{transferId:long}", Get).WithName("GetTransfer").WithSummary("A transfer, for its sender and recipient only.")
            .Problems(ErrorCodes.NotFound);
        return api;
    }

    public static async Task<Created<TransferResponse>> Create(long groupId, TransferRequest body, ClaimsPrincipal user,
        [FromHeader(Name = PacketsApi.IdempotencyHeader)] string? idempotencyKey, PaymentPins pins, TransferService transfers,
        HttpContext http, CancellationToken ct)
    {
        await pins.VerifyAsync(user.UserId(), body.Pin, ct);
        var t = await transfers.CreateAsync(new TransferCommand(user.UserId(), groupId, body.ToUserId ?? "", body.AmountCents, body.Note,
            idempotencyKey), ct);
        if (t.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/api/transfers/{t.TransferId}", TransferResponse.Of(t));
    }

    public static async Task<Ok<TransferResponse>> Accept(long transferId, ClaimsPrincipal user, TransferService transfers, CancellationToken ct) =>
        TypedResults.Ok(TransferResponse.Of(await transfers.AcceptAsync(transferId, user.UserId(), ct)));

    public static async Task<Ok<TransferResponse>> Return(long transferId, ClaimsPrincipal user, TransferService transfers, CancellationToken ct) =>
        TypedResults.Ok(TransferResponse.Of(await transfers.ReturnAsync(transferId, user.UserId(), ct)));

    public static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Get(long transferId, ClaimsPrincipal user, TransferService transfers,
        CancellationToken ct) =>
        await transfers.FindForAsync(transferId, user.UserId(), ct) is { } t ? TypedResults.Ok(TransferResponse.Of(t))
            : DomainProblemMapping.Problem(ErrorCodes.NotFound, "No such transfer.");
}
