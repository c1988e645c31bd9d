// The link-preview image of a permalink: takes the page's own query (same parsing, same clamping,
// so a preview never fails where the page would open) and draws that state.
import { describeView, resolveInitialView } from '@/lib/initial-view';
import { inDateRange } from '@/lib/events';
import { etagFor, CACHE_CONTROL } from '@/lib/http';
import { renderPreviewPng } from '@/lib/preview-image';
import { getStore } from '@/lib/store';
import { layerVisible } from '@/lib/url-state';

export async function GET(request: Request) {
  const store = getStore();
  const etag = etagFor(store.version, request);
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  const view = await resolveInitialView(Object.fromEntries(new URL(request.url).searchParams));
  const { title, description } = describeView(view);
  const subtitle = view.selected ? description : undefined;
  const ids = new Set(inDateRange(view.events ?? [], view.range.from, view.range.to).map((e) => e.properties.id));
  const events = layerVisible(view.state, 'events') ? (await store.listEvents({ from: view.range.from, to: view.range.to })).filter((e) => ids.has(e.properties.id)) : [];
  const movements = layerVisible(view.state, 'movements') ? inDateRange(view.movements, view.range.from, view.range.to) : [];
  const png = await renderPreviewPng({
    center: [view.view.lng, view.view.lat],
    zoom: view.view.zoom,
    bearing: view.view.bearing,
    events,
    movements,
    ...(view.selected ? { selectedId: view.selected.properties.id } : {}),
    title,
    ...(subtitle ? { subtitle } : {}),
  });
  return new Response(new Uint8Array(png), {
    headers: { 'Content-Type': 'image/png', 'Content-Length': String(png.length), ETag: etag, 'Cache-Control': CACHE_CONTROL },
  });
}
