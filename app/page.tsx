import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { cache } from 'react';
import { Legend } from '@/components/legend';
import { MapApp } from '@/components/map-app';
import { clientFallback, describeView, resolveInitialView } from '@/lib/initial-view';
import { serializeUrlState } from '@/lib/url-state';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The page is rendered per request: its state comes from the query string.
export const dynamic = 'force-dynamic';

const resolve = cache((query: string) => resolveInitialView(new URLSearchParams(query)));

/** The first value of each key, as the client's URLSearchParams.get reads it. */
function queryOf(params: Record<string, string | string[] | undefined>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) usp.set(k, Array.isArray(v) ? (v[0] ?? '') : v);
  return usp.toString();
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const view = await resolve(queryOf(await searchParams));
  const { title, description } = describeView(view);
  // The preview image shows exactly this state: same view, range and filters.
  const canonical = serializeUrlState({ ...view.state, map: view.view, from: view.range.from, to: view.range.to, embed: false });
  const image = { url: `/api/preview?${canonical}`, width: 1200, height: 630, alt: title };
  // Link previews need absolute image URLs: use the host the link was opened on.
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return {
    metadataBase: new URL(`${proto}://${host}`),
    title: `${title} · Situation Map`,
    description,
    openGraph: { title, description, type: 'website', siteName: 'Situation Map', images: [image] },
    twitter: { card: 'summary_large_image', title, description, images: [image.url] },
  };
}

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const view = await resolve(queryOf(await searchParams));
  return <MapApp initial={view} fallback={await clientFallback(view)} legend={<Legend />} />;
}
