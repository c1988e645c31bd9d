// Who may write: one bearer token from INGEST_TOKEN. Unset means writing is switched off (403),
// so a fresh install never accepts anonymous writes by accident.
import { createHash, timingSafeEqual } from 'node:crypto';

export type WriteAuth = { ok: true } | { ok: false; status: 401 | 403; error: string };

/** Hashing first makes both sides the same length, so the comparison takes the same time for any guess. */
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function checkWriteToken(header: string | null, configured: string | undefined = process.env.INGEST_TOKEN): WriteAuth {
  if (!configured) return { ok: false, status: 403, error: 'writing is switched off on this server: set INGEST_TOKEN to enable it' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return { ok: false, status: 401, error: 'send the ingest token as "Authorization: Bearer <token>"' };
  if (!timingSafeEqual(digest(m[1]!), digest(configured))) return { ok: false, status: 401, error: 'wrong token' };
  return { ok: true };
}
