using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

namespace Wangge.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GridHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "business_moves",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_grid_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_grid_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scope_path_value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_moves", x => x.id);
                    table.ForeignKey(
                        name: "fk_business_moves_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_business_moves_grids_from_grid_id",
                        column: x => x.from_grid_id,
                        principalTable: "grids",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_business_moves_grids_to_grid_id",
                        column: x => x.to_grid_id,
                        principalTable: "grids",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "grid_border_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    grid_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path_value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    border = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grid_border_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_grid_border_versions_grids_grid_id",
                        column: x => x.grid_id,
                        principalTable: "grids",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_grids_border_gist",
                table: "grids",
                column: "border")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_businesses_location_gist",
                table: "businesses",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_base_areas_border_gist",
                table: "base_areas",
                column: "border")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_business_moves_business_id_at",
                table: "business_moves",
                columns: new[] { "business_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_business_moves_from_grid_id",
                table: "business_moves",
                column: "from_grid_id");

            migrationBuilder.CreateIndex(
                name: "ix_business_moves_scope_path_value",
                table: "business_moves",
                column: "scope_path_value");

            migrationBuilder.CreateIndex(
                name: "ix_business_moves_to_grid_id",
                table: "business_moves",
                column: "to_grid_id");

            migrationBuilder.CreateIndex(
                name: "ix_grid_border_versions_border_gist",
                table: "grid_border_versions",
                column: "border")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_grid_border_versions_grid_id_valid_from",
                table: "grid_border_versions",
                columns: new[] { "grid_id", "valid_from" });

            migrationBuilder.CreateIndex(
                name: "ix_grid_border_versions_scope_path_value",
                table: "grid_border_versions",
                column: "scope_path_value");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_moves");

            migrationBuilder.DropTable(
                name: "grid_border_versions");

            migrationBuilder.DropIndex(
                name: "ix_grids_border_gist",
                table: "grids");

            migrationBuilder.DropIndex(
                name: "ix_businesses_location_gist",
                table: "businesses");

            migrationBuilder.DropIndex(
                name: "ix_base_areas_border_gist",
                table: "base_areas");
        }
    }
}
