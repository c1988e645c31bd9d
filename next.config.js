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
};
export default nextConfig;
