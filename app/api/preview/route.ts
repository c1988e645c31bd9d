// The link-preview image of a permalink: takes the page's own query (same parsing, same clamping,
// so a preview never fails where the page would open) and draws that state.
import { queryTooLong, rateLimited } from '@/lib/api-guard';
import { PAGE } from '@/lib/limits';
import { cached } from '@/lib/http';
import { describeView, eventFilter, itemFilter, resolveInitialView } from '@/lib/initial-view';
import { renderPreviewPng } from '@/lib/preview/render';
import { makeViewport, viewportBbox } from '@/lib/preview/viewport';
import { getStore } from '@/lib/store';
import { layerVisible, sourceTypesShown } from '@/lib/url-state';

export async function GET(request: Request) {
  const refused = queryTooLong(request) ?? rateLimited(request, 'queries');
  if (refused) return refused;
  const store = getStore();
  return cached(request, await store.revision(), async () => {
    const view = await resolveInitialView(new URL(request.url).searchParams);
    const { title, description } = describeView(view);
    const { from, to } = view.range;
    const bbox = viewportBbox(makeViewport([view.view.lng, view.view.lat], view.view.zoom, view.view.bearing));
    // What the card shows, newest first: with more than a page in view, the crisis still draws.
    const events = sourceTypesShown(view.state).length ? (await store.events({ ...eventFilter(view.state), from, to, bbox }, { limit: PAGE.max, fields: 'full', order: 'desc' })).items : [];
    const movements = layerVisible(view.state, 'movements') ? await store.movements({ ...itemFilter(view.state), from, to }) : [];
    const png = await renderPreviewPng({
      center: [view.view.lng, view.view.lat],
      zoom: view.view.zoom,
      bearing: view.view.bearing,
      events,
      movements,
      title,
      ...(view.selected ?? view.selectedMovement ? { selectedId: (view.selected ?? view.selectedMovement)!.properties.id, subtitle: description } : {}),
    });
    return { body: new Uint8Array(png), contentType: 'image/png' };
  });
}
