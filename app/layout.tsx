import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: 'Situation Map',
  description: 'What happened where and when, with the exact words of every source.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#f4f1ea' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page's scripts carry the nonce of its own response (proxy.ts), so no page may be
  // prerendered at build time: the 404 page would otherwise ship scripts the CSP refuses.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
