using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApprovalsAndBulkCancels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "approval_id",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approvers",
                table: "audit_entries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "batch_id",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "requested_by",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    approval_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    resource_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    arguments = table.Column<string>(type: "TEXT", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    requester = table.Column<string>(type: "TEXT", nullable: false),
                    minimum_approvers = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_requests", x => new { x.tenant_id, x.approval_id });
                });

            migrationBuilder.CreateTable(
                name: "bulk_cancels",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    job_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    submitted_before = table.Column<long>(type: "INTEGER", nullable: true),
                    max = table.Column<int>(type: "INTEGER", nullable: false),
                    matched = table.Column<int>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    requester = table.Column<string>(type: "TEXT", nullable: false),
                    canceled = table.Column<int>(type: "INTEGER", nullable: false),
                    skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulk_cancels", x => new { x.tenant_id, x.batch_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_due",
                table: "approval_requests",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bulk_cancels_completed_at",
                table: "bulk_cancels",
                column: "completed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_requests");

            migrationBuilder.DropTable(
                name: "bulk_cancels");

            migrationBuilder.DropColumn(
                name: "approval_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "approvers",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "batch_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "requested_by",
                table: "audit_entries");
        }
    }
}
