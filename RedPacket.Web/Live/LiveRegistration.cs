using Microsoft.AspNetCore.SignalR;
using RedPacket.Domain.Packets.Events;

namespace RedPacket.Web.Live;

public static class LiveRegistration
{
    /// <summary>
    /// The hub and its event sink. With <c>RedPacket:SignalR:RedisBackplane=true</c> hub messages travel
    /// through Redis, so clients of every web node see every node's events.
    /// </summary>
    public static IHostApplicationBuilder AddLiveUpdates(this IHostApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR(o => o.AddFilter<HubSignInExpiry>()).AddJsonProtocol(o => LiveJson.Configure(o.PayloadSerializerOptions));
        var live = builder.Configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions();
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section);
        if (live.RedisBackplane)
            signalR.AddStackExchangeRedis(builder.Configuration.GetConnectionString("Redis")!,
                o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(live.ChannelPrefix));
        builder.Services.AddSingleton<HubBroadcaster>();
        builder.Services.AddSingleton<CoalescingEventSink>();
        builder.Services.AddSingleton<IGroupEventSink>(sp => sp.GetRequiredService<CoalescingEventSink>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CoalescingEventSink>());
        // Circuits listen in memory (ADR 12); the hub is for API and mobile clients.
        builder.Services.AddSingleton<CircuitEvents>();
        builder.Services.AddScoped<ILiveFeed, InProcessLiveFeed>();
        return builder;
    }
}
