export * from './lastfm-user-stand-in';
