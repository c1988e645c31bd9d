// What the server needs to render a permalink with no flash of the default view: the URL resolved
// against the data (lib/resolve-view), the camera, and the data the first paint shows, keyed by the
// very API URLs the client would fetch, so the browser's cache starts where the server left off.
import 'server-only';
import { formatInterval } from './dates';
import { summarizeEvent, inDateRange, type EventSummaryFeature } from './events';
import type { Filter } from './filters';
import { resolveView, type DataFacts } from './resolve-view';
import { getStore, type Store } from './store';
import { clampRange, defaultWindow, presets, type DateRange, type Preset } from './timeline';
import type { Actor, EventFeature, MovementFeature } from './types';
import { apiUrl, parseUrlState, serializeUrlState, type UrlState, type ViewState } from './url-state';

/** The Middle East from the Levant to Iran: where the seed articles happen. */
export const DEFAULT_VIEW: ViewState = { zoom: 3.6, lat: 31.5, lng: 44, bearing: 0, pitch: 0 };
export const EVENT_ZOOM = 6;
const MOVEMENT_ZOOM = 4.5;

/** Beyond this many events the first paint fetches them instead of inlining them in the HTML. */
const INLINE_LIMIT = 5000;

export interface InitialView {
  /** the canonical query string of the resolved state (the address bar's, without '?') */
  search: string;
  state: UrlState;
  range: DateRange;
  facts: DataFacts;
  /** the timeline's presets, from all data, so their meaning does not move with the filters */
  presets: Preset[];
  /** the camera the map opens on */
  view: ViewState;
  /** API URL → response, for the client's data cache (only what the first paint needs) */
  fallback: Record<string, unknown>;
  selected: EventFeature | null;
  selectedMovement: MovementFeature | null;
  /** events matching the filters, in range (for the page's own title) */
  eventCount: number;
  movementCount: number;
  actors: Actor[];
  articleCount: number;
  version: string;
}

export function itemFilter(s: UrlState): Filter {
  return {
    ...(s.categories ? { categories: s.categories } : {}),
    ...(s.kinds ? { kinds: s.kinds } : {}),
    ...(s.actor ? { actors: [s.actor] } : {}),
    ...(s.q ? { q: s.q } : {}),
  };
}

interface StoreFacts {
  facts: DataFacts;
  presets: Preset[];
  actors: Actor[];
}
const factsByStore = new WeakMap<Store, Promise<StoreFacts>>();

/** The data's span, crisis window and actors depend only on the store: computed once, not per request. */
function storeFacts(store: Store): Promise<StoreFacts> {
  let f = factsByStore.get(store);
  if (!f) {
    f = (async () => {
      const extent = await store.extent();
      const domain = { from: extent.start, to: extent.end };
      const items = (await store.listEvents({})).map((e) => e.properties);
      const actors = [...(await store.listActors())].sort((a, b) => a.name.localeCompare(b.name));
      return {
        // The crisis window, padded, but never past the data.
        facts: { domain, defaultRange: clampRange(defaultWindow(items), domain), actorIds: actors.map((a) => a.id) },
        presets: presets(items, domain),
        actors,
      };
    })();
    factsByStore.set(store, f);
  }
  return f;
}

export async function resolveInitialView(params: Record<string, string | string[] | undefined> | URLSearchParams): Promise<InitialView> {
  const store = getStore();
  const { facts, presets: presetList, actors } = await storeFacts(store);
  const raw = parseUrlState(params);
  const selected = raw.event ? await store.getEvent(raw.event) : null;
  const selectedMovement = raw.movement ? await store.getMovement(raw.movement) : null;
  const { state, range } = resolveView(raw, facts, { event: () => !!selected, movement: () => !!selectedMovement });

  const filter = itemFilter(state);
  const events = (await store.listEvents(filter)).map(summarizeEvent);
  const movements = await store.listMovements(filter);
  const fallback: Record<string, unknown> = {
    [apiUrl(state, 'movements')]: { type: 'FeatureCollection', features: movements },
  };
  if (events.length <= INLINE_LIMIT) fallback[apiUrl(state, 'events')] = { type: 'FeatureCollection', features: events };
  if (selected) fallback[`/api/events/${selected.properties.id}`] = selected;
  if (selectedMovement) fallback[`/api/movements/${selectedMovement.properties.id}`] = selectedMovement;

  return {
    search: serializeUrlState(state),
    state,
    range,
    facts,
    presets: presetList,
    view: camera(state, selected, selectedMovement),
    fallback,
    selected,
    selectedMovement,
    eventCount: inDateRange(events, range.from, range.to).length,
    movementCount: inDateRange(movements, range.from, range.to).length,
    actors,
    articleCount: (await store.listArticles()).length,
    version: store.version,
  };
}

/** A link's own camera; else the selected item centred; else the region of the seed articles. */
function camera(s: UrlState, selected: EventFeature | null, movement: MovementFeature | null): ViewState {
  if (s.map) return s.map;
  if (selected) return { ...DEFAULT_VIEW, zoom: EVENT_ZOOM, lng: selected.geometry.coordinates[0]!, lat: selected.geometry.coordinates[1]! };
  if (movement) {
    const end = movement.geometry.coordinates[movement.geometry.coordinates.length - 1]!;
    return { ...DEFAULT_VIEW, zoom: MOVEMENT_ZOOM, lng: end[0]!, lat: end[1]! };
  }
  return DEFAULT_VIEW;
}

/** Title and description for link previews: the selected item, or the range and its counts. */
export function describeView(v: InitialView): { title: string; description: string } {
  const item = v.selected ?? v.selectedMovement;
  if (item) {
    const p = item.properties;
    const where = v.selected ? v.selected.properties.place.name : `${v.selectedMovement!.properties.origin.name} → ${v.selectedMovement!.properties.destination.name}`;
    const sources = new Set(p.sources.map((s) => s.article)).size;
    return {
      title: `${p.title} — ${formatInterval(p)}, ${where}`,
      description: `${p.summary} (${sources} source${sources === 1 ? '' : 's'})`,
    };
  }
  const events = v.eventCount;
  const movements = v.movementCount;
  const span = formatInterval({ start: v.range.from, end: v.range.to, precision: 'day' });
  return {
    title: `${span} · ${events} event${events === 1 ? '' : 's'} · ${movements} movement${movements === 1 ? '' : 's'}`,
    description: 'Situation Map: what happened where and when, with the exact words of every source.',
  };
}
