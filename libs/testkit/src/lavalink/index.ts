export * from './fake-lavalink-node';
export * from './fake-player';
export * from './payloads';
export * from './track-catalogue';
export { decodeTrack, encodeTrack } from './track-codec';
