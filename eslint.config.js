// Lint: typescript-eslint's recommended rules plus the layering rule that keeps
// data flowing one way (ingest → store → analytics → surfaces).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders each layer may not import from (relative to src/). */
const layering = {
  core: ['pricing', 'store', 'ingest', 'analytics', 'stream', 'notify', 'server', 'web', 'cli', 'demo'],
  pricing: ['store', 'ingest', 'analytics', 'stream', 'notify', 'server', 'web', 'cli', 'demo'],
  store: ['pricing', 'ingest', 'analytics', 'stream', 'notify', 'server', 'web', 'cli', 'demo'],
  ingest: ['analytics', 'stream', 'notify', 'server', 'web', 'cli', 'demo'],
  analytics: ['ingest', 'stream', 'notify', 'server', 'web', 'cli', 'demo'],
  demo: ['server', 'web', 'cli'],
};

const layerConfigs = Object.entries(layering).map(([layer, banned]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: banned.map((b) => ({
        group: [`**/${b}/*`, `**/${b}/**`, `../${b}`, `../../${b}`],
        message: `${layer}/ must not import ${b}/ (data flows one way; see DESIGN.md)`,
      })),
    }],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.outlay/**', 'out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  ...layerConfigs,
  {
    // The CLI edge, scripts and benchmarks write to the terminal on purpose.
    files: ['src/cli/**/*.ts', 'scripts/**', 'bench/**', 'bin/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
