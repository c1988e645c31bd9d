import { NextResponse } from 'next/server';
import { readQuery } from '@/lib/api-guard';
import { cachedJson } from '@/lib/http';
import { loadGazetteerFromFiles } from '@/lib/ingest/gazetteer-files';
import { IngestError, ingestArticle } from '@/lib/ingest/write';
import { getStore, isStoreBusy } from '@/lib/store';
import { readWriteRequest } from '@/lib/write-request';

export async function GET(request: Request) {
  const parsed = readQuery(request, 'articles');
  if (!parsed.ok) return parsed.response;
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => {
    const page = await store.articles(parsed.page);
    return { body: { articles: page.items, nextCursor: page.nextCursor } };
  });
}

/** One article in: 201 with what was extracted and how it merged; 4xx JSON for anything refused. */
export async function POST(request: Request) {
  const read = await readWriteRequest(request);
  if (!read.ok) return read.response;
  try {
    const r = await ingestArticle(getStore(), read.body, { extract: { gazetteer: loadGazetteerFromFiles() } });
    return NextResponse.json({ id: r.articleId, events: r.events, movements: r.movements, warnings: r.warnings }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    if (IngestError.is(e)) return NextResponse.json({ error: e.message, ...(e.issues.length ? { issues: e.issues } : {}), ...(e.existing ? { existing: e.existing } : {}) }, { status: e.status });
    // Nothing was written (the transaction never began): the client may send the same article again.
    if (isStoreBusy(e)) return NextResponse.json({ error: 'the database is busy with another writer; nothing was written, try again' }, { status: 503, headers: { 'Retry-After': '1', 'Cache-Control': 'no-store' } });
    throw e;
  }
}
