using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wangge.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Trust : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_supervision_events_source_reference",
                table: "supervision_events");

            migrationBuilder.DropColumn(
                name: "locked_until",
                table: "users");

            // A count of failed sign-ins is not a disabled flag: drop it rather than let EF rename it.
            migrationBuilder.DropColumn(
                name: "failed_logins",
                table: "users");

            migrationBuilder.AddColumn<bool>(
                name: "is_disabled",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                table: "users",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "user_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_sessions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_events_business_id_source_reference",
                table: "supervision_events",
                columns: new[] { "business_id", "source", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_sessions_user_id",
                table: "user_sessions",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "user_sessions");

            migrationBuilder.DropIndex(
                name: "ix_supervision_events_business_id_source_reference",
                table: "supervision_events");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "users");

            migrationBuilder.DropColumn(
                name: "is_disabled",
                table: "users");

            migrationBuilder.AddColumn<int>(
                name: "failed_logins",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "locked_until",
                table: "users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_events_source_reference",
                table: "supervision_events",
                columns: new[] { "source", "reference" },
                unique: true);
        }
    }
}
