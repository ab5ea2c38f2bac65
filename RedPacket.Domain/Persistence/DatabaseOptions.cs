using Microsoft.Extensions.Configuration;

namespace RedPacket.Domain.Persistence;

/// <summary>Configuration section <c>RedPacket:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "RedPacket:Database";

    /// <summary>The server EF targets, e.g. <c>10.11.0-mariadb</c> or <c>8.0.36-mysql</c> (Pomelo needs it told).</summary>
    public string ServerVersion { get; set; } = "10.11.0-mariadb";

    /// <summary>Apply the migrations at start-up; unset: only in Development (production migrates as a deployment step).</summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>Read at registration time, before there is a container to ask.</summary>
    public static DatabaseOptions From(IConfiguration config) => config.GetSection(Section).Get<DatabaseOptions>() ?? new();
}
