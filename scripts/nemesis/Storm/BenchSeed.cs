namespace Storm;

public sealed record SeedUser(string Name, string Token);

/// <summary>
/// What <c>POST /api/bench/seed?groups=1</c> answered: <c>group {id} {senderToken}</c>, then <c>user {groupId} {token}</c>
/// lines in the order the users were made. The seeder names them <c>{prefix}{n:D6}</c> and the group's sender
/// <c>{prefix}s00000</c>; the history records those names, which the checker looks up in MySQL.
/// </summary>
public sealed record BenchSeed(long GroupId, SeedUser Sender, IReadOnlyList<SeedUser> Users)
{
    public static BenchSeed Read(string path, string prefix)
    {
        long group = 0;
        string? senderToken = null;
        var users = new List<SeedUser>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            if (parts is ["group", var id, var token] && senderToken is null) { group = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture); senderToken = token; }
            else if (parts is ["user", _, var t]) users.Add(new SeedUser($"{prefix}{users.Count:D6}", t));
        }
        if (senderToken is null || users.Count == 0) throw new OptionException($"{path} holds no group or no users");
        return new BenchSeed(group, new SeedUser($"{prefix}s00000", senderToken), users);
    }
}

/// <summary>One group of a multi-group seed: its sender (the group's creator, holding the money) and its members' tokens.</summary>
public sealed record SeedGroup(long Id, string SenderToken, List<string> MemberTokens)
{
    public static List<SeedGroup> ReadAll(string path)
    {
        var groups = new Dictionary<long, SeedGroup>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            if (parts is ["group", var id, var token]) groups[Id(id)] = new SeedGroup(Id(id), token, []);
            else if (parts is ["user", var g, var t] && groups.TryGetValue(Id(g), out var group)) group.MemberTokens.Add(t);
        }
        return [.. groups.Values.OrderBy(g => g.Id)];
        static long Id(string s) => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
    }
}
