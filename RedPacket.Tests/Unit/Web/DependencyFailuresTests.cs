using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RedPacket.Domain.Redis;
using RedPacket.Web.Api;
using StackExchange.Redis;

namespace RedPacket.Tests.Unit.Web;

public sealed class DependencyFailuresTests
{
    public static TheoryData<string> PassingRedisErrors =>
    [
        "LOADING Redis is loading the dataset in memory",
        "CLUSTERDOWN The cluster is down",
        "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
        "READONLY You can't write against a read only replica.",
        "OOM command not allowed when used memory > 'maxmemory'.",
        "TRYAGAIN Multiple keys request during rehashing of slot",
        "BUSY Redis is busy running a script.",
    ];

    [Theory]
    [MemberData(nameof(PassingRedisErrors))]
    public async Task Handle_RedisSaysNotNow_503WithRetryAfterNot500(string error)
    {
        var exception = ServerError(error);
        var http = new DefaultHttpContext { RequestServices = Services() };
        http.Response.Body = new MemoryStream();
        var handler = new DomainExceptionHandler(http.RequestServices.GetRequiredService<IProblemDetailsService>(),
            NullLogger<DomainExceptionHandler>.Instance);

        Assert.True(RedisFaults.IsPassing(exception));
        Assert.True(RedisFaults.IsRetryable(exception));
        Assert.True(await handler.TryHandleAsync(http, exception, CancellationToken.None));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(http.Response.Headers.RetryAfter));
    }

    [Theory]
    [InlineData("ERR wrong number of arguments for 'hget' command")]
    [InlineData("NOSCRIPT No matching script.")]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value")]
    public void IsDependencyDown_ABugNotAnOutage_False(string error)
    {
        var exception = ServerError(error);

        Assert.False(RedisFaults.IsRetryable(exception));
        Assert.False(DependencyFailures.IsDependencyDown(exception));
    }

    // What StackExchange.Redis throws for an error reply (its public constructor is marked obsolete for callers that know more).
#pragma warning disable CS0618
    private static RedisServerException ServerError(string message) => new(message);
#pragma warning restore CS0618

    private static IServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProblemDetails();
        return services.BuildServiceProvider();
    }
}
