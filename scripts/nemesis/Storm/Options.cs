using System.Globalization;

namespace Storm;

public sealed class OptionException(string message) : Exception(message);

/// <summary><c>--name value</c> pairs; every lookup says its default, so the scripts show only what they change.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new OptionException($"expected --name, got '{name}'");
            if (!e.MoveNext()) throw new OptionException($"{name} needs a value");
            options._values[name[2..]] = e.Current;
        }
        return options;
    }

    public string Text(string name) => _values.TryGetValue(name, out var v) ? v : throw new OptionException($"--{name} is required");
    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);
    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public double Number(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public string[] List(string name) => Text(name).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
