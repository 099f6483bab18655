// A client as a frontend developer would write it against the generated types: no casts, no `!`.
// Usage: node build/client.js BASE_URL ARTICLE_SLUG
import type { paths } from "./generated/api.js";

type ArticlePage = paths["/articles"]["get"]["responses"][200]["content"]["application/json"];
type RelatedItems = paths["/articles/{idOrSlug}/related"]["get"]["responses"][200]["content"]["application/json"];
type Problem = paths["/articles"]["get"]["responses"][400]["content"]["application/problem+json"];

const [baseUrl, slug] = process.argv.slice(2);
if (baseUrl === undefined || slug === undefined) throw new Error("usage: node build/client.js BASE_URL ARTICLE_SLUG");

async function get(path: string): Promise<Response> {
  return fetch(new URL(path, baseUrl), { headers: { accept: "application/json" } });
}

async function listArticles(cursor?: string): Promise<ArticlePage> {
  const response = await get(`/articles?pageSize=1${cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`}`);
  if (!response.ok) throw new Error(`GET /articles answered ${response.status}`);
  const page: ArticlePage = await response.json();
  return page;
}

const page = await listArticles();
console.log(`first: ${page.items[0].title.toUpperCase()}`);
if (page.nextCursor !== undefined) {
  const next = await listArticles(page.nextCursor);
  console.log(`next: ${next.items[0].title.toUpperCase()}`);
}

const relatedResponse = await get(`/articles/${encodeURIComponent(slug)}/related`);
const related: RelatedItems = await relatedResponse.json();
console.log(`related: ${related.length}, ${related.filter((item) => item.articleId !== undefined).length} here`);

const refused = await get("/articles?pageSize=0");
if (refused.status === 400) {
  const problem: Problem = await refused.json();
  console.log(`problem: ${problem.status ?? "?"} ${problem.title ?? "?"}: ${problem.detail ?? "?"}`);
}
