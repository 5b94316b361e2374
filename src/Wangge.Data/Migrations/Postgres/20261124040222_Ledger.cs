using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wangge.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "code_kind",
                table: "businesses",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "contact_person",
                table: "businesses",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_phone",
                table: "businesses",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "food_risk",
                table: "businesses",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_inspected_on",
                table: "businesses",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "override_by",
                table: "businesses",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "override_class",
                table: "businesses",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "override_reason",
                table: "businesses",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "override_until",
                table: "businesses",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rated_at",
                table: "businesses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "risk_class",
                table: "businesses",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "risk_score",
                table: "businesses",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "sector_mask",
                table: "businesses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "status_since",
                table: "businesses",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "businesses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Rows from before this migration: credit codes, unrated (class A until the first rating), one sector each.
            migrationBuilder.Sql("UPDATE businesses SET code_kind = 'CreditCode', risk_class = 'A', food_risk = 'Low', " +
                "sector_mask = CASE sector WHEN 'FoodProduction' THEN 1 WHEN 'FoodSale' THEN 2 WHEN 'Catering' THEN 4 WHEN 'DrinkingWater' THEN 8 WHEN 'Cosmetics' THEN 16 WHEN 'LeatherGoods' THEN 32 WHEN 'Garments' THEN 64 WHEN 'AudioVideo' THEN 128 WHEN 'SpecialEquipmentUse' THEN 256 WHEN 'MeasuringInstruments' THEN 512 WHEN 'IndustrialProductsUnderLicence' THEN 1024 WHEN 'Retail' THEN 2048 ELSE 0 END");

            // Re-rating rewrites four columns of many rows at once; free space on each page lets PostgreSQL update
            // them in place (HOT) instead of touching every index, the spatial one included.
            migrationBuilder.Sql("ALTER TABLE businesses SET (fillfactor = 80)");

            migrationBuilder.CreateTable(
                name: "business_licences",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    scope = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: true),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_licences", x => x.id);
                    table.ForeignKey(
                        name: "fk_business_licences_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "business_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    change = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    snapshot = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    grid_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scope_path_value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_business_versions_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    file_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    scope_path_value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    committed_through_line = table.Column<int>(type: "integer", nullable: false),
                    batches = table.Column<int>(type: "integer", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false),
                    rejected = table.Column<int>(type: "integer", nullable: false),
                    failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "risk_ratings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    @class = table.Column<string>(name: "class", type: "character varying(2)", maxLength: 2, nullable: false),
                    food_level = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    effective_class = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    trigger = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    factors = table.Column<string>(type: "text", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_ratings", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_ratings_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "supervision_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    failed = table.Column<bool>(type: "boolean", nullable: false),
                    reference = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    source = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_supervision_events_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_problems",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    field = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_problems", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_problems_import_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "import_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_business_licences_business_id",
                table: "business_licences",
                column: "business_id");

            migrationBuilder.CreateIndex(
                name: "ix_business_licences_expires_on",
                table: "business_licences",
                column: "expires_on");

            migrationBuilder.CreateIndex(
                name: "ix_business_versions_business_id_number",
                table: "business_versions",
                columns: new[] { "business_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_business_versions_scope_path_value_valid_from",
                table: "business_versions",
                columns: new[] { "scope_path_value", "valid_from" });

            migrationBuilder.CreateIndex(
                name: "ix_import_problems_run_id_line",
                table: "import_problems",
                columns: new[] { "run_id", "line" });

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_kind_file_sha256",
                table: "import_runs",
                columns: new[] { "kind", "file_sha256" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_ratings_business_id_rated_at",
                table: "risk_ratings",
                columns: new[] { "business_id", "rated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_events_business_id_occurred_on",
                table: "supervision_events",
                columns: new[] { "business_id", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_events_source_reference",
                table: "supervision_events",
                columns: new[] { "source", "reference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_licences");

            migrationBuilder.DropTable(
                name: "business_versions");

            migrationBuilder.DropTable(
                name: "import_problems");

            migrationBuilder.DropTable(
                name: "risk_ratings");

            migrationBuilder.DropTable(
                name: "supervision_events");

            migrationBuilder.DropTable(
                name: "import_runs");

            migrationBuilder.DropColumn(
                name: "code_kind",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "contact_person",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "contact_phone",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "food_risk",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "last_inspected_on",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "override_by",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "override_class",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "override_reason",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "override_until",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "rated_at",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "risk_class",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "risk_score",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "sector_mask",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "status_since",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "version",
                table: "businesses");
        }
    }
}
