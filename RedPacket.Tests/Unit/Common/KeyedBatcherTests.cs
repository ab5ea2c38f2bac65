using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using RedPacket.Domain.Common.Batching;

namespace RedPacket.Tests.Unit.Common;

public sealed class KeyedBatcherTests
{
    private static readonly BatchingOptions Defaults = new(MaxBatch: 100, MaxParallelKeys: 4, Linger: TimeSpan.Zero, IdleAfter: TimeSpan.FromMinutes(1));

    /// <summary>A batch runner that answers each item with "key:item:batch number" and records the batches it saw.</summary>
    private sealed class Recorder
    {
        private int _batches;
        public ConcurrentQueue<(int Key, IReadOnlyList<string> Items)> Batches { get; } = new();
        public TaskCompletionSource Gate { get; set; } = Open();
        public TaskCompletionSource? Tail { get; set; }

        public static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }

        public async Task RunAsync(int key, Batch<string, string> batch)
        {
            await Gate.Task;
            var n = Interlocked.Increment(ref _batches);
            Batches.Enqueue((key, batch.Items));
            for (var i = 0; i < batch.Items.Count; i++) batch.Answer(i, $"{key}:{batch.Items[i]}:{n}");
            // After answering: the batch's own follow-up work (marks, events) that callers need not wait for.
            if (Tail is { } tail) await tail.Task;
        }
    }

    [Fact]
    public async Task Submit_ItemsQueuedWhileABatchRuns_GoTogetherInTheNext()
    {
        var recorder = new Recorder { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var batcher = new KeyedBatcher<int, string, string>(recorder.RunAsync, Defaults, TimeProvider.System);

        var first = batcher.SubmitAsync(1, "a");
        await WaitUntil(() => batcher.RunningCount(1) == 1);
        var rest = new[] { "b", "c", "d" }.Select(i => batcher.SubmitAsync(1, i)).ToList();
        recorder.Gate.SetResult();

        Assert.Equal("1:a:1", await first);
        Assert.Equal(["1:b:2", "1:c:2", "1:d:2"], await Task.WhenAll(rest));
        Assert.Equal([["a"], ["b", "c", "d"]], recorder.Batches.Select(b => b.Items));
    }

    [Fact]
    public async Task Submit_EqualItemInFlight_JoinsItAndGetsTheSameAnswer()
    {
        var recorder = new Recorder { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var joins = 0;
        using var batcher = new KeyedBatcher<int, string, string>(recorder.RunAsync, Defaults, TimeProvider.System, () => joins++);

        var first = batcher.SubmitAsync(7, "bob:1");
        var repeat = batcher.SubmitAsync(7, "bob:1");
        recorder.Gate.SetResult();

        Assert.Equal(await first, await repeat);
        Assert.Equal(1, joins);
        Assert.Single(recorder.Batches);
    }

    [Fact]
    public async Task Submit_OtherItemWhileTheFinishedBatchStillRuns_NeverInheritsItsAnswer()
    {
        // The defect this type exists to rule out: a retry with a new share joined the old share's finished settle and
        // was answered with the old share's outcome, so the new share was forgotten and never put back.
        var recorder = new Recorder { Tail = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var batcher = new KeyedBatcher<int, string, string>(recorder.RunAsync, Defaults, TimeProvider.System);

        var old = await batcher.SubmitAsync(7, "bob:share-A"); // answered; its batch is still finishing
        Assert.Equal(1, batcher.RunningCount(7));
        var retry = batcher.SubmitAsync(7, "bob:share-B");
        recorder.Tail.SetResult();

        Assert.Equal("7:bob:share-A:1", old);
        Assert.Equal("7:bob:share-B:2", await retry);
    }

    [Fact]
    public async Task Submit_ManyKeys_NeverMoreThanTheParallelCapAtOnce()
    {
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Run(int key, Batch<string, string> batch)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            for (var i = 0; i < batch.Items.Count; i++) batch.Answer(i, "ok");
        }
        using var batcher = new KeyedBatcher<int, string, string>(Run, Defaults with { MaxParallelKeys = 2 }, TimeProvider.System);

        var all = Enumerable.Range(0, 6).Select(k => batcher.SubmitAsync(k, "x")).ToList();
        await WaitUntil(() => Volatile.Read(ref running) == 2);
        release.SetResult();
        await Task.WhenAll(all);

        Assert.Equal(2, most);
    }

    [Fact]
    public async Task Run_ThrowsOrLeavesItemsUnanswered_ThoseCallersFailAndTheWriterLives()
    {
        var calls = 0;
        Task Run(int key, Batch<string, string> batch)
        {
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("boom");
            batch.Answer(0, "answered"); // the second item of this batch is left unanswered
            return Task.CompletedTask;
        }
        using var batcher = new KeyedBatcher<int, string, string>(Run, Defaults with { Linger = TimeSpan.FromMilliseconds(50) }, TimeProvider.System);

        var boom = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync(1, "a"));
        var answered = batcher.SubmitAsync(1, "b");
        var forgotten = batcher.SubmitAsync(1, "c");

        Assert.Equal("boom", boom.Message);
        Assert.Equal("answered", await answered);
        await Assert.ThrowsAsync<InvalidOperationException>(() => forgotten);
        Assert.Equal(0, batcher.InFlightCount(1));
    }

    [Fact]
    public async Task SweepIdle_KeysIdleLongerThanIdleAfter_Freed()
    {
        var clock = new FakeTimeProvider();
        var recorder = new Recorder();
        using var batcher = new KeyedBatcher<int, string, string>(recorder.RunAsync, Defaults, clock);
        await batcher.SubmitAsync(1, "a");
        await batcher.SubmitAsync(2, "b");
        await WaitUntil(() => batcher.RunningCount(1) + batcher.RunningCount(2) == 0);

        clock.Advance(TimeSpan.FromSeconds(30));
        await batcher.SubmitAsync(2, "c");
        var before = batcher.KeyCount;
        clock.Advance(TimeSpan.FromSeconds(31)); // the sweep timer fires: key 1 idle for 61 s, key 2 for 31 s

        Assert.Equal(2, before);
        await WaitUntil(() => batcher.KeyCount == 1);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Options_NothingPerBatchOrNoKeyAtATime_Refused(int maxBatch, int maxParallel) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => (Defaults with { MaxBatch = maxBatch, MaxParallelKeys = maxParallel }).Validated());

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    private static Task WaitUntil(Func<bool> condition) =>
        RedPacket.Tests.Support.Eventually.TrueAsync(condition, "the batcher got there");
}
