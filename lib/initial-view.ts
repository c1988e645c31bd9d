// What the server needs to render a permalink with no flash of the default view: the parsed URL
// state checked against the data (unknown ids dropped), the date range (the data's crisis window
// when the link names none), and the data the first paint shows.
import 'server-only';
import { formatInterval } from './dates';
import { summarizeEvent, inDateRange, type EventSummaryFeature } from './events';
import type { Filter } from './filters';
import { getStore, type Store } from './store';
import { clampRange, defaultWindow, type DateRange } from './timeline';
import type { Actor, EventFeature, MovementFeature } from './types';
import { parseUrlState, type UrlState, type ViewState } from './url-state';

/** The Middle East from the Levant to Iran: where the seed articles happen. */
export const DEFAULT_VIEW: ViewState = { zoom: 3.6, lat: 31.5, lng: 44, bearing: 0, pitch: 0 };
export const EVENT_ZOOM = 6;

/** Beyond this many events the first paint fetches them instead of inlining them in the HTML. */
const INLINE_LIMIT = 5000;

export interface InitialView {
  state: UrlState;
  /** the range the timeline starts on: the link's, else the crisis window */
  range: DateRange;
  defaultRange: DateRange;
  domain: DateRange;
  view: ViewState;
  /** all events matching the non-date filters (null when too many to inline) */
  events: EventSummaryFeature[] | null;
  movements: MovementFeature[];
  selected: EventFeature | null;
  actors: Actor[];
  articleCount: number;
  version: string;
}

export function nonDateFilter(s: UrlState): Filter {
  return {
    ...(s.categories ? { categories: s.categories } : {}),
    ...(s.actor ? { actors: [s.actor] } : {}),
    ...(s.q ? { q: s.q } : {}),
  };
}

const defaultsByStore = new WeakMap<Store, Promise<{ domain: DateRange; defaultRange: DateRange }>>();

/** The data's span and crisis window depend only on the store: computed once, not per request. */
function dataDefaults(store: Store) {
  let d = defaultsByStore.get(store);
  if (!d) {
    d = (async () => {
      const extent = await store.extent();
      const domain = { from: extent.start, to: extent.end };
      const items = (await store.listEvents({})).map((f) => f.properties);
      // The crisis window, padded, but never past the data.
      return { domain, defaultRange: clampRange(defaultWindow(items), domain) };
    })();
    defaultsByStore.set(store, d);
  }
  return d;
}

export async function resolveInitialView(params: Record<string, string | string[] | undefined>): Promise<InitialView> {
  const store = getStore();
  const state = parseUrlState(params);
  const actors = [...(await store.listActors())].sort((a, b) => a.name.localeCompare(b.name));
  if (state.actor && !actors.some((a) => a.id === state.actor)) delete state.actor;
  const selected = state.event ? await store.getEvent(state.event) : null;
  if (!selected) delete state.event;

  const { domain, defaultRange } = await dataDefaults(store);
  // A link's range is kept inside the data's span, so the inputs, counts and preview all agree.
  const range = clampRange({ from: state.from ?? defaultRange.from, to: state.to ?? defaultRange.to }, domain);
  if (state.from) state.from = range.from;
  if (state.to) state.to = range.to;

  const filter = nonDateFilter(state);
  const events = (await store.listEvents(filter)).map(summarizeEvent);
  const movements = await store.listMovements(filter);
  const view =
    state.map ??
    (selected ? { ...DEFAULT_VIEW, zoom: EVENT_ZOOM, lng: selected.geometry.coordinates[0]!, lat: selected.geometry.coordinates[1]! } : DEFAULT_VIEW);

  return {
    state,
    range,
    defaultRange,
    domain,
    view,
    events: events.length <= INLINE_LIMIT ? events : null,
    movements,
    selected,
    actors,
    articleCount: (await store.listArticles()).length,
    version: store.version,
  };
}

/** Title and description for link previews: the selected event, or the range and its counts. */
export function describeView(v: InitialView): { title: string; description: string } {
  if (v.selected) {
    const p = v.selected.properties;
    return {
      title: `${p.title} — ${formatInterval(p)}, ${p.place.name}`,
      description: `${p.summary} (${p.corroboration} source${p.corroboration === 1 ? '' : 's'})`,
    };
  }
  const events = v.events ? inDateRange(v.events, v.range.from, v.range.to).length : 0;
  const movements = inDateRange(v.movements, v.range.from, v.range.to).length;
  const span = formatInterval({ start: v.range.from, end: v.range.to, precision: 'day' });
  return {
    title: `${span} · ${events} event${events === 1 ? '' : 's'} · ${movements} movement${movements === 1 ? '' : 's'}`,
    description: 'Situation Map: what happened where and when, with the exact words of every source.',
  };
}
