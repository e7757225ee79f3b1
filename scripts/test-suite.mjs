// Runs vitest and closes with one plain line "tests: N passed, N failed, N skipped" that CI
// reads (vitest's own summary is not one of the formats it knows).
import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync} from 'node:fs'

const args = process.argv.slice(2)
const labelAt = args.indexOf('--label')
const label = labelAt === -1 ? `node${process.versions.node.split('.')[0]}` : args.splice(labelAt, 2)[1]
mkdirSync('.tmp', {recursive: true})
const out = `.tmp/vitest-${label}.json`
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args],
  {stdio: 'inherit'},
)
let summary = 'no test result file'
try {
  const result = JSON.parse(readFileSync(out, 'utf8'))
  const skipped = result.numPendingTests + result.numTodoTests
  summary = `${result.numPassedTests} passed, ${result.numFailedTests} failed, ${skipped} skipped`
} catch {
  // vitest did not write its report (crashed before the run): the summary says so.
}
console.log(`${label}: ${summary}`)
process.exitCode = run.status ?? 1
