using Microsoft.Extensions.Time.Testing;

namespace RedPacket.Tests.Support;

/// <summary>What every test app offers (the bare domain, or the whole web host): its services, clock and faults.</summary>
public interface ITestApp
{
    string Database { get; }
    FakeTimeProvider Clock { get; }
    FaultInjector Faults { get; }
    T Get<T>() where T : notnull;
}
