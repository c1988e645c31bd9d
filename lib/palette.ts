// One palette for the map layers, the legend, the timeline and the preview image. Violent acts warm,
// contact and diplomacy cool, material flows brown/amber; hues and lightness spread so neighbours
// stay apart under the common colour-vision deficiencies.
import type { Category, MovementKind } from './types';

export const CATEGORY_COLORS: Record<Category, string> = {
  strike: '#d62728',
  killing: '#8c1c13',
  visit: '#1f77b4',
  meeting: '#17a2b8',
  statement: '#7b8ea8',
  'arms-transfer': '#a6611a',
  diplomacy: '#6a3d9a',
  arrest: '#d33f9a',
  political: '#2e9e44',
  incident: '#f0a202',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  strike: 'Strike',
  killing: 'Killing',
  visit: 'Visit',
  meeting: 'Meeting',
  statement: 'Statement',
  'arms-transfer': 'Arms transfer',
  diplomacy: 'Diplomacy',
  arrest: 'Arrest',
  political: 'Political',
  incident: 'Incident',
};

export const MOVEMENT_COLORS: Record<MovementKind, string> = {
  travel: '#2b6cb0',
  arms: '#a6611a',
  attack: '#c81e1e',
};

export const MOVEMENT_LABELS: Record<MovementKind, string> = {
  travel: 'Trip',
  arms: 'Arms flow',
  attack: 'Attack',
};

/** For filters and counts: "Trips", "Arms flows", "Attacks". */
export const MOVEMENT_PLURAL: Record<MovementKind, string> = {
  travel: 'Trips',
  arms: 'Arms flows',
  attack: 'Attacks',
};

/**
 * Outline of a country that a country-level place stands for. Neutral, not a category colour: one
 * country may hold events of several categories, and the outline says where, not what.
 */
export const COUNTRY_AREA_COLOR = '#3d4a5c';
