using RedPacket.Domain.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Groups;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Web.Api;

public sealed record CreateGroupRequest(string Name);
public sealed record JoinGroupRequest(string InviteCode);
public sealed record PostMessageRequest(string Text);

public static class GroupsApi
{
    public static RouteGroupBuilder MapGroupsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/groups").WithTags("Groups").RequireAuthorization().AddEndpointFilter<CookieCsrfFilter>()
            .SignedInProblems();
        api.MapGet("/", Mine).WithName("MyGroups").WithSummary("The groups I am in.");
        api.MapPost("/", Create).WithName("CreateGroup").WithSummary("Creates a group; the creator is its first member.")
            .ChangeProblems().Problems(ErrorCodes.NoAccount);
        api.MapGet("/{id:long}", Get).WithName("GetGroup").WithSummary("A group with its members (members only).")
            .Problems(ErrorCodes.NotFound);
        api.MapPost("/{id:long}/join", Join).WithName("JoinGroup").WithSummary("Joins a group with its invitation code.")
            .ChangeProblems().Problems(ErrorCodes.BadInvite, ErrorCodes.NoAccount);
        api.MapGet("/{id:long}/messages", Messages).WithName("GroupMessages").WithSummary("The chat: messages and packet bubbles (members only).")
            .Problems(ErrorCodes.InvalidRequest, ErrorCodes.NotMember);
        api.MapPost("/{id:long}/messages", Post).WithName("PostMessage").WithSummary("Posts a text message (members only).")
            .AddEndpointFilter(new UserRateLimitFilter(UserActionLimiter.Chat))
            .ChangeProblems().Problems(ErrorCodes.NotMember, DomainProblemMapping.RateLimited);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<GroupSummary>>> Mine(ClaimsPrincipal user, GroupService groups, CancellationToken ct) =>
        TypedResults.Ok(await groups.MineAsync(user.UserId(), ct));

    public static async Task<Created<GroupSummary>> Create(CreateGroupRequest body, ClaimsPrincipal user, GroupService groups, CancellationToken ct)
    {
        var group = await groups.CreateAsync(user.UserId(), body.Name ?? "", ct);
        return TypedResults.Created($"/api/groups/{group.Id}", group);
    }

    /// <summary>A group of which the caller is not a member answers 404, as if it did not exist.</summary>
    /// <summary>Another group answers 404, exactly like an unknown one.</summary>
    public static async Task<Results<Ok<GroupDetail>, ProblemHttpResult>> Get(long id, ClaimsPrincipal user, GroupService groups, CancellationToken ct) =>
        await groups.FindForMemberAsync(id, user.UserId(), ct) is { } g ? TypedResults.Ok(g)
            : DomainProblemMapping.Problem(ErrorCodes.NotFound, "No such group.");

    public static async Task<NoContent> Join(long id, JoinGroupRequest body, ClaimsPrincipal user, GroupService groups, CancellationToken ct)
    {
        await groups.JoinAsync(id, user.UserId(), body.InviteCode ?? "", ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<ChatItem>>> Messages(long id, long? before, int? take, ClaimsPrincipal user,
        ChatService chat, CancellationToken ct) =>
        TypedResults.Ok(await chat.HistoryAsync(id, user.UserId(), before, take ?? 50, ct));

    public static async Task<Created<ChatItem>> Post(long id, PostMessageRequest body, ClaimsPrincipal user, ChatService chat, CancellationToken ct)
    {
        var item = await chat.PostAsync(id, user.UserId(), body.Text ?? "", ct);
        return TypedResults.Created($"/api/groups/{id}/messages", item);
    }
}
