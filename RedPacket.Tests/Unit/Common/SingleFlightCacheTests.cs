using Microsoft.Extensions.Caching.Memory;
using RedPacket.Domain.Common;

namespace RedPacket.Tests.Unit.Common;

public sealed class SingleFlightCacheTests
{
    private static readonly MemoryCacheEntryOptions Keep = new() { Size = 1 };

    private static SingleFlightCache NewCache() => new(new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 }));

    [Fact]
    public async Task GetOrLoad_FirstCallerGivesUp_TheOthersStillGetTheSharedLoad()
    {
        var cache = NewCache();
        var release = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken seenByLoad = default;
        var loads = 0;
        Task<string?> Load(CancellationToken t)
        {
            Interlocked.Increment(ref loads);
            seenByLoad = t;
            return release.Task;
        }
        using var impatient = new CancellationTokenSource();

        var first = cache.GetOrLoadAsync("k", Load, Keep, impatient.Token);
        var second = cache.GetOrLoadAsync("k", Load, Keep);
        impatient.Cancel(); // the first tapper disconnects
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.SetResult("value");

        Assert.Equal("value", await second);
        Assert.Equal(1, loads);
        Assert.False(seenByLoad.IsCancellationRequested);
    }

    [Fact]
    public async Task GetOrLoad_EveryCallerGivesUp_TheLoadIsCancelledAndTheNextCallerLoadsAfresh()
    {
        var cache = NewCache();
        var tokens = new List<CancellationToken>();
        Task<string?> Hang(CancellationToken t)
        {
            tokens.Add(t);
            return Task.Delay(Timeout.Infinite, t).ContinueWith(_ => (string?)null, TaskScheduler.Default);
        }
        using var a = new CancellationTokenSource();
        using var b = new CancellationTokenSource();

        var first = cache.GetOrLoadAsync("k", Hang, Keep, a.Token);
        var second = cache.GetOrLoadAsync("k", Hang, Keep, b.Token);
        a.Cancel();
        b.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        var fresh = await cache.GetOrLoadAsync("k", _ => Task.FromResult<string?>("new"), Keep);

        Assert.True(Assert.Single(tokens).IsCancellationRequested);
        Assert.Equal("new", fresh);
    }

    [Fact]
    public async Task GetOrLoad_NotFound_NotCached()
    {
        var cache = NewCache();
        var loads = 0;

        await cache.GetOrLoadAsync("k", _ => { loads++; return Task.FromResult<string?>(null); }, Keep);
        var later = await cache.GetOrLoadAsync("k", _ => { loads++; return Task.FromResult<string?>("committed"); }, Keep);

        Assert.Equal(("committed", 2), (later, loads));
    }
}
