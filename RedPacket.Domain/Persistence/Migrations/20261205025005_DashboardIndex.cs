using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedPacket.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_red_packets_CreatedAt",
                table: "red_packets",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_red_packets_CreatedAt",
                table: "red_packets");
        }
    }
}
