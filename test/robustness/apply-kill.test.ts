// Crash trials: `batchctl apply` is SIGKILLed at a seeded moment (before any change, between
// changes, mid-request or while waiting for a compute environment), then re-run until it
// succeeds. Whatever the moment, the re-run must converge: an empty plan, exactly the owned
// resources batch.yaml wants (none left over, none twice), untouched unowned resources, and no
// stale apply lock in the way.
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import pLimit from 'p-limit'
import {afterAll, describe, expect, it} from 'vitest'

import {Emulator} from '../../src/local/emulator.js'
import {seededRandom} from '../../src/local/faults.js'
import {type CliOutcome, runToEnd, startCli} from './cli-process.js'
import {inventoryProblems, settledInventory} from './inventory.js'
import {
  applyInProcess,
  createUnowned,
  generatedYaml,
  names,
  plannedSteps,
  projectModel,
  type ProjectSource,
  stringsIn,
  writeProject,
} from './trial-project.js'

const TRIALS = 20
const MAX_RERUNS = 4
const READ_OPERATIONS = /^(Describe|List|Get)/
// Trials run 4 at a time: each is mostly waiting (CLI start-up, emulator transitions), and the
// machine has 2 cores shared with other work.
const limit = pLimit(4)

/**
 * Trial i: which project, and whether it starts from nothing ("fresh") or from an applied first
 * revision that the killed apply edits (replacing on-demand compute environments, updating the
 * others and the queues, registering new job definition revisions).
 */
function trialSource(i: number): {source: ProjectSource; edit: boolean} {
  const examples = ['fargate-nightly', 'multinode-training', 'spot-array-pipeline']
  const slot = i % 4
  if (slot < 3) return {source: {example: examples[slot]!}, edit: false}
  return {source: {generated: 1, project: `gen${i}`}, edit: Math.floor(i / 4) % 2 === 0}
}

interface TrialReport {
  seed: number
  killed: boolean
  killAfterMutations: number
  mutationsBeforeKill: number
  staleLock: boolean
  /** A stale lock was left and the re-run took it over (and released it). */
  lockTakenOver: boolean
  reruns: number
}

const reports: TrialReport[] = []

/** SIGKILLs the running apply once `k` mutating calls have reached the emulator, `delayMs` later. */
async function killedApply(emulator: Emulator, dir: string, env: Record<string, string>, k: number, delayMs: number) {
  const baseline = emulator.calls.all().at(-1)?.seq ?? 0
  const mutations = () => emulator.calls.all().filter((c) => c.seq > baseline && !READ_OPERATIONS.test(c.operation)).length
  const running = startCli(['apply', '--local', '--auto-approve'], {cwd: dir, env})
  let observed = 0
  const watcher = setInterval(() => {
    if (mutations() < k) return
    clearInterval(watcher)
    setTimeout(() => {
      observed = mutations()
      running.child.kill('SIGKILL')
    }, delayMs)
  }, 5)
  const outcome = await running.done
  clearInterval(watcher)
  return {outcome, pid: running.child.pid, mutationsBeforeKill: outcome.signal === 'SIGKILL' ? observed : mutations()}
}

describe('apply converges after being SIGKILLed at a random moment', () => {
  afterAll(() => {
    // The trials only prove something if the kills landed mid-apply and left locks behind.
    if (reports.length < TRIALS) return // a trial failed; its own error says why
    const killed = reports.filter((r) => r.killed)
    const summary = JSON.stringify(reports)
    expect(killed.length, summary).toBeGreaterThanOrEqual(TRIALS * 0.7)
    expect(killed.filter((r) => r.mutationsBeforeKill > 0).length, summary).toBeGreaterThanOrEqual(TRIALS / 2)
    expect(reports.filter((r) => r.lockTakenOver).length, summary).toBeGreaterThanOrEqual(TRIALS / 2)
  })

  it.concurrent.each(Array.from({length: TRIALS}, (_, i) => i))(
    'trial %i',
    (i) =>
      limit(async () => {
        const seed = 1000 + i
        const random = seededRandom(seed)
        const {source, edit} = trialSource(i)
        const emulator = await Emulator.start({services: {batch: {transitionMs: 300}}})
        try {
          const env = {BATCHCTL_LOCAL_ENDPOINT: emulator.url}
          const dir = writeProject(source)
          if (edit && 'generated' in source) {
            await applyInProcess(emulator, dir)
            writeFileSync(join(dir, 'batch.yaml'), generatedYaml(source.project, 2))
          }
          const {model, region, project} = projectModel(dir)
          const unowned = await createUnowned(emulator, region, project)
          const steps = await plannedSteps(emulator, dir)
          expect(steps).toBeGreaterThan(0)

          // k = 0: kill during start-up or planning (up to ~3 s in); otherwise after the k-th change call.
          const k = Math.floor(random() * (steps + 1))
          const delayMs = Math.floor(random() * (k === 0 ? 3000 : 400))
          const {outcome, pid, mutationsBeforeKill} = await killedApply(emulator, dir, env, k, delayMs)
          const lockFile = join(dir, '.batchctl', `apply-${project}.lock`)
          const staleLock = existsSync(lockFile)
          if (staleLock) {
            // The lock names the killed process; the re-run must see it is gone.
            expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({pid})
          }

          let last: CliOutcome | undefined
          let reruns = 0
          const transcript: string[] = [`seed ${seed}: killed after ${mutationsBeforeKill} changing calls (k=${k}, +${delayMs} ms), ${outcome.signal ?? outcome.code}`, outcome.stderr]
          for (; reruns < MAX_RERUNS; reruns++) {
            last = await runToEnd(['apply', '--local', '--auto-approve'], {cwd: dir, env})
            transcript.push(`re-run ${reruns + 1}: ${last.signal ?? last.code}`, last.stderr)
            expect(last.stderr).not.toContain('another apply')
            if (last.code === 0) break
          }
          expect(last?.code, `apply did not converge in ${MAX_RERUNS} runs:\n${transcript.join('\n')}`).toBe(0)
          // The lock is gone, or (when the killed run had already made every change, so the re-run had
          // nothing to do and took no lock) it is still the dead process's, which the next apply sees as stale.
          if (existsSync(lockFile)) expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({pid})

          const plan = await runToEnd(['plan', '--local', '--detailed-exitcode'], {cwd: dir, env})
          expect(plan.code, plan.stdout + plan.stderr).toBe(0)

          const live = await settledInventory(emulator, region, project)
          expect(inventoryProblems(model, live)).toEqual([])
          for (const definition of live.filter((r) => r.kind === 'batch.jobDefinition')) {
            // A fresh apply registers each definition once; an edit adds one revision and keeps the previous one (--keep-revisions 1).
            expect(definition.activeRevisions, definition.name).toBeLessThanOrEqual(edit ? 2 : 1)
          }

          // Unowned resources: never named by a changing call, and still there.
          for (const call of emulator.calls.all()) {
            if (READ_OPERATIONS.test(call.operation)) continue
            const named = stringsIn(call.input).filter((s) => Object.values(unowned).some((name) => names(s, name)))
            expect(named, `${call.service}:${call.operation}`).toEqual([])
          }
          const batch = emulator.state<{computeEnvironments: Map<string, unknown>; jobDefinitions: Map<string, Array<{status?: string}>>}>('batch', region)
          expect(batch.computeEnvironments.has(unowned.computeEnvironment)).toBe(true)
          expect(batch.jobDefinitions.get(unowned.jobDefinition)?.map((r) => r.status)).toEqual(['ACTIVE'])
          const events = emulator.state<{rules: Map<string, unknown>}>('events', region)
          expect(events.rules.has(`default/${unowned.rule}`)).toBe(true)

          const lockTakenOver = staleLock && !existsSync(lockFile)
          reports.push({seed, killed: outcome.signal === 'SIGKILL', killAfterMutations: k, mutationsBeforeKill, staleLock, lockTakenOver, reruns: reruns + 1})
        } finally {
          await emulator.stop()
        }
      }),
    180_000,
  )
})
