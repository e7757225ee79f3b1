// Generates src/config/types.generated.ts from schema/batch.schema.json, so the TypeScript
// types can never drift from the schema users' editors see. `--check` exits 1 when stale.
import {compile} from 'json-schema-to-typescript'
import {readFile, writeFile} from 'node:fs/promises'

const schemaUrl = new URL('../schema/batch.schema.json', import.meta.url)
const target = new URL('../src/config/types.generated.ts', import.meta.url)

/** Returns the TypeScript source generated from the schema (exported for the staleness test). */
export async function generateTypes() {
  const schema = JSON.parse(await readFile(schemaUrl, 'utf8'))
  // The generator treats `$id` as a file to resolve; the types do not need it.
  delete schema.$id
  return compile(schema, 'BatchConfig', {
    bannerComment:
      '/* eslint-disable */\n/**\n * GENERATED from schema/batch.schema.json by scripts/gen-types.mjs — do not edit.\n * Run `node scripts/gen-types.mjs` after changing the schema.\n */',
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    format: true,
    style: {singleQuote: true, semi: false, printWidth: 110, bracketSpacing: false},
  })
}

const isMain = import.meta.url === new URL(process.argv[1] ?? '', 'file://').href
if (isMain) {
  const text = await generateTypes()
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '')
    if (current !== text) {
      console.error('src/config/types.generated.ts is stale: run `node scripts/gen-types.mjs`.')
      process.exitCode = 1
    }
  } else {
    await writeFile(target, text)
  }
}
