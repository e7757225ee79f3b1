import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration tests start emulators and child processes; the machines are shared and slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
