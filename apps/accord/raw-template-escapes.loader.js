// Webpack loader for the bot's own TypeScript (apps/accord/webpack.config.js): writes each character
// beyond ASCII inside a String.raw template as a \u escape. In Accord, String.raw templates are
// RegExp sources (libs/track-identity), where RegExp reads \u00e9 as é; Terser escapes such
// characters everywhere but in raw template text, and a single one left makes V8 keep the whole
// script as two-byte text.
module.exports = function rawTemplateEscapes(source) {
  return source.replace(/String\.raw`[^`]*`/g, (template) =>
    template.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
};
