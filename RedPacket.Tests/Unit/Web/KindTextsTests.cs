using System.Xml.Linq;
using RedPacket.Domain.Packets;

namespace RedPacket.Tests.Unit.Web;

/// <summary>
/// Every resource file that names packet kinds names all of them: a kind added to <see cref="PacketKind"/> without its
/// texts would show a resource key to users (the admin's packet page did, for the password kind).
/// </summary>
public sealed class KindTextsTests
{
    private static string Resources()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RedPacket.sln"))) return Path.Combine(dir.FullName, "RedPacket.Web", "Resources");
        throw new InvalidOperationException("No RedPacket.sln above the test binary.");
    }

    public static TheoryData<string> KindResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Resources(), "*.resx", SearchOption.AllDirectories).Order())
            if (File.ReadAllText(file).Contains("\"KindExclusive\"", StringComparison.Ordinal)) data.Add(Path.GetRelativePath(Resources(), file));
        return data;
    }

    [Theory]
    [MemberData(nameof(KindResourceFiles))]
    public void Resx_NamesOneKind_NamesEveryKind(string file)
    {
        var names = XDocument.Load(Path.Combine(Resources(), file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        // The texts the pages look up by the kind's name ("Kind" + kind, and the send form's "Now" + kind, "To" + kind).
        var families = new[] { "Kind", "Now", "To" }.Where(f => names.Contains(f + nameof(PacketKind.Exclusive))).ToList();

        var missing = families.SelectMany(f => Enum.GetNames<PacketKind>().Select(k => f + k)).Where(n => !names.Contains(n)).ToList();

        Assert.True(missing.Count == 0, $"{file} lacks {string.Join(", ", missing)}");
    }
}
