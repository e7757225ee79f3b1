import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import type {BatchState} from '../../src/local/services/batch/state.js'
import {applyPlan, harness, planNow} from './apply-harness.js'

/**
 * A compute environment change AWS cannot make in place (instance types of a BEST_FIT
 * environment: https://docs.aws.amazon.com/batch/latest/userguide/infrastructure-updates.html)
 * is a replace: create the new one, re-point the queue, disable and delete the old one. The
 * queue must hold a VALID, ENABLED compute environment at every moment we can observe.
 */
const config: BatchConfig = {
  project: 'blue',
  region: 'us-east-1',
  defaults: {subnets: ['subnet-1'], securityGroups: ['sg-1']},
  computeEnvironments: {ec2: {type: 'EC2', maxvCpus: 64, instanceTypes: ['c6i'], instanceRole: 'ecsInstanceRole'}},
  jobQueues: {main: {priority: 1, computeEnvironments: ['ec2']}},
} as BatchConfig

function queueHasCapacity(state: BatchState): boolean {
  const queue = state.jobQueues.get('blue-main')!
  return (queue.computeEnvironmentOrder ?? []).some((entry) => {
    const ce = [...state.computeEnvironments.values()].find((c) => c.computeEnvironmentArn === entry.computeEnvironment)
    return ce?.status === 'VALID' && ce.state === 'ENABLED'
  })
}

describe('compute environment replace', () => {
  it('creates the new one, re-points the queue, then disables and deletes the old one, retrying AWS’s relationship refusal', async () => {
    // The old CE stays "related" to the queue for 4 s of virtual time after the queue let go of it.
    const {emulator, registry} = await harness({services: {batch: {transitionMs: 200, eventualConsistencyMs: 4000}}})
    await applyPlan(registry, (await planNow(registry, desiredModel(config))).plan)
    const state = emulator.state<BatchState>('batch', 'us-east-1')

    const changed = structuredClone(config)
    changed.computeEnvironments!.ec2!.instanceTypes = ['m6i']
    const model = desiredModel(changed)
    const {plan} = await planNow(registry, model)
    expect(plan.errors).toEqual([])
    const replace = plan.changes.find((c) => c.id === 'batch.computeEnvironment/ec2')!
    expect(replace.action).toBe('replace')
    const newName = replace.physicalName
    expect(newName).toMatch(/^blue-ec2-[0-9a-f]{8}$/)
    expect(plan.changes.find((c) => c.id === 'batch.jobQueue/main')?.action).toBe('update')

    emulator.calls.clear()
    let observations = 0
    const check = () => {
      observations++
      expect(queueHasCapacity(state)).toBe(true)
    }
    const steps = await applyPlan(registry, plan, {after: check, progress: check})
    expect(steps.map((s) => s.id)).toEqual([
      'batch.computeEnvironment/ec2#create-new',
      'batch.jobQueue/main#update',
      'batch.computeEnvironment/ec2#disable-old',
      'batch.computeEnvironment/ec2#delete-old',
    ])
    expect(observations).toBeGreaterThan(4)

    const calls = emulator.calls.all()
    const at = (op: string, pred: (input: any) => boolean = () => true) => calls.findIndex((r) => r.operation === op && r.status < 400 && pred(r.input))
    const created = at('CreateComputeEnvironment', (i) => i.computeEnvironmentName === newName)
    const repointed = at('UpdateJobQueue', (i) => i.jobQueue === 'blue-main')
    const disabled = at('UpdateComputeEnvironment', (i) => i.computeEnvironment === 'blue-ec2' && i.state === 'DISABLED')
    const deleted = at('DeleteComputeEnvironment', (i) => i.computeEnvironment === 'blue-ec2')
    expect(created).toBeGreaterThanOrEqual(0)
    expect([created < repointed, repointed < disabled, disabled < deleted]).toEqual([true, true, true])
    // The queue update names only the new environment (one call attaches it and detaches the old).
    expect((calls[repointed]!.input as any).computeEnvironmentOrder).toEqual([
      {order: 1, computeEnvironment: `arn:aws:batch:us-east-1:123456789012:compute-environment/${newName}`},
    ])
    const refused = calls.filter((r) => r.operation === 'DeleteComputeEnvironment' && r.status >= 400)
    expect(refused.length).toBeGreaterThan(0)
    expect(refused.every((r) => r.error === 'ClientException')).toBe(true)
    expect(state.computeEnvironments.has('blue-ec2')).toBe(false)

    // The replacement is found again by its logical-name tag: nothing left to do.
    expect((await planNow(registry, model)).plan.changes).toEqual([])
  })

  it('an INVALID compute environment fails its create step with AWS’s status reason', async () => {
    const {registry} = await harness()
    const bad = structuredClone(config)
    // An IAM role where an instance profile belongs: AWS accepts the call, then the CE goes INVALID.
    bad.computeEnvironments!.ec2!.instanceRole = 'arn:aws:iam::123456789012:role/ecsInstanceRole'
    const {plan} = await planNow(registry, desiredModel(bad))
    await expect(applyPlan(registry, plan)).rejects.toThrow(/compute environment blue-ec2 is INVALID: CLIENT_ERROR .*Invalid IAM Instance Profile ARN/)
  })

  it('stops waiting once the step is aborted', async () => {
    const {registry} = await harness({services: {batch: {transitionMs: 60_000}}, clock: {speed: 1}})
    const {plan} = await planNow(registry, desiredModel(config))
    const step = plan.changes.find((c) => c.id === 'batch.computeEnvironment/ec2')!.steps[0]!
    const controller = new AbortController()
    const waiting = registry.forKind(step.kind).execute(step, {
      plan,
      change: plan.changes.find((c) => c.id === step.changeId)!,
      signal: controller.signal,
      progress: (event) => {
        if (event.type === 'waiting') controller.abort(new Error('cancelled by test'))
      },
    })
    await expect(waiting).rejects.toThrow('cancelled by test')
  })
})
