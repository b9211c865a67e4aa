// @ts-check
// Type-aware lint, run by `npm test` (see test/rig) and `npm run lint`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.cache/**', '**/*.js', '**/*.mjs', '**/*.d.ts'] },
  {
    files: ['**/*.ts'],
    // The recommended set, and the type-aware rules that catch lost promises and unhandled cases;
    // the no-unsafe-* family is not on (yet): JSON read from processes and YAML is `unknown`-typed
    // at the boundaries that matter, and tests read it loosely on purpose.
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      // Type declarations of an untyped module (test/integration/textmateTypes.ts) are namespaces by nature.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
);
