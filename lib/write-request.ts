// What every write route does before its own work: the client's rate (before the token, so guessing
// tokens is slowed as much as writing), the token, then a JSON body read with a size cap
// (the cap is enforced while reading, so a lying or missing Content-Length cannot make the server
// buffer more), each failure as a JSON answer that says what to fix.
import { NextResponse } from 'next/server';
import { rateLimited } from './api-guard';
import { checkWriteToken } from './auth/token';
import { MAX_BODY_BYTES } from './limits';

export type WriteRequest = { ok: true; body: unknown } | { ok: false; response: Response };

const fail = (status: number, error: string): WriteRequest => ({ ok: false, response: NextResponse.json({ error }, { status }) });

export async function readWriteRequest(request: Request, maxBytes = MAX_BODY_BYTES): Promise<WriteRequest> {
  const limited = rateLimited(request, 'writes');
  if (limited) return { ok: false, response: limited };
  const auth = checkWriteToken(request.headers.get('authorization'));
  if (!auth.ok) return fail(auth.status, auth.error);
  const tooLarge = `the body is over ${maxBytes >= 1024 * 1024 ? `${(maxBytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(maxBytes / 1024)} kB`}`;
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return fail(413, tooLarge);
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) return fail(415, 'send the body as JSON (Content-Type: application/json)');
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return fail(413, tooLarge);
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return fail(400, 'the body is not UTF-8 text');
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return fail(400, 'the body is not valid JSON');
  }
}
