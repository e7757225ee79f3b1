// Precompiles schema/batch.schema.json into dist/config/schema-standalone.generated.js with ajv's
// standalone code, so `batchctl validate` does not compile the schema on every run.
// Run by `npm run build` after tsc: it uses the built generator (src/config/schema-standalone-code.ts)
// so the build and the run-time fallback share one set of ajv options.
// `--out <file>` writes elsewhere (tests).
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

const generator = new URL('../dist/config/schema-standalone-code.js', import.meta.url)
const {standaloneModule} = await import(generator.href).catch((error) => {
  throw new Error(`cannot load ${fileURLToPath(generator)}: run tsc first (npm run build does)`, {cause: error})
})
const {precompiledModuleName} = await import(new URL('../dist/config/schema-precompiled.js', import.meta.url).href)

const outAt = process.argv.indexOf('--out')
const out = outAt === -1 ? fileURLToPath(new URL(`../dist/config/${precompiledModuleName}`, import.meta.url)) : process.argv[outAt + 1]
if (!out) throw new Error('--out needs a file name')
const text = await readFile(new URL('../schema/batch.schema.json', import.meta.url), 'utf8')
await mkdir(dirname(out), {recursive: true})
await writeFile(out, standaloneModule(text))
