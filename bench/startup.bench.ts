// Start-up: batchctl --version and validate, as ratios to `node -e 0` and to a bare oclif 4 CLI,
// measured side by side. Target: --version within 1.1x of the bare oclif command. `validate` runs
// twice: as built (schema validator precompiled at build time) and from a copy of the build
// without the precompiled module (ajv compiles the schema on every run, as before it existed).
import {cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {type CommandCase, interleaved, machine, writeSection} from './lib.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const node = process.execPath
const batchctl = `${root}bin/run.js`
const bare = `${root}bench/bare-oclif/bin/run.js`

function largestExample(): string | undefined {
  const dir = `${root}examples`
  if (!existsSync(dir)) return undefined
  const files = readdirSync(dir)
    .map((name) => `${dir}/${name}/batch.yaml`)
    .filter((file) => existsSync(file))
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0]
}

/**
 * A copy of the built package (bin, dist, schema, manifest; node_modules linked) without
 * dist/config/schema-standalone.generated.js, so its `validate` compiles the schema at run time:
 * the "before" of the precompiled validator, measured in the same run. Undefined when the build
 * has no precompiled module (nothing to compare).
 */
function buildWithoutPrecompiled(): string | undefined {
  const generated = 'dist/config/schema-standalone.generated.js'
  if (!existsSync(`${root}${generated}`)) return undefined
  const copy = `${root}bench/out/startup-runtime-compile/`
  rmSync(copy, {recursive: true, force: true})
  mkdirSync(copy, {recursive: true})
  for (const entry of ['bin', 'dist', 'schema', 'package.json', 'oclif.manifest.json']) cpSync(`${root}${entry}`, `${copy}${entry}`, {recursive: true})
  rmSync(`${copy}${generated}`)
  symlinkSync(`${root}node_modules`, `${copy}node_modules`, 'dir')
  return `${copy}bin/run.js`
}

export async function run({runs = Number(process.env.BENCH_RUNS ?? 21)} = {}) {
  const example = largestExample()
  const cases: CommandCase[] = [
    {name: 'node -e 0', argv: [node, '-e', '0']},
    {name: 'bare oclif --version', argv: [node, bare, '--version']},
    {name: 'bare oclif hello', argv: [node, bare, 'hello']},
    {name: 'batchctl --version', argv: [node, batchctl, '--version']},
    {name: 'batchctl --help', argv: [node, batchctl, '--help']},
  ]
  const validateName = example && `batchctl validate ${example.slice(root.length)}`
  const compiling = example && buildWithoutPrecompiled()
  const compilingName = `${validateName} (schema compiled at run time)`
  if (example) cases.push({name: validateName!, argv: [node, batchctl, 'validate', '-f', example]})
  if (example && compiling) cases.push({name: compilingName, argv: [node, compiling, 'validate', '-f', example]})
  const results = interleaved(cases, runs)
  const byName = Object.fromEntries(results.map((r) => [r.name, r]))
  const nodeMs = byName['node -e 0']!.median
  const bareMs = byName['bare oclif --version']!.median
  const rows = results.map(
    (r) => `| ${r.name} | ${r.median.toFixed(1)} | ${(r.median / nodeMs).toFixed(2)}× | ${(r.median / bareMs).toFixed(2)}× |`,
  )
  const versionRatio = byName['batchctl --version']!.median / bareMs
  const validateMs = validateName ? byName[validateName]?.median : undefined
  const compilingMs = byName[compilingName]?.median
  const validateLine =
    validateMs !== undefined && compilingMs !== undefined
      ? `\n\n\`validate\` / bare oclif \`--version\`: **${(validateMs / bareMs).toFixed(2)}×** with the schema validator precompiled at build time (\`scripts/compile-schema.mjs\`), ${(compilingMs / bareMs).toFixed(2)}× when ajv compiles the schema on every run (a copy of the build without \`dist/config/schema-standalone.generated.js\`, same run); precompiled / compiled: ${(validateMs / compilingMs).toFixed(2)}×.`
      : ''
  writeSection(
    'startup',
    `## Start-up (\`bench/startup.bench.ts\`)

${machine()}; median of ${runs} interleaved runs per command.

| command | median ms | vs \`node -e 0\` | vs bare oclif \`--version\` |
|---|---|---|---|
${rows.join('\n')}

\`batchctl --version\` / bare oclif \`--version\`: **${versionRatio.toFixed(2)}×** (target ≤ 1.10×).${validateLine}`,
  )
  return {versionRatio, ...(validateMs !== undefined && compilingMs !== undefined ? {precompiledVsCompiled: validateMs / compilingMs} : {})}
}
