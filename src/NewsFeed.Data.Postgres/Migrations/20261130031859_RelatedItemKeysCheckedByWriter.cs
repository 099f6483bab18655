using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsFeed.Data.Postgres.Migrations
{
    /// <summary>
    /// Drops the three foreign keys of the two largest child tables (related_items to articles and to providers,
    /// related_item_images to related_items). Their per-row triggers were about 70% of the cost of storing those rows,
    /// the largest share of an import (bench/PROFILE.md). Only the article writer fills these tables, and it checks the
    /// same keys set-wise once per write (ChildKeyCheck), failing the write as the constraints would. The model keeps
    /// the relationships (the export reads through them), so this migration is written by hand and the snapshot is
    /// unchanged: EF Core 10 has no way to model a relationship without its constraint.
    /// </summary>
    public partial class RelatedItemKeysCheckedByWriter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_related_item_images_related_items_article_id_related_positi~",
                table: "related_item_images");

            migrationBuilder.DropForeignKey(
                name: "fk_related_items_articles_article_id",
                table: "related_items");

            migrationBuilder.DropForeignKey(
                name: "fk_related_items_providers_provider_id",
                table: "related_items");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_related_items_articles_article_id",
                table: "related_items",
                column: "article_id",
                principalTable: "articles",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_related_items_providers_provider_id",
                table: "related_items",
                column: "provider_id",
                principalTable: "providers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_related_item_images_related_items_article_id_related_positi~",
                table: "related_item_images",
                columns: new[] { "article_id", "related_position" },
                principalTable: "related_items",
                principalColumns: new[] { "article_id", "position" },
                onDelete: ReferentialAction.Cascade);
        }
    }
}
