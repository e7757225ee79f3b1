/**
 * How AWS reports a spec back: defaults filled in, sets reordered, JSON documents as text,
 * legacy fields moved (the same behaviours src/plan/normalize.ts absorbs, written from the
 * AWS side). Deliberately independent of normalize.ts so the two check each other.
 */
import type {ResourceKind, SpecByKind} from '../../src/model/index.js'
import {ACCOUNT} from './builders.js'

export function awsView<K extends ResourceKind>(kind: K, spec: SpecByKind[K]): SpecByKind[K] {
  const s = structuredClone(spec) as any
  switch (kind as ResourceKind) {
    case 'batch.computeEnvironment': {
      s.state ??= 'ENABLED'
      s.serviceRole ??= `arn:aws:iam::${ACCOUNT}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`
      const cr = s.computeResources
      if (cr !== undefined && cr.type !== 'FARGATE' && cr.type !== 'FARGATE_SPOT') {
        cr.allocationStrategy ??= 'BEST_FIT'
        cr.minvCpus ??= 0
        cr.desiredvCpus = 7
        cr.instanceTypes = [...(cr.instanceTypes ?? [])].reverse()
        cr.ec2Configuration ??= [{imageType: 'ECS_AL2'}]
        cr.securityGroupIds ??= []
        cr.tags ??= {}
        if (cr.instanceRole !== undefined && !cr.instanceRole.startsWith('arn:')) cr.instanceRole = `arn:aws:iam::${ACCOUNT}:instance-profile/${cr.instanceRole}`
      }
      if (cr !== undefined) cr.subnets = [...cr.subnets].reverse()
      break
    }
    case 'batch.jobQueue':
      s.state ??= 'ENABLED'
      s.computeEnvironmentOrder = [...s.computeEnvironmentOrder].reverse()
      s.jobStateTimeLimitActions ??= []
      break
    case 'batch.jobDefinition': {
      s.propagateTags ??= false
      s.platformCapabilities ??= ['EC2']
      s.retryStrategy ??= {attempts: 1}
      s.parameters ??= {}
      const c = s.containerProperties
      if (c !== undefined) {
        const reqs = [...(c.resourceRequirements ?? [])]
        if (c.vcpus !== undefined) reqs.push({type: 'VCPU', value: String(c.vcpus)})
        if (c.memory !== undefined) reqs.push({type: 'MEMORY', value: String(c.memory)})
        delete c.vcpus
        delete c.memory
        c.resourceRequirements = reqs.reverse()
        c.environment = (c.environment ?? []).filter((e: {value?: string}) => e.value !== undefined && e.value !== '').reverse()
        c.mountPoints ??= []
        c.volumes ??= []
        c.ulimits ??= []
        c.secrets ??= []
        c.command ??= []
      }
      break
    }
    case 'scheduler.schedule':
      s.scheduleExpressionTimezone ??= 'UTC'
      s.state ??= 'ENABLED'
      s.flexibleTimeWindow ??= {mode: 'OFF'}
      s.retryPolicy ??= {maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185}
      break
    case 'events.rule':
      s.eventBusName ??= 'default'
      s.state ??= 'ENABLED'
      if (s.eventPattern !== undefined) s.eventPattern = JSON.stringify(s.eventPattern)
      s.targets = [...s.targets].reverse()
      break
    case 'sfn.stateMachine':
      s.definition = JSON.stringify(s.definition, null, 2)
      s.type ??= 'STANDARD'
      s.loggingConfiguration ??= {level: 'OFF', includeExecutionData: false, destinations: []}
      s.tracingConfiguration ??= {enabled: false}
      break
    case 'ecr.repository':
      s.imageTagMutability ??= 'MUTABLE'
      s.imageScanningConfiguration ??= {scanOnPush: false}
      s.encryptionConfiguration ??= {encryptionType: 'AES256'}
      break
    case 'batch.schedulingPolicy':
      s.fairsharePolicy = {shareDecaySeconds: 0, computeReservation: 0, ...s.fairsharePolicy}
      break
    case 'scheduler.scheduleGroup':
      break
  }
  return s as SpecByKind[K]
}
