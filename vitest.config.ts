import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration tests start emulators and child processes; the machines are shared and slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The SDK's Node < 22 notice is not ours to print (bin/run.js sets the same).
    env: {AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
  },
})
