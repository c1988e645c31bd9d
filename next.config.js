/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // scripts/start.mjs (`npm start`) compresses every response; Next's own gzip skips route handlers
  // (vercel/next.js#98007) and would compress pages a second time.
  compress: false,
  // A second build directory lets a benchmark or a preview build run beside the test build.
  // (next build then adds that directory's types to tsconfig.json: do not commit that edit.)
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Pages get their CSP (with a per-request nonce) and framing policy from proxy.ts; these hold for
  // every response, pages, files and API alike.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // A stored string served as JSON must never be sniffed into HTML or script.
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
      {
        // JSON, GeoJSON, PNG and event streams: opened as a document they may load nothing, run
        // nothing and sit in no frame.
        source: '/api/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};
export default nextConfig;
