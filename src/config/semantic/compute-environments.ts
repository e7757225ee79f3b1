import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig, ComputeEnvironment} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {computePlatform} from './platform.js'

/** computeResources fields that only EC2/SPOT environments accept (CreateComputeEnvironment). */
const EC2_ONLY: Array<keyof ComputeEnvironment> = [
  'minvCpus',
  'desiredvCpus',
  'instanceTypes',
  'allocationStrategy',
  'instanceRole',
  'launchTemplate',
  'ec2Configuration',
  'imageId',
  'ec2KeyPair',
  'placementGroup',
  'bidPercentage',
  'spotIamFleetRole',
]

/** Fields of the computeResources block, which unmanaged environments do not have. */
const MANAGED_ONLY: Array<keyof ComputeEnvironment> = ['maxvCpus', 'subnets', 'securityGroups', ...EC2_ONLY]

/**
 * Compute environment fields fit its kind: Fargate has no instance settings, only SPOT takes
 * bid percentage, Spot fleet role and SPOT_* strategies, managed environments set maxvCpus and
 * unmanaged ones set none of the computeResources fields, and min ≤ desired ≤ max vCPUs.
 */
export function checkComputeEnvironments(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [key, ce] of entries(config.computeEnvironments)) {
    const base = ['computeEnvironments', key]
    const unsupported = (field: keyof ComputeEnvironment, why: string, expected: string): void => {
      out.push(diagnostic('unsupported-field', [...base, field], `Compute environment "${key}": ${why}.`, {expected, atKey: true}))
    }
    if (ce.managed === false) {
      for (const field of MANAGED_ONLY) {
        if (ce[field] !== undefined) unsupported(field, `\`${field}\` applies only to managed environments`, 'no computeResources fields with `managed: false`')
      }
      continue
    }
    if (ce.unmanagedvCpus !== undefined) unsupported('unmanagedvCpus', '`unmanagedvCpus` applies only to unmanaged environments', '`managed: false` with `unmanagedvCpus`')
    if (ce.maxvCpus === undefined) {
      out.push(diagnostic('missing-max-vcpus', base, `Managed compute environment "${key}" must set \`maxvCpus\`.`, {expected: '`maxvCpus: <n>`', hint: 'e.g. `maxvCpus: 256`', atKey: true}))
    }
    if (computePlatform(ce) === 'FARGATE') {
      for (const field of EC2_ONLY) {
        if (ce[field] !== undefined) unsupported(field, `${ce.type} environments do not take \`${field}\``, `no instance settings on ${ce.type}`)
      }
    } else if (ce.type !== 'SPOT') {
      for (const field of ['bidPercentage', 'spotIamFleetRole'] as const) {
        if (ce[field] !== undefined) unsupported(field, `\`${field}\` applies only to SPOT environments`, '`type: SPOT`')
      }
      if (ce.allocationStrategy?.startsWith('SPOT_') === true) {
        out.push(
          diagnostic('invalid-allocation-strategy', [...base, 'allocationStrategy'], `Allocation strategy ${ce.allocationStrategy} of "${key}" needs \`type: SPOT\`.`, {
            expected: 'BEST_FIT or BEST_FIT_PROGRESSIVE for EC2',
          }),
        )
      }
    }
    const min = ce.minvCpus ?? 0
    if (ce.maxvCpus !== undefined && min > ce.maxvCpus) {
      out.push(diagnostic('invalid-vcpu-range', [...base, 'minvCpus'], `minvCpus ${min} of "${key}" is above maxvCpus ${ce.maxvCpus}.`, {expected: 'minvCpus ≤ maxvCpus'}))
    } else if (ce.desiredvCpus !== undefined && (ce.desiredvCpus < min || (ce.maxvCpus !== undefined && ce.desiredvCpus > ce.maxvCpus))) {
      out.push(
        diagnostic('invalid-vcpu-range', [...base, 'desiredvCpus'], `desiredvCpus ${ce.desiredvCpus} of "${key}" is outside minvCpus ${min} to maxvCpus ${ce.maxvCpus ?? '?'}.`, {
          expected: 'minvCpus ≤ desiredvCpus ≤ maxvCpus',
        }),
      )
    }
  }
  return out
}
