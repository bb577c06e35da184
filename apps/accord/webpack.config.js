// Build of the bot (`nest build accord`): Nest's webpack defaults, changed for memory (figures in
// BENCHMARKS.md, Process). V8 holds the source text of every script the bot loads for as long as it
// runs, so the build bundles the packages too, minified, rather than leaving them to node_modules
// with their comments: one script per package (dist/apps/accord/packages/<name>.js, loaded at boot;
// one script of everything made glibc keep 28 MB of parser memory), and ASCII only (one character
// beyond it makes V8 keep the whole script as two-byte text). The taste model's worker thread is an
// entry of its own, so it loads only what training needs (dist/apps/accord/taste-model.worker.js).
const fs = require('node:fs');
const path = require('node:path');
const TerserPlugin = require('terser-webpack-plugin');

const LOCALES = path.resolve(__dirname, '../../libs/i18n/locales');
/** Read from their own folder at runtime (the Swagger UI's files): left in node_modules. */
const LEFT_IN_NODE_MODULES = ['swagger-ui-dist'];

const packageOf = (request) =>
  request
    .split('/')
    .slice(0, request.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * What stays a runtime `require`: Node's modules (externalsPresets.node), LEFT_IN_NODE_MODULES, and
 * every optional package that is not installed (Nest's microservices and Express adapter, discord.js's
 * and mongodb's native add-ons, Terminus's ORMs): the package's own fallback then runs as it did
 * unbundled, when `require` throws.
 */
function leftOutside({ context, request }, callback) {
  if (!request || request.startsWith('.') || path.isAbsolute(request) || request.startsWith('@accord/')) {
    return callback();
  }
  if (LEFT_IN_NODE_MODULES.includes(packageOf(request))) return callback(null, `commonjs ${request}`);
  try {
    require.resolve(request, { paths: [context] });
  } catch {
    return callback(null, `commonjs ${request}`);
  }
  return callback();
}

/**
 * Every language but English is read when a message of it is first asked for (libs/i18n's
 * resources.ts `require`s each file in a function): those files stay out of the bundle and are
 * required from copies beside it (dist/apps/accord/locales/<language>/<namespace>.json).
 */
function otherLanguageFiles({ context, request }, callback) {
  const file = context && request?.endsWith('.json') ? path.relative(LOCALES, path.resolve(context, request)) : '';
  const [language] = file.split(path.sep);
  if (file === '' || file.startsWith('..') || path.isAbsolute(file) || language === 'en') return callback();
  return callback(null, `commonjs ./locales/${file.split(path.sep).join('/')}`);
}

/** Writes those copies (minified JSON) into the output, beside the bundle. */
class OtherLanguageFilesPlugin {
  /** @param {string} outputDir the bundle's folder inside the output path */
  constructor(outputDir) {
    this.outputDir = outputDir;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(OtherLanguageFilesPlugin.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: OtherLanguageFilesPlugin.name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const language of fs.readdirSync(LOCALES)) {
            if (language === 'en') continue;
            for (const name of fs.readdirSync(path.join(LOCALES, language))) {
              if (!name.endsWith('.json')) continue;
              const file = path.join(LOCALES, language, name);
              compilation.fileDependencies.add(file);
              const minified = JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')));
              compilation.emitAsset(`${this.outputDir}/locales/${language}/${name}`, new sources.RawSource(minified));
            }
          }
        },
      );
    });
  }
}

/**
 * Fails the build when a script still holds a character beyond ASCII after minification: Terser
 * escapes them everywhere but in raw template text (String.raw), which raw-template-escapes.loader.js
 * escapes in Accord's code; this catches what neither reached.
 */
class AsciiOnlyPlugin {
  apply(compiler) {
    const { Compilation, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(AsciiOnlyPlugin.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: AsciiOnlyPlugin.name, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          for (const [name, asset] of Object.entries(assets)) {
            if (!name.endsWith('.js')) continue;
            const text = asset.source().toString();
            const at = text.search(/[^\x00-\x7f]/);
            if (at < 0) continue;
            compilation.errors.push(
              new WebpackError(
                `${name} holds a character beyond ASCII, near ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}: ` +
                  'write it as a \\u escape in the source (V8 would keep the whole script as two-byte text).',
              ),
            );
          }
        },
      );
    });
  }
}

/**
 * Terminus's `require(name)` of the packages its own indicators need (ORMs, gRPC) would bundle its
 * whole folder: an empty context instead. The bot uses none of those indicators, their only callers.
 */
const terminusOptionalPackages = {
  apply: (compiler) =>
    new compiler.webpack.ContextReplacementPlugin(/@nestjs[\\/]terminus[\\/]dist[\\/]utils$/, '.', false, /(?!)/).apply(
      compiler,
    ),
};

module.exports = (options) => {
  // Nest names the bundle after the app's folder (apps/accord/main.js): the rest goes beside it.
  const outputDir = path.dirname(options.output.filename);
  return {
    ...options,
    entry: {
      main: options.entry,
      'taste-model.worker': path.resolve(__dirname, 'src/domain/taste-model/taste-model.worker-entry.ts'),
    },
    output: { ...options.output, filename: path.join(outputDir, '[name].js') },
    module: {
      ...options.module,
      rules: [
        ...options.module.rules,
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          enforce: 'pre',
          loader: path.resolve(__dirname, 'raw-template-escapes.loader.js'),
        },
      ],
    },
    externals: [otherLanguageFiles, leftOutside],
    plugins: [
      ...options.plugins,
      new OtherLanguageFilesPlugin(outputDir),
      new AsciiOnlyPlugin(),
      terminusOptionalPackages,
    ],
    optimization: {
      ...options.optimization,
      splitChunks: {
        chunks: (chunk) => chunk.name === 'main',
        minSize: 0,
        cacheGroups: {
          defaultVendors: false,
          default: false,
          packages: {
            test: /[\\/]node_modules[\\/]/,
            filename: path.join(outputDir, 'packages', '[name].js'),
            name: (module) => packageOf(/.*[\\/]node_modules[\\/](.*)/.exec(module.context)[1]).replace('/', '+'),
          },
        },
      },
      minimize: true,
      minimizer: [
        new TerserPlugin({
          extractComments: false,
          terserOptions: {
            // Nest, Swagger and mongoose read class names (logger contexts, schema and model names).
            keep_classnames: true,
            keep_fnames: true,
            format: { ascii_only: true, comments: false },
          },
        }),
      ],
    },
  };
};
