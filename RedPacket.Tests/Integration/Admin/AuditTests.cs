using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Audit;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Admin;

public sealed class AuditTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Audit_ALedgerRowChangedBehindTheAppsBack_Inconsistent()
    {
        var sender = await Driver.UserAsync("sender", 500);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 500, 2);
        await Driver.GrabAsync(packet.PacketId, bob);
        Assert.True((await Fixture.Get<BookAudit>().RunAsync()).Consistent);

        var leg = await Driver.ReadAsync(db => db.Database
            .SqlQuery<long>($"SELECT Id AS Value FROM ledger_entries WHERE UserId = {bob} AND Kind = 3").SingleAsync());
        await Driver.ReadAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ledger_entries SET AmountCents = AmountCents + 1 WHERE Id = {leg}"));
        try
        {
            var report = await Fixture.Get<BookAudit>().RunAsync();

            Assert.False(report.Consistent);
            Assert.Contains(report.Problems, p => p.Contains("legs do not sum to zero"));
            Assert.Contains(report.Problems, p => p.Contains("accounts whose balance differs from their ledger"));
        }
        finally
        {
            await Driver.ReadAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ledger_entries SET AmountCents = AmountCents - 1 WHERE Id = {leg}"));
        }
    }
}
