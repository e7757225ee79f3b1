// Lint encodes the layering rules: AWS SDK only in adapters (src/aws) and the emulator
// (src/local), Ink/React only in views (src/ui), no process.exit anywhere in src.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', {patterns: patterns.map((group) => ({group: [group], message}))}],
})

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**', '.tmp/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/aws/**', 'src/local/**'],
    rules: restrict(['@aws-sdk/*'], 'Only adapters in src/aws (and the emulator) import the AWS SDK.'),
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/ui/**'],
    rules: {
      ...restrict(['ink', 'ink/*', 'react'], 'Ink and React belong to the views in src/ui.'),
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-properties': ['error', {object: 'process', property: 'exit', message: 'Throw a typed error; oclif sets the exit code.'}],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', 'bench/**/*.mjs', '.ci/**'],
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly'}},
  },
)
