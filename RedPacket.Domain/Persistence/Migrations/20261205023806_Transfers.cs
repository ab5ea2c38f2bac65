using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedPacket.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Transfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TransferRecordId",
                table: "ledger_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TransferId",
                table: "chat_messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "transfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    GroupId = table.Column<long>(type: "bigint", nullable: false),
                    FromUserId = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    ToUserId = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    AmountCents = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "varchar(800)", maxLength: 800, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetime(6)", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetime(6)", nullable: false),
                    SettledAt = table.Column<DateTimeOffset>(type: "datetime(6)", nullable: true),
                    Expired = table.Column<bool>(type: "tinyint(1)", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    RequestHash = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transfers", x => x.Id);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_TransferRecordId",
                table: "ledger_entries",
                column: "TransferRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_transfers_FromUserId_IdempotencyKey",
                table: "transfers",
                columns: new[] { "FromUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transfers_Status_ExpiresAt",
                table: "transfers",
                columns: new[] { "Status", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "transfers");

            migrationBuilder.DropIndex(
                name: "IX_ledger_entries_TransferRecordId",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "TransferRecordId",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "TransferId",
                table: "chat_messages");
        }
    }
}
