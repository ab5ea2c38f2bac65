using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedPacket.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PasswordPackets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Phrase",
                table: "red_packets",
                type: "varchar(80)",
                maxLength: 80,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Phrase",
                table: "red_packets");
        }
    }
}
