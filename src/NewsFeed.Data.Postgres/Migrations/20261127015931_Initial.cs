using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NewsFeed.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "providers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    domain = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    name_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    logos_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_providers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "topics",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    slug = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topics", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "articles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    canonical_url = table.Column<string>(type: "text", nullable: false),
                    slug = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "text", nullable: true),
                    title = table.Column<string>(type: "text", nullable: false),
                    excerpt = table.Column<string>(type: "text", nullable: true),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    original_url = table.Column<string>(type: "text", nullable: true),
                    web_url = table.Column<string>(type: "text", nullable: true),
                    amp_web_url = table.Column<string>(type: "text", nullable: true),
                    cdn_amp_web_url = table.Column<string>(type: "text", nullable: true),
                    type = table.Column<string>(type: "text", nullable: true),
                    quality = table.Column<int>(type: "integer", nullable: true),
                    heat = table.Column<int>(type: "integer", nullable: true),
                    published = table.Column<bool>(type: "boolean", nullable: true),
                    removed = table.Column<bool>(type: "boolean", nullable: true),
                    featured_content = table.Column<string>(type: "text", nullable: true),
                    provider_id = table.Column<long>(type: "bigint", nullable: true),
                    secured = table.Column<string>(type: "text", nullable: true),
                    body = table.Column<string>(type: "text", nullable: false),
                    extra = table.Column<string>(type: "text", nullable: true),
                    source_path = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    import_id = table.Column<string>(type: "text", nullable: false),
                    imported_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_articles", x => x.id);
                    table.ForeignKey(
                        name: "fk_articles_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "provider_logos",
                columns: table => new
                {
                    position = table.Column<int>(type: "integer", nullable: false),
                    provider_id = table.Column<long>(type: "bigint", nullable: false),
                    url = table.Column<string>(type: "text", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: true),
                    height = table.Column<int>(type: "integer", nullable: true),
                    is_cached = table.Column<bool>(type: "boolean", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_logos", x => new { x.provider_id, x.position });
                    table.ForeignKey(
                        name: "fk_provider_logos_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_images",
                columns: table => new
                {
                    position = table.Column<int>(type: "integer", nullable: false),
                    article_id = table.Column<long>(type: "bigint", nullable: false),
                    url = table.Column<string>(type: "text", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: true),
                    height = table.Column<int>(type: "integer", nullable: true),
                    is_cached = table.Column<bool>(type: "boolean", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_images", x => new { x.article_id, x.position });
                    table.ForeignKey(
                        name: "fk_article_images_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_topics",
                columns: table => new
                {
                    article_id = table.Column<long>(type: "bigint", nullable: false),
                    topic_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_topics", x => new { x.article_id, x.topic_id });
                    table.ForeignKey(
                        name: "fk_article_topics_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_article_topics_topics_topic_id",
                        column: x => x.topic_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "related_items",
                columns: table => new
                {
                    article_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "text", nullable: true),
                    excerpt = table.Column<string>(type: "text", nullable: true),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    web_url = table.Column<string>(type: "text", nullable: true),
                    canonical_url = table.Column<string>(type: "text", nullable: true),
                    amp_web_url = table.Column<string>(type: "text", nullable: true),
                    cdn_amp_web_url = table.Column<string>(type: "text", nullable: true),
                    type = table.Column<string>(type: "text", nullable: true),
                    quality = table.Column<int>(type: "integer", nullable: true),
                    provider_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_related_items", x => new { x.article_id, x.position });
                    table.ForeignKey(
                        name: "fk_related_items_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_related_items_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "related_item_images",
                columns: table => new
                {
                    position = table.Column<int>(type: "integer", nullable: false),
                    article_id = table.Column<long>(type: "bigint", nullable: false),
                    related_position = table.Column<int>(type: "integer", nullable: false),
                    url = table.Column<string>(type: "text", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: true),
                    height = table.Column<int>(type: "integer", nullable: true),
                    is_cached = table.Column<bool>(type: "boolean", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_related_item_images", x => new { x.article_id, x.related_position, x.position });
                    table.ForeignKey(
                        name: "fk_related_item_images_related_items_article_id_related_positi~",
                        columns: x => new { x.article_id, x.related_position },
                        principalTable: "related_items",
                        principalColumns: new[] { "article_id", "position" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_article_topics_topic_id",
                table: "article_topics",
                column: "topic_id");

            migrationBuilder.CreateIndex(
                name: "ix_articles_canonical_url",
                table: "articles",
                column: "canonical_url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_articles_content_hash",
                table: "articles",
                column: "content_hash");

            migrationBuilder.CreateIndex(
                name: "ix_articles_provider_id",
                table: "articles",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_articles_published_at_id",
                table: "articles",
                columns: new[] { "published_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_articles_slug",
                table: "articles",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_articles_updated_at_id",
                table: "articles",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_providers_domain",
                table: "providers",
                column: "domain",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_related_items_canonical_url",
                table: "related_items",
                column: "canonical_url");

            migrationBuilder.CreateIndex(
                name: "ix_related_items_provider_id",
                table: "related_items",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_topics_key",
                table: "topics",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_topics_slug",
                table: "topics",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "article_images");

            migrationBuilder.DropTable(
                name: "article_topics");

            migrationBuilder.DropTable(
                name: "provider_logos");

            migrationBuilder.DropTable(
                name: "related_item_images");

            migrationBuilder.DropTable(
                name: "topics");

            migrationBuilder.DropTable(
                name: "related_items");

            migrationBuilder.DropTable(
                name: "articles");

            migrationBuilder.DropTable(
                name: "providers");
        }
    }
}
