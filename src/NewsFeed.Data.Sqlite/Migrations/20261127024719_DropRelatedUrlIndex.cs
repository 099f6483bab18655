using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsFeed.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DropRelatedUrlIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_related_items_canonical_url",
                table: "related_items");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_related_items_canonical_url",
                table: "related_items",
                column: "canonical_url");
        }
    }
}
