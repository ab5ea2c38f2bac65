using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;

namespace RedPacket.Domain.Persistence.Configurations;

internal sealed class PacketConfiguration : IEntityTypeConfiguration<Packet>
{
    public void Configure(EntityTypeBuilder<Packet> b)
    {
        b.ToTable("red_packets");
        b.HasKey(p => p.Id);
        b.Property(p => p.SenderUserId).HasMaxLength(64);
        b.Property(p => p.Greeting).HasMaxLength(TextLimits.StoredLength(Packet.MaxGreetingElements));
        // Rows from before covers existed read as the classic cover.
        b.Property(p => p.Cover).HasMaxLength(PacketCovers.MaxIdLength).HasDefaultValue(PacketCovers.Classic);
        b.Property(p => p.IdempotencyKey).HasMaxLength(100);
        b.Property(p => p.RequestHash).HasMaxLength(64);
        b.Property(p => p.RecipientUserId).HasMaxLength(64);
        b.Property(p => p.Phrase).HasMaxLength(Packet.MaxPhraseElements * 4);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Group>().WithMany().HasForeignKey(p => p.GroupId);
        // A replay of the same key by the same sender finds the first packet; NULL keys never collide.
        b.HasIndex(p => new { p.SenderUserId, p.IdempotencyKey }).IsUnique();
        b.HasIndex(p => new { p.SenderUserId, p.Id });
        b.HasIndex(p => new { p.GroupId, p.Id });
        // Like the other user columns: a user's exclusive packets can be found without a scan.
        b.HasIndex(p => p.RecipientUserId);
        // The admin dashboard's "today": packets by the time they were sent.
        b.HasIndex(p => p.CreatedAt);
        // The refund job's and the reconciler's scans: open packets by expiry.
        b.HasIndex(p => new { p.Status, p.ExpiresAt, p.Id });
        b.HasMany(p => p.Shares).WithOne().HasForeignKey(s => s.PacketId);
        b.Navigation(p => p.Shares).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PacketShareConfiguration : IEntityTypeConfiguration<PacketShare>
{
    public void Configure(EntityTypeBuilder<PacketShare> b)
    {
        b.ToTable("red_packet_shares");
        b.HasKey(s => s.Id);
        b.Property(s => s.ReceiverUserId).HasMaxLength(64);
        b.HasIndex(s => new { s.PacketId, s.Seq }).IsUnique();
        // The database itself refuses a second share of one packet to one user.
        b.HasIndex(s => new { s.PacketId, s.ReceiverUserId }).IsUnique();
        b.HasIndex(s => new { s.ReceiverUserId, s.ClaimedAt });
    }
}
