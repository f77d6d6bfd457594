import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['it', 'describe', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // The core is pure: no I/O, no platform, no rendering libraries.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/**/test-support.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'child_process', 'os'],
              message: 'src/core is pure: no I/O.',
            },
            {
              group: ['docx', 'exceljs', 'pg', '@electric-sql/*', 'fastify', 'react', 'commander'],
              message: 'src/core is pure: no rendering, storage, HTTP or CLI libraries.',
            },
            {
              group: [
                '**/cli/**',
                '**/reports/**',
                '**/storage/**',
                '**/server/**',
                '**/app/**',
                '**/importers/**',
              ],
              message: 'src/core imports nothing outside the core.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may state what they know.
    files: ['**/*.test.ts', 'test/**/*.ts', 'src/core/**/test-support.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The web application: event handlers are arrow shorthands by React habit.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
