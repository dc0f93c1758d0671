using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_chain_heads",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain_heads", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    resource_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    token_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    operator_reason = table.Column<string>(type: "TEXT", nullable: true),
                    operator_ticket = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    comment = table.Column<string>(type: "TEXT", nullable: true),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    old_state = table.Column<string>(type: "TEXT", nullable: true),
                    new_state = table.Column<string>(type: "TEXT", nullable: true),
                    correlation_id = table.Column<string>(type: "TEXT", nullable: true),
                    http_method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    request_path = table.Column<string>(type: "TEXT", nullable: true),
                    source_ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", nullable: true),
                    previous_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => new { x.tenant_id, x.sequence });
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_actor",
                table: "audit_entries",
                columns: new[] { "tenant_id", "actor_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_event_type",
                table: "audit_entries",
                columns: new[] { "tenant_id", "event_type", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_occurred_at",
                table: "audit_entries",
                columns: new[] { "tenant_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_resource",
                table: "audit_entries",
                columns: new[] { "tenant_id", "resource_type", "resource_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_ticket",
                table: "audit_entries",
                columns: new[] { "tenant_id", "operator_ticket", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ux_audit_entries_entry_id",
                table: "audit_entries",
                columns: new[] { "tenant_id", "entry_id" },
                unique: true);

            // The ledger is append-only in the store itself, whatever code or person connects to it.
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_entries_refuse_update BEFORE UPDATE ON audit_entries " +
                "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_entries_refuse_delete BEFORE DELETE ON audit_entries " +
                "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_refuse_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_refuse_update;");

            migrationBuilder.DropTable(
                name: "audit_chain_heads");

            migrationBuilder.DropTable(
                name: "audit_entries");
        }
    }
}
