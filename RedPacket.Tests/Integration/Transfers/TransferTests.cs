using RedPacket.Domain.Accounts.Limits;
using RedPacket.Domain.Common;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Transfers;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Transfers;

/// <summary>Transfers (转账) through the double-entry ledger; the books are audited after every test.</summary>
public sealed class TransferTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private TransferService Transfers => Fixture.Get<TransferService>();

    private async Task<(string Alice, string Bob, long Group)> PairAsync()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        return (alice, bob, await Driver.GroupAsync(alice, bob));
    }

    private Task<TransferView> SendAsync(string from, long group, string to, long cents, string? key = null, string? note = "for lunch") =>
        Transfers.CreateAsync(new TransferCommand(from, group, to, cents, note, key));

    private static async Task<string> RefusedAsync(Func<Task> act) => (await Assert.ThrowsAsync<DomainException>(act)).Code;

    [Fact]
    public async Task Create_ThenAccept_MoneyWaitsInEscrowThenReachesTheRecipient()
    {
        var (alice, bob, group) = await PairAsync();

        var sent = await SendAsync(alice, group, bob, 300);

        Assert.Equal((TransferStatus.Pending, "for lunch", "bob"), (sent.Status, sent.Note, sent.ToName[..3]));
        Assert.Equal(sent.CreatedAt + TimeSpan.FromHours(24), sent.ExpiresAt);
        Assert.Equal((700, 0), (await Driver.BalanceAsync(alice), await Driver.BalanceAsync(bob)));
        Assert.Equal(300, (await Fixture.Get<RedPacket.Domain.Audit.BookAudit>().RunAsync()).EscrowCents);
        // The card is the chat's newest line, and the conversation list says so.
        var line = Assert.Single(await Fixture.Get<RedPacket.Domain.Chat.ConversationService>().ListAsync(bob));
        Assert.Equal((RedPacket.Domain.Chat.ChatMessageKind.Transfer, 1), (line.LastKind, line.Unread));

        var accepted = await Transfers.AcceptAsync(sent.TransferId, bob);

        Assert.Equal(TransferStatus.Accepted, accepted.Status);
        Assert.Equal((700, 300), (await Driver.BalanceAsync(alice), await Driver.BalanceAsync(bob)));
        var legs = await Driver.ReadAsync(db => Task.FromResult(db.Set<LedgerEntry>().Where(l => l.TransferRecordId == sent.TransferId)
            .OrderBy(l => l.Id).Select(l => new { l.Kind, l.Book, l.AmountCents }).ToList()));
        Assert.Equal([(TransferKind.TransferOut, LedgerBook.User, -300L), (TransferKind.TransferOut, LedgerBook.Escrow, 300L),
            (TransferKind.TransferIn, LedgerBook.Escrow, -300L), (TransferKind.TransferIn, LedgerBook.User, 300L)],
            legs.Select(l => (l.Kind, l.Book, l.AmountCents)));
        // Asked again: the same answer, no second credit. Returning it now is refused.
        Assert.Equal(TransferStatus.Accepted, (await Transfers.AcceptAsync(sent.TransferId, bob)).Status);
        Assert.Equal(ErrorCodes.TransferSettled, await RefusedAsync(() => Transfers.ReturnAsync(sent.TransferId, bob)));
        Assert.Equal(300, await Driver.BalanceAsync(bob));
    }

    [Fact]
    public async Task Return_ByTheRecipient_BackToTheSender()
    {
        var (alice, bob, group) = await PairAsync();
        var sent = await SendAsync(alice, group, bob, 250);

        Assert.Equal(TransferStatus.Returned, (await Transfers.ReturnAsync(sent.TransferId, bob)).Status);

        Assert.Equal((1_000, 0), (await Driver.BalanceAsync(alice), await Driver.BalanceAsync(bob)));
        Assert.Equal(ErrorCodes.TransferSettled, await RefusedAsync(() => Transfers.AcceptAsync(sent.TransferId, bob)));
    }

    [Fact]
    public async Task AcceptOrReturn_ByAnyoneButTheRecipient_NotFound()
    {
        var (alice, bob, group) = await PairAsync();
        var carol = await Driver.UserAsync("carol");
        var sent = await SendAsync(alice, group, bob, 100);

        foreach (var who in new[] { alice, carol })
        {
            Assert.Equal(ErrorCodes.NotFound, await RefusedAsync(() => Transfers.AcceptAsync(sent.TransferId, who)));
            Assert.Equal(ErrorCodes.NotFound, await RefusedAsync(() => Transfers.ReturnAsync(sent.TransferId, who)));
        }
        Assert.Null(await Transfers.FindForAsync(sent.TransferId, carol));
        Assert.NotNull(await Transfers.FindForAsync(sent.TransferId, alice));
        Assert.Equal(ErrorCodes.NotFound, await RefusedAsync(() => Transfers.AcceptAsync(long.MaxValue, bob)));
    }

    [Fact]
    public async Task Expiry_NotAcceptedIn24h_TheJobReturnsItOnceAndALateAcceptIsRefused()
    {
        var (alice, bob, group) = await PairAsync();
        var sent = await SendAsync(alice, group, bob, 400);
        Fixture.Clock.Advance(TimeSpan.FromHours(24));

        // Two runs at once (two nodes, or a run overlapping the next): each transfer goes back once.
        var runs = await Task.WhenAll(Transfers.ReturnExpiredAsync(), Transfers.ReturnExpiredAsync());

        Assert.Equal(1, runs.Count(r => r.Returned == 1 && r.ReturnedCents == 400) + runs.Count(r => r.Returned > 1) * 100);
        Assert.Equal(1_000, await Driver.BalanceAsync(alice));
        var late = await Assert.ThrowsAsync<DomainException>(() => Transfers.AcceptAsync(sent.TransferId, bob));
        Assert.Equal(ErrorCodes.Expired, late.Code);
        var view = (await Transfers.FindForAsync(sent.TransferId, bob))!;
        Assert.Equal((TransferStatus.Returned, true), (view.Status, view.Expired));
    }

    [Fact]
    public async Task Race_AcceptsReturnsAndTheJobAtTheExpiry_ExactlyOneEndingAndOneCredit()
    {
        var (alice, bob, group) = await PairAsync();
        var sent = await SendAsync(alice, group, bob, 500);
        Fixture.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMilliseconds(1));

        // Some accepts start just before the expiry; then the clock crosses it while more accepts, returns and job runs go.
        var early = Enumerable.Range(0, 4).Select(_ => Attempt(() => Transfers.AcceptAsync(sent.TransferId, bob))).ToList();
        Fixture.Clock.Advance(TimeSpan.FromMilliseconds(2));
        var late = Enumerable.Range(0, 4).Select(_ => Attempt(() => Transfers.AcceptAsync(sent.TransferId, bob)))
            .Concat(Enumerable.Range(0, 2).Select(_ => Attempt(() => Transfers.ReturnAsync(sent.TransferId, bob))))
            .Concat(Enumerable.Range(0, 2).Select(_ => Attempt(() => Transfers.ReturnExpiredAsync())));
        await Task.WhenAll(early.Concat(late));

        var ending = (await Transfers.FindForAsync(sent.TransferId, bob))!;
        Assert.NotEqual(TransferStatus.Pending, ending.Status);
        var (a, b) = (await Driver.BalanceAsync(alice), await Driver.BalanceAsync(bob));
        // The money went exactly one way, once.
        Assert.True((a, b) == (500, 500) && ending.Status == TransferStatus.Accepted || (a, b) == (1_000, 0) && ending.Status == TransferStatus.Returned,
            $"alice {a}, bob {b}, transfer {ending.Status}");
        Assert.Equal(2, await Driver.ReadAsync(db => Task.FromResult(db.Set<LedgerEntry>().Count(l => l.TransferRecordId == sent.TransferId && l.Book == LedgerBook.Escrow))));
    }

    /// <summary>Runs one contender of a race; a refusal (expired, already settled) is one of the expected answers.</summary>
    private static async Task Attempt(Func<Task> act)
    {
        try { await act(); }
        catch (DomainException e) when (e.Code is ErrorCodes.Expired or ErrorCodes.TransferSettled) { }
    }

    [Fact]
    public async Task Create_SameIdempotencyKeyTwice_OneTransfer()
    {
        var (alice, bob, group) = await PairAsync();

        var first = await SendAsync(alice, group, bob, 100, key: "k1");
        var again = await SendAsync(alice, group, bob, 100, key: "k1");

        Assert.Equal((first.TransferId, true), (again.TransferId, again.Replayed));
        Assert.Equal(900, await Driver.BalanceAsync(alice));
        Assert.Equal(ErrorCodes.IdempotencyConflict, await RefusedAsync(() => SendAsync(alice, group, bob, 200, key: "k1")));
    }

    [Fact]
    public async Task Create_BadInput_RefusedAndNothingMoved()
    {
        var (alice, bob, group) = await PairAsync();
        var outsider = await Driver.UserAsync("eve");

        Assert.Equal(ErrorCodes.InvalidAmount, await RefusedAsync(() => SendAsync(alice, group, bob, 0)));
        Assert.Equal(ErrorCodes.InvalidAmount, await RefusedAsync(() => SendAsync(alice, group, bob, 20_001)));
        Assert.Equal(ErrorCodes.InvalidRequest, await RefusedAsync(() => SendAsync(alice, group, alice, 100)));
        Assert.Equal(ErrorCodes.InvalidRequest, await RefusedAsync(() => SendAsync(alice, group, outsider, 100)));
        Assert.Equal(ErrorCodes.InvalidRequest, await RefusedAsync(() => SendAsync(alice, group, bob, 100, note: new string('x', 51))));
        Assert.Equal(ErrorCodes.NotMember, await RefusedAsync(() => SendAsync(outsider, group, bob, 100)));
        Assert.Equal(ErrorCodes.InsufficientFunds, await RefusedAsync(() => SendAsync(alice, group, bob, 1_001)));
        Assert.Equal(1_000, await Driver.BalanceAsync(alice));
    }

    [Fact]
    public async Task Create_CountsTowardsTheDailyLimitWithPackets()
    {
        var (alice, bob, group) = await PairAsync();
        await Fixture.Get<DailyLimits>().SetAsync(alice, sendsPerDay: null, sentCentsPerDay: 500);
        await Driver.SendAsync(alice, group, 300, 1);

        Assert.Equal(ErrorCodes.DailyLimit, await RefusedAsync(() => SendAsync(alice, group, bob, 201)));
        await SendAsync(alice, group, bob, 200);
        Assert.Equal(500, await Driver.BalanceAsync(alice));
    }
}
