using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wangge.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrustConcurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Only concurrency tokens (businesses.version, grid_assignments.to, grid_border_versions.valid_to): the
            // schema is unchanged, the model snapshot records them.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
