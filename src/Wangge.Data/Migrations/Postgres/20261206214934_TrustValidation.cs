using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wangge.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrustValidation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_supervision_events_source_reference",
                table: "supervision_events");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_events_business_id_source_reference",
                table: "supervision_events",
                columns: new[] { "business_id", "source", "reference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_supervision_events_business_id_source_reference",
                table: "supervision_events");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_events_source_reference",
                table: "supervision_events",
                columns: new[] { "source", "reference" },
                unique: true);
        }
    }
}
