namespace RedPacket.Tests.Support;

public static class Concurrency
{
    /// <summary>
    /// Starts <paramref name="n"/> tasks that all wait at one gate, then opens it, so the work really races.
    /// Each task's exception is captured as its result, never lost.
    /// </summary>
    public static async Task<IReadOnlyList<Outcome<T>>> RunConcurrent<T>(int n, Func<int, Task<T>> work)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, n).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            try { return new Outcome<T>(await work(i), null); }
            catch (Exception e) { return new Outcome<T>(default, e); }
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}

public sealed record Outcome<T>(T? Value, Exception? Error)
{
    public bool Succeeded => Error is null;
}
