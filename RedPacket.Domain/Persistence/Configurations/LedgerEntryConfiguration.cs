using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RedPacket.Domain.Ledger;

namespace RedPacket.Domain.Persistence.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("ledger_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.UserId).HasMaxLength(64);
        b.HasIndex(e => new { e.UserId, e.Id });
        b.HasIndex(e => e.PacketId);
        b.HasIndex(e => e.TransferId);
    }
}
