using RedPacket.Domain.Accounts.Limits;
using RedPacket.Domain.Accounts.Pins;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Audit;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Observability;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Domain.Packets.Reconciling;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Domain.Packets.Splitting;
using RedPacket.Domain.Persistence;
using RedPacket.Domain.Redis;
using RedPacket.Domain.Refunds;

namespace RedPacket.Domain;

public static class DomainRegistration
{
    /// <summary>
    /// Everything the domain needs: MySQL (<c>ConnectionStrings:MySql</c>, and optionally a read replica for the
    /// record listings, <c>ConnectionStrings:MySqlReplica</c>), Redis (<c>ConnectionStrings:Redis</c>),
    /// options under <c>RedPacket:*</c>, the services. Interceptors registered in DI are added to every context
    /// (tests use one to inject failures).
    /// </summary>
    public static IHostApplicationBuilder AddRedPacketDomain(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<PacketOptions>().BindConfiguration("RedPacket:Packets");
        services.AddOptions<RefundOptions>().BindConfiguration("RedPacket:Refunds");
        services.AddOptions<RedisOptions>().BindConfiguration("RedPacket:Redis");
        services.AddOptions<GrabOptions>().BindConfiguration("RedPacket:Grab").Validate(o => o.IsValid, GrabOptions.Rules).ValidateOnStart();
        services.AddOptions<ReconcilerOptions>().BindConfiguration("RedPacket:Reconciler");
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddOptions<PinOptions>().BindConfiguration(PinOptions.Section);
        services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.Section).Validate(o => o.IsValid, LimitOptions.Rules).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache(o => o.SizeLimit = 200_000);

        var mysql = ConnectionStrings.ForMoneyMoves(config.GetConnectionString("MySql")
            ?? throw new InvalidOperationException("ConnectionStrings:MySql is not set."));
        var serverVersion = ServerVersion.Parse(DatabaseOptions.From(config).ServerVersion);
        // Pooled: a settle batch opens a context per transaction, and building one from scratch each time
        // showed up in the profile (the context's own service scope).
        services.AddPooledDbContextFactory<RedPacketDb>((sp, o) => o
            .UseMySql(mysql, serverVersion, my => my.MigrationsAssembly(typeof(RedPacketDb).Assembly.GetName().Name)
                .ExecutionStrategy(d => new StaleConnections.RetryStrategy(d)))
            .AddInterceptors(sp.GetServices<IInterceptor>())
            // EF logs every failed command at Error, with no MySQL error number, before the exception even reaches
            // TransactionRunner, which retries deadlocks and lock timeouts (logging each as a warning with its number).
            // Down to Debug, so that an Error log means a user saw a failure; whoever gives up on an exception logs it.
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug))));

        // Optional: the record listings read a replica when one is configured (ReplicaDbContextFactory says which reads).
        var replica = config.GetConnectionString("MySqlReplica") is { Length: > 0 } r ? ConnectionStrings.ForMoneyMoves(r) : null;
        services.AddSingleton(sp => ReplicaDbContextFactory.Create(replica, serverVersion,
            sp.GetRequiredService<IDbContextFactory<RedPacketDb>>(), sp.GetServices<IInterceptor>()));

        var redis = config.GetConnectionString("Redis")
            ?? throw new InvalidOperationException("ConnectionStrings:Redis is not set.");
        services.AddRedis(redis);
        services.AddHostedService<StartupWarmup>();

        services.AddSingleton<ISecureRandom, CryptoRandom>();
        services.AddSingleton<IShareSplitter, GaussianSplitter>();
        services.AddSingleton<IShareSplitter, DoubleMeanSplitter>();
        services.AddSingleton<IShareSplitter, FixedSplitter>();

        services.AddSingleton<RedPacketMetrics>();
        services.AddSingleton<SingleFlightCache>();
        services.AddSingleton<TransactionRunner>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<PaymentPins>();
        services.AddSingleton<DailyLimits>();
        services.AddSingleton<RecentActivity>();
        services.AddSingleton<RedPacket.Domain.Dashboard.AdminDashboard>();
        services.AddSingleton<RedPacket.Domain.Accounts.Adjustments.AccountAdjustments>();
        services.AddOptions<RedPacket.Domain.Transfers.TransferOptions>().BindConfiguration(RedPacket.Domain.Transfers.TransferOptions.Section);
        services.AddSingleton<RedPacket.Domain.Transfers.TransferService>();
        services.AddSingleton<RedPacket.Domain.Packets.Queries.PacketSummaries>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<PacketDirectory>();
        services.AddSingleton<RedisPacketStore>();
        services.AddSingleton<RedisPacketLoader>();
        services.AddSingleton<GroupCommitter>();
        services.AddSingleton<ClaimSettler>();
        services.AddSingleton<ClaimAnnouncer>();
        services.AddSingleton<GrabRules>();
        services.AddSingleton<SoldOutMemo>();
        services.TryAddSingleton<IGrabThrottle, NoGrabThrottle>();
        services.AddSingleton<ClaimReconciler>();
        services.AddHostedService<ReconcilerService>();
        services.AddSingleton<DatabaseOnlyGrabber>();
        services.AddSingleton<PacketGrabber>();
        services.AddSingleton<PacketSender>();
        services.AddSingleton<PacketQueries>();
        services.AddSingleton<GroupEventPublisher>();
        services.AddSingleton<PacketRefunder>();
        services.AddSingleton<RefundRunner>();
        services.AddSingleton<RefundQueries>();
        services.AddSingleton<BookAudit>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<DatabaseMigrator>();
        return builder;
    }
}
