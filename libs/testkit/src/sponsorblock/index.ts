export * from './sponsorblock-shapes';
export * from './sponsorblock-stand-in';
