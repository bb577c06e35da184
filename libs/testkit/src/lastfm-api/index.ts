export * from './lastfm-api-stand-in';
export * from './lastfm-shapes';
