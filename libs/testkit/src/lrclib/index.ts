export * from './recorded-lrclib';
