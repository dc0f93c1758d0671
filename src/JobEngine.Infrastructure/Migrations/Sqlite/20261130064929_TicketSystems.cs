using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketSystems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "operator_reason_code",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "operator_ticket_system",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ticket_url",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_reason_code",
                table: "audit_entries",
                columns: new[] { "tenant_id", "operator_reason_code", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_ticket_system",
                table: "audit_entries",
                columns: new[] { "tenant_id", "operator_ticket_system", "operator_ticket", "sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_entries_reason_code",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_ticket_system",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "operator_reason_code",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "operator_ticket_system",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "ticket_url",
                table: "audit_entries");
        }
    }
}
