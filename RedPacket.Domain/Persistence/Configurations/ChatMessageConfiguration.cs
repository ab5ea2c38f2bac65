using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RedPacket.Domain.Common;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Groups;

namespace RedPacket.Domain.Persistence.Configurations;

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> b)
    {
        b.ToTable("chat_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.SenderUserId).HasMaxLength(64);
        b.Property(m => m.Text).HasMaxLength(TextLimits.StoredLength(ChatService.MaxTextLength));
        b.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId);
        b.HasIndex(m => new { m.GroupId, m.Id });
    }
}
