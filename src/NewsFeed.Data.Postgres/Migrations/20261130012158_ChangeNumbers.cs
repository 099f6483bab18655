using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsFeed.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ChangeNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "change_numbers",
                startValue: 2L);

            migrationBuilder.AddColumn<long>(
                name: "change_number",
                table: "providers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "change_number",
                table: "articles",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_providers_change_number",
                table: "providers",
                column: "change_number");

            migrationBuilder.CreateIndex(
                name: "ix_articles_change_number_id",
                table: "articles",
                columns: new[] { "change_number", "id" });

            // The rows stored before change numbers existed are change 1; the sequence starts at 2.
            migrationBuilder.Sql("UPDATE articles SET change_number = 1; UPDATE providers SET change_number = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_providers_change_number",
                table: "providers");

            migrationBuilder.DropIndex(
                name: "ix_articles_change_number_id",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "change_number",
                table: "providers");

            migrationBuilder.DropColumn(
                name: "change_number",
                table: "articles");

            migrationBuilder.DropSequence(
                name: "change_numbers");
        }
    }
}
