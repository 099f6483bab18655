// Parses NewsFeed's feeds with three real feed parsers and checks the W3C feed-validator rules that need no network.
// Usage: node check-feeds.mjs FILE... where each FILE ends in .rss, .atom or .json.
// Prints one line per problem and exits 1 if there is any, 0 (and "ok: N feeds") otherwise.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseFeed as feedsmith, parseJsonFeed } from 'feedsmith';
import { parseFeed as rowanmanning } from '@rowanmanning/feed-parser';
import RssParser from 'rss-parser';
import { XMLParser } from 'fast-xml-parser';

const problems = [];
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'link', 'a10:link', 'atom:link', 'guid', 'enclosure', 'author', 'category'].includes(name) });

// RFC 822 as the W3C validator accepts it: optional weekday, 2- or 4-digit year, a zone name or numeric offset.
const rfc822 = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2,4} \d{2}:\d{2}(?::\d{2})? (?:UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z|[+-]\d{4})$/;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const imageTypes = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml' };

const check = (file, condition, message) => { if (!condition) problems.push(`${file}: ${message}`); };
const text = (node) => (node && typeof node === 'object' ? node['#text'] : node);
const notEpoch = (file, what, date) => check(file, new Date(date).getUTCFullYear() > 1970, `${what} is dated ${date}: a feed is never from 1970`);
const unique = (file, what, values) => check(file, new Set(values).size === values.length, `${what} are not unique`);

function enclosureType(file, url, type) {
  const expected = imageTypes[extname(new URL(url).pathname).toLowerCase()];
  check(file, !expected || type === expected, `enclosure ${url} has type ${type}, its extension says ${expected}`);
}

function validateRss(file, source) {
  const rss = xml.parse(source).rss;
  check(file, rss?.['@version'] === '2.0', 'root is not <rss version="2.0">');
  const channel = rss?.channel ?? {};
  for (const field of ['title', 'description']) check(file, text(channel[field]), `channel has no <${field}>`);
  check(file, text(channel.link?.[0]), 'channel has no <link>');
  const self = (channel['a10:link'] ?? channel['atom:link'] ?? []).find((l) => l['@rel'] === 'self');
  check(file, self?.['@href'] && self['@type'] === 'application/rss+xml', 'channel has no atom:link rel="self" type="application/rss+xml"');
  if (channel.lastBuildDate) {
    check(file, rfc822.test(channel.lastBuildDate), `lastBuildDate "${channel.lastBuildDate}" is not RFC 822`);
    notEpoch(file, 'lastBuildDate', channel.lastBuildDate);
  }
  const items = channel.item ?? [];
  for (const item of items) {
    check(file, text(item.title) || text(item.description), 'an item has neither title nor description');
    check(file, item.guid?.length === 1, `item "${text(item.title)}" has no single <guid>`);
    check(file, rfc822.test(item.pubDate ?? ''), `item "${text(item.title)}" pubDate "${item.pubDate}" is not RFC 822`);
    check(file, item['dc:creator'] || item.author, `item "${text(item.title)}" has no author (dc:creator or author)`);
    for (const enclosure of item.enclosure ?? []) {
      check(file, enclosure['@url'], 'an enclosure has no url');
      check(file, /^\d+$/.test(enclosure['@length'] ?? ''), `enclosure ${enclosure['@url']} has no length`);
      check(file, /^[\w.+-]+\/[\w.+-]+$/.test(enclosure['@type'] ?? ''), `enclosure ${enclosure['@url']} has no MIME type`);
      if (enclosure['@url']) enclosureType(file, enclosure['@url'], enclosure['@type']);
    }
  }
  unique(file, 'guids', items.map((i) => text(i.guid?.[0])));
  return items.length;
}

function validateAtom(file, source) {
  const feed = xml.parse(source).feed;
  check(file, feed?.['@xmlns'] === 'http://www.w3.org/2005/Atom', 'root is not an Atom 1.0 <feed>');
  for (const field of ['id', 'title', 'updated']) check(file, text(feed?.[field]), `feed has no <${field}>`);
  check(file, rfc3339.test(feed?.updated ?? ''), `feed updated "${feed?.updated}" is not RFC 3339`);
  notEpoch(file, 'feed updated', feed?.updated);
  check(file, (feed?.link ?? []).some((l) => l['@rel'] === 'self' && l['@href']), 'feed has no link rel="self"');
  const entries = feed?.entry ?? [];
  // RFC 4287 4.1.1: a feed needs an author unless every entry has one.
  check(file, feed?.author?.length || (entries.length > 0 && entries.every((e) => e.author?.length)), 'feed has no author and not every entry has one');
  for (const entry of entries) {
    for (const field of ['id', 'title', 'updated']) check(file, text(entry[field]), `an entry has no <${field}>`);
    for (const field of ['updated', 'published']) {
      if (entry[field]) check(file, rfc3339.test(entry[field]), `entry ${field} "${entry[field]}" is not RFC 3339`);
    }
    for (const link of (entry.link ?? []).filter((l) => l['@rel'] === 'enclosure')) {
      check(file, /^\d+$/.test(link['@length'] ?? ''), `enclosure ${link['@href']} has no length`);
      enclosureType(file, link['@href'], link['@type']);
    }
  }
  unique(file, 'entry ids', entries.map((e) => text(e.id)));
  return entries.length;
}

async function parseXml(file, source, expectedItems) {
  const parsed = {
    feedsmith: feedsmith(source).feed,
    '@rowanmanning/feed-parser': rowanmanning(source),
    'rss-parser': await new RssParser().parseString(source),
  };
  for (const [parser, feed] of Object.entries(parsed)) {
    const items = feed.items ?? feed.entries ?? [];
    check(file, items.length === expectedItems, `${parser} read ${items.length} items, the feed has ${expectedItems}`);
    check(file, feed.title, `${parser} read no feed title`);
  }
  const rowan = parsed['@rowanmanning/feed-parser'];
  check(file, rowan.self, '@rowanmanning/feed-parser found no self link');
  if (rowan.updated) notEpoch(file, '@rowanmanning/feed-parser feed date', rowan.updated);
  for (const item of rowan.items) {
    check(file, item.authors.length > 0, `@rowanmanning/feed-parser read no author for "${item.title}"`);
    check(file, item.url && item.id && item.published, `@rowanmanning/feed-parser read no url, id or date for "${item.title}"`);
  }
  for (const item of parsed['rss-parser'].items) {
    check(file, item.creator || item.author, `rss-parser read no author for "${item.title}"`);
  }
}

function checkJson(file, source) {
  const feed = parseJsonFeed(JSON.parse(source));
  check(file, feed.title && feed.feed_url, 'feedsmith read no title or feed_url');
  for (const item of feed.items ?? []) {
    check(file, item.id && (item.content_text !== undefined || item.content_html !== undefined), `item "${item.title}" has no id or content`);
    check(file, item.authors?.length > 0, `item "${item.title}" has no author`);
    if (item.date_published) check(file, rfc3339.test(item.date_published), `item date_published "${item.date_published}" is not RFC 3339`);
  }
}

for (const file of process.argv.slice(2)) {
  try {
    const source = readFileSync(file, 'utf8');
    switch (extname(file)) {
      case '.rss': await parseXml(file, source, validateRss(file, source)); break;
      case '.atom': await parseXml(file, source, validateAtom(file, source)); break;
      case '.json': checkJson(file, source); break;
      default: problems.push(`${file}: unknown feed kind (expected .rss, .atom or .json)`);
    }
  } catch (error) {
    problems.push(`${file}: ${error.message}`);
  }
}
for (const problem of problems) console.log(problem);
if (problems.length === 0) console.log(`ok: ${process.argv.length - 2} feeds`);
process.exit(problems.length === 0 ? 0 : 1);
