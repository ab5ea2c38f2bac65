using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RedPacket.Domain.Refunds;

namespace RedPacket.Domain.Persistence.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> b)
    {
        b.ToTable("refunds");
        b.HasKey(r => r.Id);
        b.Property(r => r.SenderUserId).HasMaxLength(64);
        b.Property(r => r.Error).HasMaxLength(1000);
        b.HasIndex(r => new { r.CreatedAt, r.Id });
        b.HasIndex(r => r.PacketId);
    }
}
