import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'Situation Map',
  description: 'What happened where and when, with the exact words of every source.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#f4f1ea' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
