// An apply stopped right after a compute-environment replace created the new CE (before the
// queues moved to it) must be finished by one re-run. Found by the crash trials (apply-kill):
// the re-run used to plan both "create <name>-<hash8>" (the replacement, whose generated name is
// deterministic) and "delete <name>-<hash8>" (the same live CE, seen as an owned orphan).
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'

import {loadConfig} from '../../src/config/load-config.js'
import {Emulator} from '../../src/local/emulator.js'
import type {Plan} from '../../src/plan/index.js'
import {applyProject} from '../../src/services/applying.js'
import {planProject} from '../../src/services/planning.js'
import {adaptersFor, applyInProcess, generatedYaml, writeProject} from './trial-project.js'

let emulator: Emulator | undefined
afterEach(async () => {
  await emulator?.stop()
  emulator = undefined
})

/** A project applied at revision 1, edited to revision 2 (its on-demand CEs are replaced). */
async function editedProject() {
  emulator = await Emulator.start({services: {batch: {transitionMs: 100}}})
  const dir = writeProject({generated: 1, project: 'irp'})
  await applyInProcess(emulator, dir)
  writeFileSync(join(dir, 'batch.yaml'), generatedYaml('irp', 2))
  const loaded = loadConfig(join(dir, 'batch.yaml'))
  const registry = adaptersFor(emulator, 'us-east-1')
  return {dir, loaded, registry, plan: () => planProject(loaded, registry.adapters).then((p) => p.plan)}
}

/** Runs a plan, stopping new work as soon as the first replacement compute environment exists. */
async function stopAfterReplacementCreated(plan: Plan, adapters: Parameters<typeof applyProject>[1]['adapters']) {
  const replaced = plan.changes.find((c) => c.kind === 'batch.computeEnvironment' && c.action === 'replace')
  expect(replaced, 'revision 2 replaces a compute environment').toBeDefined()
  const create = replaced!.steps.find((s) => s.op === 'create')!
  const controller = new AbortController()
  const result = await applyProject(plan, {
    adapters,
    concurrency: 1,
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === 'step-done' && event.step.id === create.id) controller.abort()
    },
  })
  expect(result.ok).toBe(false)
  return create.physicalName
}

const createdAndDeleted = (plan: Plan) => {
  const steps = plan.changes.flatMap((c) => c.steps)
  const created = new Set(steps.filter((s) => s.op === 'create').map((s) => `${s.kind} ${s.physicalName}`))
  return steps.filter((s) => (s.op === 'delete' || s.op === 'disable') && created.has(`${s.kind} ${s.physicalName}`)).map((s) => `${s.op} ${s.kind} ${s.physicalName}`)
}

describe('a compute-environment replace interrupted after its create', () => {
  it('plans the same create-before-delete replace from scratch (sanity: the first plan is consistent)', async () => {
    const {plan} = await editedProject()
    expect(createdAndDeleted(await plan())).toEqual([])
  })

  // Was a bug: match.ts counted the replacement CE (same logical-name tag) as an owned orphan
  // while build-change.ts gave the replace the same generated name again, so the plan both
  // created and deleted `<name>-<hash8>`. plan.ts now leaves such a resource to the replace.
  it('does not plan to create and delete the same compute environment on the re-run', async () => {
    const {registry, plan} = await editedProject()
    const replacement = await stopAfterReplacementCreated(await plan(), registry.adapters)
    expect(replacement).toMatch(/^irp-ce\d-[0-9a-f]{8}$/)
    expect(createdAndDeleted(await plan())).toEqual([])
  })

  it('is finished by one re-run, after which the plan is empty', async () => {
    const {registry, plan} = await editedProject()
    await stopAfterReplacementCreated(await plan(), registry.adapters)
    const rerun = await applyProject(await plan(), {adapters: registry.adapters})
    expect(rerun.failed.map((f) => f.error)).toEqual([])
    expect(rerun.ok).toBe(true)
    expect((await plan()).changes).toEqual([])
  })
})
