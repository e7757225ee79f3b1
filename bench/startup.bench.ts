// Start-up: batchctl --version and validate, as ratios to `node -e 0` and to a bare oclif 4 CLI,
// measured side by side. Target: --version within 1.1x of the bare oclif command.
import {existsSync, readdirSync, statSync} from 'node:fs'
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

export async function run({runs = Number(process.env.BENCH_RUNS ?? 21)} = {}) {
  const example = largestExample()
  const cases: CommandCase[] = [
    {name: 'node -e 0', argv: [node, '-e', '0']},
    {name: 'bare oclif --version', argv: [node, bare, '--version']},
    {name: 'bare oclif hello', argv: [node, bare, 'hello']},
    {name: 'batchctl --version', argv: [node, batchctl, '--version']},
    {name: 'batchctl --help', argv: [node, batchctl, '--help']},
  ]
  if (example) cases.push({name: `batchctl validate ${example.slice(root.length)}`, argv: [node, batchctl, 'validate', '-f', example]})
  const results = interleaved(cases, runs)
  const byName = Object.fromEntries(results.map((r) => [r.name, r]))
  const nodeMs = byName['node -e 0']!.median
  const bareMs = byName['bare oclif --version']!.median
  const rows = results.map(
    (r) => `| ${r.name} | ${r.median.toFixed(1)} | ${(r.median / nodeMs).toFixed(2)}× | ${(r.median / bareMs).toFixed(2)}× |`,
  )
  const versionRatio = byName['batchctl --version']!.median / bareMs
  writeSection(
    'startup',
    `## Start-up (\`bench/startup.bench.ts\`)

${machine()}; median of ${runs} interleaved runs per command.

| command | median ms | vs \`node -e 0\` | vs bare oclif \`--version\` |
|---|---|---|---|
${rows.join('\n')}

\`batchctl --version\` / bare oclif \`--version\`: **${versionRatio.toFixed(2)}×** (target ≤ 1.10×).`,
  )
  return {versionRatio}
}
