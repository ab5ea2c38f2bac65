using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;

namespace RedPacket.Domain.Persistence.Configurations;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    // "groups" is a reserved word in MySQL 8, hence chat_groups.
    public void Configure(EntityTypeBuilder<Group> b)
    {
        b.ToTable("chat_groups");
        b.HasKey(g => g.Id);
        b.Property(g => g.Name).HasMaxLength(TextLimits.StoredLength(Group.MaxNameLength));
        b.Property(g => g.InviteCode).HasMaxLength(32);
        b.Property(g => g.CreatedByUserId).HasMaxLength(64);
        b.HasIndex(g => g.InviteCode).IsUnique();
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> b)
    {
        b.ToTable("group_members");
        b.HasKey(m => new { m.GroupId, m.UserId });
        b.Property(m => m.UserId).HasMaxLength(64);
        b.HasIndex(m => m.UserId);
        b.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId);
    }
}
