// Generates src/config/types.generated.ts from schema/batch.schema.json, so the TypeScript
// types can never drift from the schema users' editors see. `--check` exits 1 when stale.
import {compile} from 'json-schema-to-typescript'
import {readFile, writeFile} from 'node:fs/promises'
import {pathToFileURL} from 'node:url'

const schemaUrl = new URL('../schema/batch.schema.json', import.meta.url)
const target = new URL('../src/config/types.generated.ts', import.meta.url)

/** Returns the TypeScript source generated from the schema (exported for the staleness test). */
export async function generateTypes() {
  const schema = JSON.parse(await readFile(schemaUrl, 'utf8'))
  // The generator treats `$id` as a file to resolve; the types do not need it.
  delete schema.$id
  stripRefSiblings(schema)
  const text = await compile(schema, 'BatchConfig', {
    bannerComment:
      '/* eslint-disable */\n/**\n * GENERATED from schema/batch.schema.json by scripts/gen-types.mjs — do not edit.\n * Run `node scripts/gen-types.mjs` after changing the schema.\n */',
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    format: true,
    // minItems/maxItems would turn arrays into unions of tuples; plain arrays are what code wants.
    maxItems: -1,
    ignoreMinAndMaxItems: true,
    style: {singleQuote: true, semi: false, printWidth: 110, bracketSpacing: false},
  })
  // strictIndexSignatures puts `| undefined` on union aliases used in maps (`Image`); the map's
  // index signature already says `| undefined`, and the alias itself should not.
  return text.replace(/^(export type \w+ = .+) \| undefined$/gm, '$1')
}

/**
 * A `$ref` with sibling `description`/`examples` (there for editors) makes the generator emit a
 * fresh copy of the referenced type (Tags1, Tags2, ...); without the siblings each type is emitted once.
 */
function stripRefSiblings(node) {
  if (Array.isArray(node)) {
    for (const item of node) stripRefSiblings(item)
  } else if (node !== null && typeof node === 'object') {
    if (typeof node.$ref === 'string') {
      delete node.description
      delete node.examples
    }
    // "Exactly one of" rules (`oneOf: [{required: [a]}, {required: [b]}]`) only validate; the
    // generator would turn them into `{[k: string]: unknown}`, losing the object's properties.
    for (const key of ['oneOf', 'allOf']) {
      if (Array.isArray(node[key]) && node[key].every(isRequiredOnly)) delete node[key]
    }
    for (const value of Object.values(node)) stripRefSiblings(value)
  }
}

/** A schema that only requires keys (repeating them under `properties`), or combines such schemas. */
function isRequiredOnly(schema) {
  const keys = Object.keys(schema).sort().join(',')
  if (keys === 'required' || keys === 'properties,required') return true
  if (keys === 'oneOf' || keys === 'allOf') return schema[keys].every(isRequiredOnly)
  return false
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
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
