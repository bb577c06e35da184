export * from './recorded-deezer';
