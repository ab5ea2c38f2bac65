using RedPacket.Domain.Audit;

namespace RedPacket.Tests.Support;

/// <summary>
/// Base of every integration test: after each test the books must balance (the audit of docs/ARCHITECTURE.md §3),
/// whatever the test itself asserted.
/// </summary>
public abstract class IntegrationTest<TFixture>(TFixture fixture) : IAsyncLifetime where TFixture : ITestApp
{
    protected TFixture Fixture { get; } = fixture;
    protected DomainDriver Driver { get; } = new(fixture);

    public virtual Task InitializeAsync()
    {
        Fixture.Faults.Disarm();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        Fixture.Faults.Disarm();
        var report = await Fixture.Get<BookAudit>().RunAsync();
        Assert.True(report.Consistent, "The books do not balance: " + string.Join(" | ", report.Problems));
    }
}
