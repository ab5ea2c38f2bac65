using System.Reflection;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// The packet scripts, kept as .lua files beside this one (Lua/*.lua, embedded in the assembly) so that an editor
/// highlights them and the test command checks their syntax with Redis's Lua (<c>luac5.1 -p</c>) before Redis sees
/// them. Each script is sent with follow-state.lua in front: the one helper they share.
/// </summary>
public static class LuaScripts
{
    private const string Prelude = "follow-state";

    public static string Named(string name) => Read(typeof(LuaScripts).Assembly, Prelude) + "\n" + Read(typeof(LuaScripts).Assembly, name);

    /// <summary>A script embedded as <c>lua/{name}.lua</c> in <paramref name="assembly"/>, as it is.</summary>
    public static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream($"lua/{name}.lua")
            ?? throw new InvalidOperationException($"No embedded Lua script '{name}' in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
