// Every page gets a fresh CSP nonce and its framing policy here (Next 16's proxy, formerly
// middleware). The nonce goes on the request's CSP header, which is where Next looks for it when it
// renders its script tags, and on the response, where the browser enforces it.
import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, pageCsp } from '@/lib/security/csp';
import { parseUrlState } from '@/lib/url-state';

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  // Only the map has an embed mode, and the same parse as the page's decides it, so what may be
  // framed is exactly what renders as the embed.
  const embed = request.nextUrl.pathname === '/' && parseUrlState(request.nextUrl.searchParams).embed;
  const framing = embed ? 'any' : 'none';
  const csp = pageCsp({ nonce, framing, dev: process.env.NODE_ENV === 'development' });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  // For browsers without frame-ancestors. ALLOW-FROM is obsolete, so the embed sends none at all.
  if (framing === 'none') response.headers.set('X-Frame-Options', 'DENY');
  return response;
}

export const config = {
  matcher: [
    {
      // Not the API (next.config.js gives it a CSP of its own, and a proxy would buffer every POST
      // body), nor static files, which render no HTML.
      source: '/((?!api/|_next/static/|_next/image|favicon\\.ico|icon\\.svg|basemap/|fonts/|maplibre-gl-worker\\.mjs).*)',
      // Prefetches too (unlike Next's example): a request header chosen by the client must not
      // get a page served without its CSP, as a prefetched document can become the page shown.
    },
  ],
};
