// Writes oclif.manifest.json from the built commands in dist/ (run `npm run build` first).
// `node scripts/manifest.mjs --check` exits 1 when the committed manifest is stale.
import {Plugin} from '@oclif/core'
import {readFile, writeFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'

// As a user runs it: under NODE_ENV=test oclif would look for TypeScript sources instead of dist/.
process.env.NODE_ENV = 'production'

const root = fileURLToPath(new URL('..', import.meta.url))
const plugin = new Plugin({root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, isRoot: true})
await plugin.load()
const text = JSON.stringify({...plugin.manifest, version: plugin.manifest.version}, null, 2) + '\n'
const target = new URL('../oclif.manifest.json', import.meta.url)
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '')
  if (current !== text) {
    console.error('oclif.manifest.json is stale: run `npm run build && npm run manifest` and commit it.')
    process.exitCode = 1
  }
} else {
  await writeFile(target, text)
}
