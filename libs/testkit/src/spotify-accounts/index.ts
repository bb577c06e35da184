export * from './spotify-accounts-stand-in';
