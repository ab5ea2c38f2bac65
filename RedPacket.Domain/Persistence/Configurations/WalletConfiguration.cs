using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RedPacket.Domain.Accounts.Limits;
using RedPacket.Domain.Accounts.Pins;

namespace RedPacket.Domain.Persistence.Configurations;

internal sealed class PaymentPinConfiguration : IEntityTypeConfiguration<PaymentPin>
{
    public void Configure(EntityTypeBuilder<PaymentPin> b)
    {
        b.ToTable("payment_pins");
        b.HasKey(p => p.UserId);
        b.Property(p => p.UserId).HasMaxLength(64);
        b.Property(p => p.Salt).HasMaxLength(16);
        b.Property(p => p.Hash).HasMaxLength(32);
    }
}

internal sealed class DailyUsageConfiguration : IEntityTypeConfiguration<DailyUsage>
{
    public void Configure(EntityTypeBuilder<DailyUsage> b)
    {
        b.ToTable("daily_usage");
        b.HasKey(u => new { u.UserId, u.Day });
        b.Property(u => u.UserId).HasMaxLength(64);
    }
}

internal sealed class UserLimitsConfiguration : IEntityTypeConfiguration<UserLimits>
{
    public void Configure(EntityTypeBuilder<UserLimits> b)
    {
        b.ToTable("user_limits");
        b.HasKey(l => l.UserId);
        b.Property(l => l.UserId).HasMaxLength(64);
    }
}

internal sealed class AdjustmentConfiguration : IEntityTypeConfiguration<RedPacket.Domain.Accounts.Adjustments.Adjustment>
{
    public void Configure(EntityTypeBuilder<RedPacket.Domain.Accounts.Adjustments.Adjustment> b)
    {
        b.ToTable("adjustments");
        b.HasKey(a => a.Id);
        b.Property(a => a.UserId).HasMaxLength(64);
        b.Property(a => a.AdminUserId).HasMaxLength(64);
        b.Property(a => a.Reason).HasMaxLength(RedPacket.Domain.Common.TextLimits.StoredLength(RedPacket.Domain.Accounts.Adjustments.Adjustment.MaxReasonElements));
        b.HasIndex(a => a.UserId);
    }
}
