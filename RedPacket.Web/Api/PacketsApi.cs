using RedPacket.Domain.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RedPacket.Domain.Accounts.Pins;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Web.Api;

/// <summary>A send; <see cref="RecipientUserId"/> names the one member who may open an exclusive packet (that kind only);
/// <see cref="Cover"/> is one of <c>GET /api/covers</c> (the classic one when left out); <see cref="Pin"/> is the sender's
/// payment PIN; <see cref="Phrase"/> is a password packet's (口令红包) phrase, 2 to 20 characters, that kind only.</summary>
public sealed record SendPacketRequest(long TotalCents, int Count, PacketKind Kind, string? Greeting, string? RecipientUserId = null,
    string? Cover = null, string? Pin = null, string? Phrase = null);

/// <summary>A grab's optional body: the phrase that opens a password packet.</summary>
public sealed record GrabRequest(string? Phrase);

public sealed record SendPacketResponse(long PacketId, long GroupId, PacketKind Kind, long TotalCents, int Count,
    string Greeting, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string? RecipientUserId = null, string Cover = PacketCovers.Classic,
    string? Phrase = null);

/// <summary>A packet cover a send may pick.</summary>
public sealed record CoverView(string Id);

public sealed record GrabResponse(GrabOutcome Outcome, long AmountCents, int RemainingCount);

public static class PacketsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapPacketsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Packets").RequireAuthorization().AddEndpointFilter<CookieCsrfFilter>().SignedInProblems();
        api.MapPost("/groups/{groupId:long}/packets", Send).WithName("SendPacket").AddEndpointFilter(new UserRateLimitFilter(UserActionLimiter.Send))
            .WithSummary("Sends a packet to a group; an Idempotency-Key header makes a replay return the first packet.")
            .ChangeProblems().Problems(ErrorCodes.InvalidAmount, ErrorCodes.InvalidCount, ErrorCodes.NotMember, ErrorCodes.NoAccount,
                ErrorCodes.InsufficientFunds, ErrorCodes.IdempotencyConflict, DomainProblemMapping.RateLimited,
                ErrorCodes.PinNotSet, ErrorCodes.PinWrong, ErrorCodes.PinLocked, ErrorCodes.DailyLimit);
        api.MapPost("/packets/{packetId:long}/grab", Grab).WithName("GrabPacket").AddEndpointFilter(new UserRateLimitFilter(UserActionLimiter.Grab))
            .WithSummary("Grabs a share; asking again returns the same share. A password packet needs `{\"phrase\":\"…\"}` in the body: "
                + "the phrase is posted as the member's chat line, then the grab goes on.")
            .Accepts<GrabRequest>(isOptional: true, "application/json")
            .Problems(DomainProblemMapping.Csrf, ErrorCodes.InvalidRequest, ErrorCodes.NotFound, ErrorCodes.NotRecipient, ErrorCodes.WrongPhrase, ErrorCodes.SoldOut,
                ErrorCodes.Expired, DomainProblemMapping.RateLimited, ErrorCodes.Busy);
        api.MapGet("/packets/{packetId:long}", Detail).WithName("GetPacket").WithSummary("Who got how much (members only).")
            .Problems(ErrorCodes.NotFound);
        api.MapGet("/covers", () => TypedResults.Ok(PacketCovers.All.Select(id => new CoverView(id)).ToList()))
            .WithName("ListCovers").WithSummary("The packet covers a send may pick (`cover` in its body).");
        return api;
    }

    public static async Task<Created<SendPacketResponse>> Send(long groupId, SendPacketRequest body, ClaimsPrincipal user,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, PaymentPins pins, PacketSender sender, HttpContext http, CancellationToken ct)
    {
        await pins.VerifyAsync(user.UserId(), body.Pin, ct);
        var sent = await sender.SendAsync(new SendPacketCommand(user.UserId(), groupId, body.TotalCents, body.Count, body.Kind,
            body.Greeting, idempotencyKey, body.RecipientUserId, body.Cover, body.Phrase), ct);
        if (sent.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/api/packets/{sent.PacketId}", new SendPacketResponse(sent.PacketId, sent.GroupId, sent.Kind,
            sent.TotalCents, sent.Count, sent.Greeting, sent.CreatedAt, sent.ExpiresAt, sent.RecipientUserId, sent.Cover, sent.Phrase));
    }

    /// <summary>Refusals (sold out, expired, …) are the common answer under a storm: written directly, no exception thrown.</summary>
    public static async Task<Results<Ok<GrabResponse>, ProblemBytes>> Grab(long packetId, ClaimsPrincipal user,
        PacketGrabber grabber, HttpContext http, CancellationToken ct)
    {
        // A tap carries no body: only a password packet's tap sends one, so only then is a body read.
        string? phrase = null;
        if (http.Request.HasJsonContentType())
        {
            try
            {
                phrase = (await http.Request.ReadFromJsonAsync<GrabRequest>(ct))?.Phrase;
            }
            catch (System.Text.Json.JsonException)
            {
                return ProblemBytes.For(ErrorCodes.InvalidRequest, "The body is not the JSON of a grab ({\"phrase\":\"…\"}).");
            }
        }
        var answer = await grabber.GrabAsync(packetId, user.UserId(), phrase, ct);
        if (answer.Result is { } r) return TypedResults.Ok(new GrabResponse(r.Outcome, r.AmountCents, r.RemainingCount));
        if (answer.Refusal!.RetryAfter is { } wait)
            RetryAfter.Write(http.Response, wait);
        // "For bob only" names a person: one cached body per recipient would grow with the users, so it is made each time.
        return answer.Refusal.Code == ErrorCodes.NotRecipient
            ? ProblemBytes.Fresh(answer.Refusal.Code, answer.Refusal.Message)
            : ProblemBytes.For(answer.Refusal.Code, answer.Refusal.Message);
    }

    /// <summary>Another group's packet answers 404, exactly like an unknown one.</summary>
    public static async Task<Results<Ok<PacketDetail>, ProblemHttpResult>> Detail(long packetId, ClaimsPrincipal user, PacketQueries queries,
        CancellationToken ct) =>
        await queries.DetailAsync(packetId, user.UserId(), ct) is { } d ? TypedResults.Ok(d)
            : DomainProblemMapping.Problem(ErrorCodes.NotFound, "No such packet.");
}
