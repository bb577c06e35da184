export * from './deezer-api-stand-in';
export * from './deezer-shapes';
