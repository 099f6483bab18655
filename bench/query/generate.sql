-- Grows a database holding the imported azure corpus to exactly :articles articles (psql -v articles=N; the benchmark
-- passes 1,000,000 unless told otherwise) by cloning every record under a new URL, slug, title and date, copying its
-- topics, images and related list with it, so the real distributions of topics, providers and related counts are kept. Clone c of article a gets id c * 10000 + a.id (azure ids are < 10000).
-- Secondary indexes are dropped first and rebuilt at the end: building them once is much faster than maintaining them.
-- Run in one transaction (psql -1), then VACUUM ANALYZE.
\set ON_ERROR_STOP on
SET maintenance_work_mem = '1GB';
-- The clones are consistent by construction: skip the foreign-key checks (32M related items would each be checked).
SET session_replication_role = replica;

CREATE TEMP TABLE saved_indexes AS
SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = 'public' AND tablename IN ('articles', 'article_topics', 'article_images', 'related_items')
  AND indexname NOT LIKE 'pk_%';
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM saved_indexes LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP;
END $$;

-- The originals plus enough clones for exactly one million rows, newest clones furthest in the past.
INSERT INTO articles (id, canonical_url, slug, category, title, excerpt, published_at, original_url, web_url, amp_web_url,
    cdn_amp_web_url, type, quality, heat, published, removed, featured_content, provider_id, secured, body, extra,
    source_path, content_hash, import_id, imported_at, updated_at)
SELECT c * 10000 + a.id, a.canonical_url || '#' || c, a.slug || '-copy-' || c, a.category, a.title || ' (' || c || ')', a.excerpt,
    a.published_at - make_interval(days => c * 3, mins => ((a.id * 7 + c * 13) % 1440)::int), a.original_url || '?c=' || c,
    a.web_url || '?c=' || c, a.amp_web_url, a.cdn_amp_web_url, a.type, a.quality, a.heat, a.published, a.removed,
    a.featured_content, a.provider_id, a.secured, a.body, a.extra, a.source_path || '#' || c, a.content_hash, a.import_id,
    a.imported_at, a.updated_at
FROM generate_series(1, 250) AS c CROSS JOIN articles a
WHERE a.id < 10000
ORDER BY c, a.id
LIMIT :articles - (SELECT count(*) FROM articles);

INSERT INTO article_topics (article_id, topic_id, position)
SELECT n.id, t.topic_id, t.position FROM articles n JOIN article_topics t ON t.article_id = n.id % 10000 WHERE n.id >= 10000;
INSERT INTO article_images (article_id, position, url, width, height, is_cached, title)
SELECT n.id, i.position, i.url, i.width, i.height, i.is_cached, i.title FROM articles n JOIN article_images i ON i.article_id = n.id % 10000 WHERE n.id >= 10000;
-- Related items keep their count, order, title, URL and provider; excerpts and images stay with the originals (disk).
INSERT INTO related_items (article_id, position, title, published_at, web_url, canonical_url, type, quality, provider_id)
SELECT n.id, r.position, r.title, r.published_at, r.web_url, r.canonical_url, r.type, r.quality, r.provider_id
FROM articles n JOIN related_items r ON r.article_id = n.id % 10000 WHERE n.id >= 10000;

SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT max(id) FROM articles));
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM saved_indexes LOOP EXECUTE r.indexdef; END LOOP;
END $$;
