export * from './fake-voice-server';
export * from './media-library';
export * from './lavalink-recording-proxy';
export * from './lavalink-test-client';
export { oggOpusPackets } from './ogg-opus';
export * from './real-lavalink-node';
export { testCertificates, type TestCertificates } from './test-ca';
