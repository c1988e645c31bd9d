// The Content-Security-Policy of our pages (set per request by proxy.ts). Every script needs this
// response's nonce: Next reads it from the request's CSP header and stamps it on its own tags, and
// 'strict-dynamic' lets those scripts load the chunks they need, so no stored string can ever become
// a script, whatever slips into the markup.

/** Who may put a page in a frame: nobody, except the embed (`?embed=1`), which exists to be framed. */
export type Framing = 'none' | 'any';

export interface PageCspOptions {
  nonce: string;
  framing: Framing;
  /** `next dev` needs eval (React's error overlays) and inline styles (its style injection). */
  dev?: boolean;
}

/** 16 random bytes, base64: unguessable, and within the nonce grammar Next parses. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function pageCsp({ nonce, framing, dev = false }: PageCspOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // MapLibre's module worker is our own file (/maplibre-gl-worker.mjs, see lib/basemap-style.ts):
    // it needs no blob: (MapLibre only wraps a cross-origin worker URL in a blob).
    ['worker-src', "'self'"],
    ['style-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    // React writes colours (legend, chips, list dots) as style attributes in the server HTML; an
    // attribute can carry CSS only, never script, and React sets it from our palette, not from data.
    ['style-src-attr', "'unsafe-inline'"],
    // The map draws its sprites and canvases from data: and blob: images.
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', framing === 'any' ? '*' : "'none'"],
    // No upgrade-insecure-requests: the app is served over plain http on loopback and LANs, where
    // upgrading its own requests to https would break every one of them.
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}
