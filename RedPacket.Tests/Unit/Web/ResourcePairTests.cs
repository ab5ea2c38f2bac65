using System.Xml.Linq;

namespace RedPacket.Tests.Unit.Web;

/// <summary>Every English resource has its Chinese twin with the same keys, so no string falls back unseen.</summary>
public sealed class ResourcePairTests
{
    private static string ResourcesFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RedPacket.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "RedPacket.Web", "Resources");
    }

    public static TheoryData<string> EnglishResources() => new(Directory.GetFiles(ResourcesFolder(), "*.resx", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith(".zh-CN.resx", StringComparison.Ordinal))
        .Select(f => Path.GetRelativePath(ResourcesFolder(), f)).Order());

    private static List<(string Key, string Value)> Entries(string path) => XDocument.Load(path).Root!.Elements("data")
        .Select(d => ((string)d.Attribute("name")!, (string?)d.Element("value") ?? "")).OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();

    [Theory]
    [MemberData(nameof(EnglishResources))]
    public void Resource_English_HasAChineseTwinWithTheSameKeysAndPlaceholders(string english)
    {
        var path = Path.Combine(ResourcesFolder(), english);
        var chinese = path[..^".resx".Length] + ".zh-CN.resx";
        Assert.True(File.Exists(chinese), $"{english} has no .zh-CN.resx");

        var en = Entries(path);
        var zh = Entries(chinese);

        Assert.Equal(en.Select(e => e.Key), zh.Select(e => e.Key));
        foreach (var ((key, enValue), (_, zhValue)) in en.Zip(zh))
        {
            Assert.False(string.IsNullOrWhiteSpace(zhValue), $"{english}: {key} is empty in Chinese");
            Assert.Equal(Placeholders(enValue), Placeholders(zhValue));
        }
    }

    private static string[] Placeholders(string text) => System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}")
        .Select(m => m.Value).Distinct().Order().ToArray();

    [Fact]
    public void EnglishResources_Found() => Assert.True(EnglishResources().Count >= 10);
}
