// The fixed vocabularies, free of zod so client components can import them without shipping it.
export const CATEGORIES = ['strike', 'killing', 'visit', 'meeting', 'statement', 'arms-transfer', 'diplomacy', 'arrest', 'political', 'incident'] as const;
export type Category = (typeof CATEGORIES)[number];

export const DATE_PRECISIONS = ['day', 'week', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const PLACE_PRECISIONS = ['point', 'city', 'region', 'country'] as const;
export type PlacePrecision = (typeof PLACE_PRECISIONS)[number];

export const MOVEMENT_KINDS = ['travel', 'arms', 'attack'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const MOVEMENT_STATUSES = ['reported', 'alleged', 'considered'] as const;

/** Where an event's evidence comes from: quoted articles, or a machine-coded feed (GDELT) with no quote. */
export const SOURCE_TYPES = ['article', 'feed'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
