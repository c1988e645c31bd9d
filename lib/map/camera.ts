// Where the camera goes when a link names no view: shared by the server render and the client.
import type { ViewState } from '../url-state';

/** The Middle East from the Levant to Iran: where the seed articles happen. */
export const DEFAULT_VIEW: ViewState = { zoom: 3.6, lat: 31.5, lng: 44, bearing: 0, pitch: 0 };
/** Close enough to read an event's place, far enough to see its neighbours. */
export const EVENT_ZOOM = 6;
/** A movement's destination with room for the arc arriving at it. */
export const MOVEMENT_ZOOM = 4.5;
