// Build of the bot (`nest build accord`): Nest's webpack defaults, plus the taste model's worker
// thread as a second entry, so it loads only what training needs (dist/apps/accord/taste-model.worker.js).
const path = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: {
    main: options.entry,
    'taste-model.worker': path.resolve(__dirname, 'src/domain/taste-model/taste-model.worker-entry.ts'),
  },
  // Nest names the bundle after the app's folder (apps/accord/main.js): the worker goes beside it.
  output: { ...options.output, filename: path.join(path.dirname(options.output.filename), '[name].js') },
});
