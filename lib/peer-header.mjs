// The header scripts/start.mjs sets to the socket's peer address, overwriting any a client sent: a
// route handler sees no socket, and a client must not choose its own rate-limit bucket. Plain
// JavaScript so that the server script imports it as is.
export const PEER_HEADER = 'x-situation-map-peer';
