import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {schemaCheck} from '../../src/config/schema-check.js'
import {checkSemantics} from '../../src/config/semantic/index.js'
import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import {specHash} from '../../src/model/index.js'
import {describeKind, normalizeSpec, plan, type ReplaceChange} from '../../src/plan/index.js'
import {isGeneratedVariant, replacementName} from '../../src/plan/replacement-name.js'
import {liveOf, model, snapshot, stateMachine} from './builders.js'

// Name limits per kind, from each Create call's API reference:
// - Batch CE / job queue / scheduling policy / job definition: up to 128 letters, numbers, hyphens, underscores
//   https://docs.rs/aws-sdk-batch/latest/aws_sdk_batch/operation/create_compute_environment/struct.CreateComputeEnvironmentInput.html
//   https://docs.rs/aws-sdk-batch/latest/aws_sdk_batch/operation/create_job_queue/builders/struct.CreateJobQueueInputBuilder.html
//   https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/batch/aws.sdk.kotlin.services.batch.model/-create-scheduling-policy-request
//   https://docs.rs/aws-sdk-batch/latest/aws_sdk_batch/operation/register_job_definition/builders/struct.RegisterJobDefinitionFluentBuilder.html
// - Step Functions state machine: 1-80 — https://docs.aws.amazon.com/es_es/step-functions/latest/apireference/API_StateMachineListItem.html
// - Scheduler schedule group: up to 64 — https://docs.amazonaws.cn/cdk/api/v2/python/aws_cdk.aws_scheduler_alpha/GroupProps.html
describe('limits the planner knows', () => {
  it('are AWS\'s', () => {
    const limits = Object.fromEntries(
      (['batch.computeEnvironment', 'batch.jobQueue', 'batch.schedulingPolicy', 'batch.jobDefinition', 'sfn.stateMachine', 'scheduler.scheduleGroup'] as const).map((k) => [
        k,
        describeKind(k).maxNameLength,
      ]),
    )
    expect(limits).toEqual({
      'batch.computeEnvironment': 128,
      'batch.jobQueue': 128,
      'batch.schedulingPolicy': 128,
      'batch.jobDefinition': 128,
      'sfn.stateMachine': 80,
      'scheduler.scheduleGroup': 64,
    })
  })
})

const HASH = 'a'.repeat(8) + 'b'.repeat(56)

describe('replacementName', () => {
  it('is `<base>-<hash8>` while that fits (the names earlier versions gave stay valid)', () => {
    expect(replacementName('genomics-spot', HASH, 128)).toBe('genomics-spot-aaaaaaaa')
    expect(replacementName('x'.repeat(71), HASH, 80)).toBe(`${'x'.repeat(71)}-aaaaaaaa`)
  })

  it('cuts a base too long for the suffix to exactly the limit, ending in a hash of base and spec', () => {
    const name = replacementName('x'.repeat(80), HASH, 80)
    expect(name).toHaveLength(80)
    expect(name).toMatch(/^x{71}-[0-9a-f]{8}$/)
    expect(name).not.toBe(`${'x'.repeat(71)}-aaaaaaaa`)
    // Deterministic: plan and apply (separate processes) compute the same name.
    expect(replacementName('x'.repeat(80), HASH, 80)).toBe(name)
  })

  it('keeps two long names that share the kept prefix apart, even with equal specs', () => {
    const a = replacementName(`${'p'.repeat(75)}-blue`, HASH, 80)
    const b = replacementName(`${'p'.repeat(75)}-green`, HASH, 80)
    expect(a.slice(0, 71)).toBe(b.slice(0, 71))
    expect(a).not.toBe(b)
  })

  it('is recognised as a variant of its base, in both forms, and nothing else is', () => {
    const short = replacementName('genomics-spot', HASH, 128)
    const long = replacementName('y'.repeat(80), HASH, 80)
    expect(isGeneratedVariant(short, 'genomics-spot', 128)).toBe(true)
    expect(isGeneratedVariant(long, 'y'.repeat(80), 80)).toBe(true)
    expect(isGeneratedVariant('genomics-spot-zzzzzzzz', 'genomics-spot', 128)).toBe(false)
    expect(isGeneratedVariant('genomics-spotty-aaaaaaaa', 'genomics-spot', 128)).toBe(false)
    // A long base's variant keeps exactly its first 71 characters; a short base has no cut form.
    expect(isGeneratedVariant(`${'y'.repeat(70)}-aaaaaaaa`, 'y'.repeat(80), 80)).toBe(false)
    expect(isGeneratedVariant(`${'y'.repeat(71)}z-aaaaaaaa`, 'y'.repeat(71), 80)).toBe(false)
  })
})

describe('a replace of a resource whose name is at the limit', () => {
  const base = `genomics-${'w'.repeat(71)}` // 80 characters: the longest state machine name validate accepts
  const sm = stateMachine('pipeline')
  const long = {...sm, physicalName: base}
  const express = {...long, spec: {...long.spec, type: 'EXPRESS' as const}}

  it('creates the replacement under a name AWS accepts', () => {
    const change = plan(model([express]), snapshot([liveOf(long)])).changes[0] as ReplaceChange
    expect(change.action).toBe('replace')
    expect(change.oldPhysicalName).toBe(base)
    expect(change.physicalName.length).toBeLessThanOrEqual(80)
    expect(change.physicalName).not.toBe(base)
    expect(change.diffs[0]).toEqual({path: 'name', before: base, after: change.physicalName, sensitive: false})
  })

  it('finds the replacement again after apply (next plan empty), and the next replace goes back to the base name', () => {
    const replaced = plan(model([express]), snapshot([liveOf(long)])).changes[0] as ReplaceChange
    const afterApply = snapshot([liveOf(express, {physicalName: replaced.physicalName})])
    expect(plan(model([express]), afterApply).changes).toEqual([])
    // Replanning before apply gives the same name (plan and apply agree).
    expect((plan(model([express]), snapshot([liveOf(long)])).changes[0] as ReplaceChange).physicalName).toBe(replaced.physicalName)
    const back = plan(model([long]), afterApply).changes[0] as ReplaceChange
    expect([back.action, back.oldPhysicalName, back.physicalName]).toEqual(['replace', replaced.physicalName, base])
  })
})

/** Keys the schema allows (`^[A-Za-z0-9][A-Za-z0-9_-]*$`, at most 64), biased towards long ones. */
const key = fc
  .tuple(fc.constantFrom('a', 'Z', '7'), fc.stringMatching(/^[A-Za-z0-9_-]*$/), fc.integer({min: 0, max: 63}))
  .map(([first, rest, pad]) => `${first}${rest}`.padEnd(1 + pad, 'k').slice(0, 64))
const project = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]*$/), fc.integer({min: 1, max: 32})).map(([p, n]) => p.padEnd(n, 'p').slice(0, 32))
const env = fc.option(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]*$/), fc.integer({min: 1, max: 16})).map(([e, n]) => e.padEnd(n, 'e').slice(0, 16)), {nil: undefined})

/** A small config using every kind, with arbitrary keys. */
function configOf(p: string, k: {ce: string; queue: string; job: string; policy: string; flow: string; sched: string; trigger: string; image: string}): BatchConfig {
  return {
    project: p,
    defaults: {workflowRole: 'arn:aws:iam::123456789012:role/sfn', scheduleRole: 'arn:aws:iam::123456789012:role/scheduler', triggerRole: 'arn:aws:iam::123456789012:role/events'},
    images: {[k.image]: {base: 'python:3.12-slim'}},
    computeEnvironments: {[k.ce]: {type: 'SPOT', maxvCpus: 4}},
    schedulingPolicies: {[k.policy]: {shareDecaySeconds: 60}},
    jobQueues: {[k.queue]: {priority: 1, computeEnvironments: [k.ce], schedulingPolicy: k.policy}},
    jobDefinitions: {[k.job]: {image: 'public.ecr.aws/docker/library/busybox:latest'}},
    workflows: {[k.flow]: {steps: [{name: 's', job: k.job, queue: k.queue, shareIdentifier: 'a'}]}},
    schedules: {[k.sched]: {rate: '1 hour', start: {workflow: k.flow}}},
    triggers: {[k.trigger]: {event: {source: ['x']}, start: {workflow: k.flow}}},
  }
}

describe('names of accepted configs (property)', () => {
  it('every physical name, and every generated replacement name, is within the kind\'s AWS limit', () => {
    const keys = fc.record({ce: key, queue: key, job: key, policy: key, flow: key, sched: key, trigger: key, image: key})
    let accepted = 0
    fc.assert(
      fc.property(project, env, keys, (p, e, k) => {
        fc.pre(new Set(Object.values(k)).size === 8)
        const config = configOf(p, k)
        expect(schemaCheck(config)).toEqual([])
        const found = checkSemantics(config, {baseDir: '.', ...(e ? {env: e} : {})})
        fc.pre(found.length === 0)
        accepted++
        for (const r of desiredModel(config, e ? {env: e} : {}).resources) {
          const {maxNameLength, generatedNameOnReplace} = describeKind(r.kind)
          expect(r.physicalName.length, `${r.kind} ${r.physicalName}`).toBeLessThanOrEqual(maxNameLength)
          if (!generatedNameOnReplace) continue
          const replacement = replacementName(r.physicalName, specHash(normalizeSpec(r.kind, r.spec)), maxNameLength)
          expect(replacement.length, `${r.kind} replacement ${replacement}`).toBeLessThanOrEqual(maxNameLength)
          expect(replacement).toMatch(/^[A-Za-z0-9_-]+$/)
          expect(isGeneratedVariant(replacement, r.physicalName, maxNameLength)).toBe(true)
        }
      }),
      {numRuns: 150},
    )
    expect(accepted).toBeGreaterThan(0)
  })
})
