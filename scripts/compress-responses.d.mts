// Types for compress-responses.mjs (plain JavaScript so that `node scripts/start.mjs` runs it as is).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CompressOptions {
  threshold: number;
  brotliQuality: number;
  gzipLevel: number;
  maxBuffer: number;
  syncMax: number;
  memoBytes: number;
}
export const DEFAULTS: CompressOptions;
export function negotiate(header: string | string[] | undefined): 'br' | 'gzip' | null;
export function compressResponses(req: IncomingMessage, res: ServerResponse, options?: Partial<CompressOptions>): void;
