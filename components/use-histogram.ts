'use client';
// One server histogram for the timeline (GET /api/events/histogram), keyed by its URL. While the same
// filters load on another window or width, the previous answer stays on screen (drawn by its dates on
// the new axis); an answer for other filters is never shown as current: no bars until theirs arrive.
import useSWR from 'swr';
import type { StoreHistogram } from '@/lib/store/contract';
import type { BinSpec, DateRange } from '@/lib/timeline';
import { histogramUrl } from '@/lib/url-state';
import { fetchJson } from './use-view-data';

/** An answer with the request it answers, so a kept previous answer can be told apart. */
interface Answer {
  url: string;
  filters: string;
  histogram: StoreHistogram;
}

const fetchAnswer = async ([url, filters]: readonly [string, string]): Promise<Answer> => ({ url, filters, histogram: await fetchJson<StoreHistogram>(url) });

// The store's data changes on import only: no refetch on focus or remount; the HTTP cache revalidates.
const OPTS = { revalidateOnFocus: false, revalidateIfStale: false, keepPreviousData: true } as const;

export interface HistogramState {
  /** for these filters: the current request's answer, or while it loads the previous window's */
  histogram: StoreHistogram | null;
  /** what is shown is not (yet) the current request's answer */
  loading: boolean;
  failed: boolean;
}

/** `window` or `bins` null: nothing to ask yet (the chart has not been measured). */
export function useHistogram(filters: string, window: DateRange | null, bins: BinSpec | null): HistogramState {
  const url = window && bins ? histogramUrl(filters, window, bins) : null;
  const { data, error } = useSWR(url ? ([url, filters] as const) : null, fetchAnswer, OPTS);
  const shown = data && data.filters === filters ? data : null;
  const current = !!url && shown?.url === url;
  return { histogram: shown?.histogram ?? null, loading: !current && !error, failed: !current && !!error };
}
