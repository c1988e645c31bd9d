// The shared body of the two review routes (events and movements differ only in what they name).
import { NextResponse } from 'next/server';
import { badRequest, notFound } from '../http';
import { MAX_REVIEW_BODY_BYTES, isId } from '../limits';
import { isStoreBusy, type Store } from '../store/contract';
import { readWriteRequest } from '../write-request';
import { parseReviewRequest } from './review-request';

export async function reviewResponse(request: Request, store: Store, kind: 'event' | 'movement', id: string): Promise<Response> {
  const read = await readWriteRequest(request, MAX_REVIEW_BODY_BYTES);
  if (!read.ok) return read.response;
  if (!isId(id)) return badRequest(`${kind} id must be a slug`);
  const parsed = parseReviewRequest(read.body);
  if (!parsed.ok) return badRequest(parsed.error, parsed.issues);
  try {
    const item = await store.review(kind, id, parsed.decision);
    if (!item) return notFound(`no ${kind} with id ${id}`);
    return NextResponse.json(item, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    // An edit the domain rules refuse, or an item that was never machine-extracted: the reviewer's to fix.
    if (e instanceof Error && e.name === 'DomainError') return NextResponse.json({ error: e.message }, { status: 422 });
    // Another process held the write lock past the busy timeout: nothing changed, the review may be sent again.
    if (isStoreBusy(e)) return NextResponse.json({ error: 'the database is busy with another writer; nothing was written, try again' }, { status: 503, headers: { 'Retry-After': '1', 'Cache-Control': 'no-store' } });
    throw e;
  }
}
