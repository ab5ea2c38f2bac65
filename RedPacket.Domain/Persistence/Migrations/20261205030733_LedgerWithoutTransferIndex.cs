using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedPacket.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LedgerWithoutTransferIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ledger_entries_TransferRecordId",
                table: "ledger_entries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_TransferRecordId",
                table: "ledger_entries",
                column: "TransferRecordId");
        }
    }
}
