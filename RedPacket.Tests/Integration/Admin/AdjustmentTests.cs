using RedPacket.Domain.Accounts.Adjustments;
using RedPacket.Domain.Audit;
using RedPacket.Domain.Common;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Admin;

/// <summary>An admin's balance corrections, against the house account; the books are audited after every test.</summary>
public sealed class AdjustmentTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private AccountAdjustments Adjustments => Fixture.Get<AccountAdjustments>();

    [Fact]
    public async Task Adjust_CreditThenDebit_BalanceLedgerHouseAndHistoryAgree()
    {
        var alice = await Driver.UserAsync("alice", 500);
        var admin = await Driver.UserAsync("admin");
        var houseBefore = (await Fixture.Get<BookAudit>().RunAsync()).HouseCents;

        var credit = await Adjustments.AdjustAsync(alice, 1_000, "  compensation for ticket 42 ", admin);
        var debit = await Adjustments.AdjustAsync(alice, -300, "duplicate credit", admin);

        Assert.Equal((1_500L, 1_200L), (credit.BalanceAfterCents, debit.BalanceAfterCents));
        Assert.Equal(("compensation for ticket 42", "alice"), (credit.Reason, credit.UserName[..5]));
        Assert.Equal(1_200, await Driver.BalanceAsync(alice));
        var audit = await Fixture.Get<BookAudit>().RunAsync();
        Assert.Equal((houseBefore + 700, true), (audit.HouseCents, audit.Consistent));
        var history = await Adjustments.HistoryAsync(new PageRequest(1, 50));
        Assert.Equal([debit.AdjustmentId, credit.AdjustmentId], history.Items.Where(r => r.UserId == alice).Select(r => r.AdjustmentId));
    }

    [Fact]
    public async Task Adjust_Refused_NothingMoves()
    {
        var alice = await Driver.UserAsync("alice", 500);
        var admin = await Driver.UserAsync("admin");

        async Task<string> Refused(long cents, string? reason, string user) =>
            (await Assert.ThrowsAsync<DomainException>(() => Adjustments.AdjustAsync(user, cents, reason, admin))).Code;

        Assert.Equal(ErrorCodes.InsufficientFunds, await Refused(-501, "too much", alice));
        Assert.Equal(ErrorCodes.InvalidAmount, await Refused(0, "nothing", alice));
        Assert.Equal(ErrorCodes.InvalidAmount, await Refused(AccountAdjustments.MaxCents + 1, "huge", alice));
        Assert.Equal(ErrorCodes.InvalidRequest, await Refused(100, " ", alice));
        Assert.Equal(ErrorCodes.NotFound, await Refused(100, "who?", "nobody"));
        Assert.Equal(500, await Driver.BalanceAsync(alice));
    }
}
