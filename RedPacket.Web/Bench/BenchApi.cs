using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Audit;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Domain.Persistence;
using RedPacket.Web.Api;
using RedPacket.Web.Identity;

namespace RedPacket.Web.Bench;

/// <summary>
/// What <c>scripts/bench.sh</c> drives the app with. Mapped only in the Development and Bench environments: it
/// creates users and mints their tokens without passwords, so it must never exist in production. Answers are
/// plain text lines, easy to read from a shell script and from wrk's Lua.
/// </summary>
public static class BenchApi
{
    public const string Environment = "Bench";

    public static bool IsEnabled(IHostEnvironment env) => env.IsDevelopment() || env.IsEnvironment(Environment);

    public static IHostApplicationBuilder AddBench(this IHostApplicationBuilder builder)
    {
        if (IsEnabled(builder.Environment)) builder.Services.AddScoped<BenchSeeder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBenchApi(this IEndpointRouteBuilder app, IHostEnvironment env)
    {
        if (!IsEnabled(env)) return app;
        var api = app.MapGroup("/api/bench").WithTags("Bench").ExcludeFromDescription();
        api.MapPost("/seed", Seed);
        api.MapPost("/packets", Packets);
        api.MapGet("/report", Report);
        api.MapGet("/unsettled", Unsettled);
        // The circuit swarm (scripts/bench/Circuits) signs its browsers in here: the seeded users have no password.
        api.MapPost("/cookie", Cookie).RequireAuthorization();
        // The HTTP ceiling: the same 409 problem a sold-out grab answers, with no work behind it.
        api.MapMethods("/ping", ["GET", "POST"], () => ProblemBytes.For(ErrorCodes.SoldOut, "Too slow: all shares are gone."));
        // For redis-benchmark: the claim script exactly as the app sends it.
        api.MapGet("/claim-script", () => TypedResults.Text(Domain.Packets.Claiming.RedisPacketStore.ClaimScript));
        // The managed heap's live bytes after a full, compacting collection: what the circuits keep, without the GC's
        // headroom and fragmentation that RSS also counts.
        api.MapGet("/heap", () =>
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            return TypedResults.Text(GC.GetTotalMemory(forceFullCollection: true).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        // What wrk's threads send once their plan is done while the last answers come in; not counted.
        api.MapGet("/idle", () => TypedResults.NoContent());
        return app;
    }

    /// <summary>Lines <c>group {id} {senderToken}</c>, then <c>user {groupId} {token}</c>.</summary>
    private static async Task<IResult> Seed(string prefix, int users, int groups, long senderCents, BenchSeeder seeder, CancellationToken ct)
    {
        var (seededGroups, seededUsers) = await seeder.SeedAsync(prefix, users, groups, senderCents, ct);
        var text = new StringBuilder(seededUsers.Count * 420);
        foreach (var g in seededGroups) text.Append("group ").Append(g.GroupId).Append(' ').Append(g.SenderToken).Append('\n');
        foreach (var u in seededUsers) text.Append("user ").Append(u.GroupId).Append(' ').Append(u.Token).Append('\n');
        return TypedResults.Text(text.ToString());
    }

    /// <summary>
    /// The pages' auth cookie for the user of the bearer token: what the sign-in form sets after a correct password, by the
    /// same call (<see cref="SignInManager{TUser}.SignInWithClaimsAsync(TUser, bool, IEnumerable{Claim})"/>, persistent, "pwd"),
    /// without the password check (seeded users have none, and hashing one costs ~35 ms each). 204 with Set-Cookie.
    /// </summary>
    private static async Task<IResult> Cookie(ClaimsPrincipal caller, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        if (await users.FindByIdAsync(caller.UserId()) is not { } user) return TypedResults.NotFound();
        await signIn.SignInWithClaimsAsync(user, isPersistent: true, [new Claim("amr", "pwd")]);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// <paramref name="perGroup"/> packets in every group from <paramref name="firstGroup"/> to <paramref name="lastGroup"/>,
    /// each sent by the group's creator through the real send path. Lines <c>packet {groupId} {packetId}</c>, by packet id.
    /// </summary>
    private static async Task<IResult> Packets(long firstGroup, long lastGroup, int perGroup, int shares, long totalCents,
        PacketKind kind, IDbContextFactory<RedPacketDb> contexts, PacketSender sender, CancellationToken ct)
    {
        List<(long Id, string Owner)> targets;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            targets = (await db.Set<Domain.Groups.Group>().Where(g => g.Id >= firstGroup && g.Id <= lastGroup)
                .Select(g => new { g.Id, g.CreatedByUserId }).ToListAsync(ct)).Select(g => (g.Id, g.CreatedByUserId)).ToList();
        var sent = new System.Collections.Concurrent.ConcurrentBag<(long Group, long Packet)>();
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (g, c) =>
        {
            for (var i = 0; i < perGroup; i++)
                sent.Add((g.Id, (await sender.SendAsync(new SendPacketCommand(g.Owner, g.Id, totalCents, shares, kind, "bench"), c)).PacketId));
        });
        return TypedResults.Text(string.Concat(sent.OrderBy(s => s.Packet).Select(s => $"packet {s.Group} {s.Packet}\n")));
    }

    /// <summary>
    /// <c>unsettled=N</c>: claims Redis holds for packets <paramref name="firstPacket"/>..<paramref name="lastPacket"/> that
    /// MySQL does not (no claimed share with that sequence number for that user). After a crash they are the
    /// reconciler's to finish; some time later there must be none.
    /// </summary>
    private static async Task<IResult> Unsettled(long firstPacket, long lastPacket, IDbContextFactory<RedPacketDb> contexts,
        Domain.Packets.Claiming.RedisPacketStore redis, CancellationToken ct)
    {
        List<(long PacketId, string? User, int Seq)> committed;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            committed = (await db.Set<PacketShare>()
                .Where(s => s.PacketId >= firstPacket && s.PacketId <= lastPacket && s.Status == ShareStatus.Claimed)
                .Select(s => new { s.PacketId, s.ReceiverUserId, s.Seq }).ToListAsync(ct))
                .Select(s => (s.PacketId, s.ReceiverUserId, s.Seq)).ToList();
        var inMySql = committed.ToHashSet();
        var unsettled = 0;
        for (var packetId = firstPacket; packetId <= lastPacket; packetId++)
            foreach (var (user, share) in await redis.ClaimsAsync(packetId))
                if (!inMySql.Contains((packetId, user, share.Seq))) unsettled++;
        return TypedResults.Text(string.Create(CultureInfo.InvariantCulture, $"unsettled={unsettled}\n"));
    }

    /// <summary>One line of <c>key=value</c>: the audit, and the shares of packets <paramref name="firstPacket"/>..<paramref name="lastPacket"/>.</summary>
    private static async Task<IResult> Report(long firstPacket, long lastPacket, BookAudit audit, IDbContextFactory<RedPacketDb> contexts,
        CancellationToken ct)
    {
        var books = await audit.RunAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var shares = db.Set<PacketShare>().Where(s => s.PacketId >= firstPacket && s.PacketId <= lastPacket);
        var claimed = await shares.CountAsync(s => s.Status == ShareStatus.Claimed, ct);
        var unclaimed = await shares.CountAsync(s => s.Status == ShareStatus.Unclaimed, ct);
        var twice = await shares.Where(s => s.ReceiverUserId != null).GroupBy(s => new { s.PacketId, s.ReceiverUserId })
            .CountAsync(g => g.Count() > 1, ct);
        var first = await shares.MinAsync(s => s.ClaimedAt, ct);
        var last = await shares.MaxAsync(s => s.ClaimedAt, ct);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"consistent={books.Consistent.ToString().ToLowerInvariant()} claimed={claimed} unclaimed={unclaimed} twice={twice} " +
            $"first_claim_ms={first?.ToUnixTimeMilliseconds() ?? 0} last_claim_ms={last?.ToUnixTimeMilliseconds() ?? 0} " +
            $"minted={books.MintedCents} balances={books.BalancesCents} escrow={books.EscrowCents}\n");
        if (!books.Consistent) line += "problems: " + string.Join(" | ", books.Problems) + "\n";
        return TypedResults.Text(line);
    }
}
