export * from './recorded-spotify';
