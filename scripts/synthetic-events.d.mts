// Types for the plain-JavaScript benchmark generator, so TypeScript tests can import it.
import type { EventFeature } from '../lib/types';

export declare const CATEGORIES: string[];
export declare const BBOX: { west: number; south: number; east: number; north: number };
export declare const DATE_FROM: string;
export declare const DATE_TO: string;
export declare const DENSE_FROM: string;
export declare function prng(seed: number): () => number;
export declare function syntheticEvents(n: number, opts?: { seed?: number; denseShare?: number }): EventFeature[];
export declare function writeSyntheticEvents(n: number, file: string, opts?: { seed?: number; denseShare?: number }): void;
