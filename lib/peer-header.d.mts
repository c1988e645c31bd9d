export declare const PEER_HEADER: 'x-situation-map-peer';
