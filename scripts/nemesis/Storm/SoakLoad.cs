namespace Storm;

public static class SoakLoad
{
    public static Task<int> RunAsync(Options o) => Task.FromResult(2);
}
