namespace RedPacket.Tests.Support;

public static class Eventually
{
    /// <summary>
    /// Waits for a condition another task will make true (a claim reaching the settle queue, say), checking
    /// often; fails with <paramref name="what"/> if it is still false after <paramref name="timeout"/> (15 s).
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still not true after {(timeout ?? TimeSpan.FromSeconds(15)).TotalSeconds} s: {what}");
            await Task.Delay(5);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);
}
