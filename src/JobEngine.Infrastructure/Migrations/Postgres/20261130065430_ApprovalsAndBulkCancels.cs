using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Postgres
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
                type: "character varying(36)",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approvers",
                table: "audit_entries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "batch_id",
                table: "audit_entries",
                type: "character varying(36)",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "requested_by",
                table: "audit_entries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    approval_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    resource_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    arguments = table.Column<string>(type: "text", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requester = table.Column<string>(type: "text", nullable: false),
                    minimum_approvers = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by = table.Column<string>(type: "text", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_requests", x => new { x.tenant_id, x.approval_id });
                });

            migrationBuilder.CreateTable(
                name: "bulk_cancels",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    job_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    submitted_before = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    max = table.Column<int>(type: "integer", nullable: false),
                    matched = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    requester = table.Column<string>(type: "text", nullable: false),
                    canceled = table.Column<int>(type: "integer", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
