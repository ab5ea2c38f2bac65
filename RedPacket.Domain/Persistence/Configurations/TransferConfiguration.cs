using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RedPacket.Domain.Common;
using RedPacket.Domain.Transfers;

namespace RedPacket.Domain.Persistence.Configurations;

internal sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>
{
    public void Configure(EntityTypeBuilder<Transfer> b)
    {
        b.ToTable("transfers");
        b.HasKey(t => t.Id);
        b.Property(t => t.FromUserId).HasMaxLength(64);
        b.Property(t => t.ToUserId).HasMaxLength(64);
        b.Property(t => t.Note).HasMaxLength(TextLimits.StoredLength(Transfer.MaxNoteElements));
        b.Property(t => t.IdempotencyKey).HasMaxLength(100);
        b.Property(t => t.RequestHash).HasMaxLength(64);
        b.HasIndex(t => new { t.FromUserId, t.IdempotencyKey }).IsUnique();
        // The job's scan: pending transfers by expiry.
        b.HasIndex(t => new { t.Status, t.ExpiresAt });
    }
}
