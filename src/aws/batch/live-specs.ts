import type {
  ComputeEnvironmentDetail,
  ComputeResource,
  ContainerProperties,
  JobDefinition,
  JobQueueDetail,
  SchedulingPolicyDetail,
} from '@aws-sdk/client-batch'

import type {
  ComputeEnvironmentSpec,
  ComputeResourcesSpec,
  ContainerSpec,
  JobDefinitionSpec,
  JobQueueSpec,
  SchedulingPolicySpec,
} from '../../model/index.js'

/*
 * AWS Batch describe output → the model's spec types. Only fields the model knows are copied,
 * as AWS reports them (defaults, ARNs and orders are the planner's normalize.ts business); links
 * become `{external: <ARN>}`.
 */

/** Drops undefined members so a spec holds only what AWS reported. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

export function computeEnvironmentSpec(ce: ComputeEnvironmentDetail): ComputeEnvironmentSpec {
  return defined({
    type: ce.type as ComputeEnvironmentSpec['type'],
    state: ce.state as ComputeEnvironmentSpec['state'],
    serviceRole: ce.serviceRole,
    unmanagedvCpus: ce.type === 'UNMANAGED' ? ce.unmanagedvCpus : undefined,
    computeResources: ce.computeResources === undefined ? undefined : computeResources(ce.computeResources),
  })
}

function computeResources(cr: ComputeResource): ComputeResourcesSpec {
  const lt = cr.launchTemplate
  return defined({
    type: cr.type as ComputeResourcesSpec['type'],
    allocationStrategy: cr.allocationStrategy as ComputeResourcesSpec['allocationStrategy'],
    minvCpus: cr.minvCpus,
    maxvCpus: cr.maxvCpus ?? 0,
    desiredvCpus: cr.desiredvCpus,
    instanceTypes: cr.instanceTypes,
    subnets: cr.subnets ?? [],
    securityGroupIds: cr.securityGroupIds,
    instanceRole: cr.instanceRole,
    bidPercentage: cr.bidPercentage,
    spotIamFleetRole: cr.spotIamFleetRole,
    launchTemplate:
      lt === undefined
        ? undefined
        : defined({
            launchTemplateId: lt.launchTemplateId,
            launchTemplateName: lt.launchTemplateName,
            version: lt.version,
            overrides: lt.overrides?.map((o) =>
              defined({launchTemplateId: o.launchTemplateId, launchTemplateName: o.launchTemplateName, version: o.version, targetInstanceTypes: o.targetInstanceTypes}),
            ),
          }),
    imageId: cr.imageId,
    ec2KeyPair: cr.ec2KeyPair,
    placementGroup: cr.placementGroup,
    ec2Configuration: cr.ec2Configuration?.map((c) => defined({imageType: c.imageType ?? '', imageIdOverride: c.imageIdOverride})),
    // Reported by DescribeComputeEnvironments though the SDK types it on updates only.
    updateToLatestImageVersion: (cr as {updateToLatestImageVersion?: boolean}).updateToLatestImageVersion,
    tags: cr.tags,
  })
}

export function jobQueueSpec(queue: JobQueueDetail): JobQueueSpec {
  return defined({
    priority: queue.priority ?? 0,
    state: queue.state as JobQueueSpec['state'],
    computeEnvironmentOrder: (queue.computeEnvironmentOrder ?? []).map((entry) => ({
      order: entry.order ?? 0,
      computeEnvironment: {external: entry.computeEnvironment ?? ''},
    })),
    schedulingPolicy: queue.schedulingPolicyArn ? {external: queue.schedulingPolicyArn} : undefined,
    jobStateTimeLimitActions: queue.jobStateTimeLimitActions?.map((a) => ({
      reason: a.reason ?? '',
      state: a.state as 'RUNNABLE',
      maxTimeSeconds: a.maxTimeSeconds ?? 0,
      action: a.action as 'CANCEL',
    })),
  })
}

export function schedulingPolicySpec(policy: SchedulingPolicyDetail): SchedulingPolicySpec {
  const fs = policy.fairsharePolicy
  if (fs === undefined) return {}
  return {
    fairsharePolicy: defined({
      shareDecaySeconds: fs.shareDecaySeconds,
      computeReservation: fs.computeReservation,
      shareDistribution: fs.shareDistribution?.map((s) => defined({shareIdentifier: s.shareIdentifier ?? '', weightFactor: s.weightFactor})),
    }),
  }
}

export function jobDefinitionSpec(jd: JobDefinition): JobDefinitionSpec {
  const nodes = jd.nodeProperties
  return defined({
    type: jd.type as JobDefinitionSpec['type'],
    containerProperties: jd.containerProperties === undefined ? undefined : containerSpec(jd.containerProperties),
    nodeProperties:
      nodes === undefined
        ? undefined
        : {
            numNodes: nodes.numNodes ?? 0,
            mainNode: nodes.mainNode ?? 0,
            nodeRangeProperties: (nodes.nodeRangeProperties ?? []).map((r) =>
              defined({targetNodes: r.targetNodes ?? '', container: r.container === undefined ? undefined : containerSpec(r.container)}),
            ),
          },
    parameters: jd.parameters,
    retryStrategy:
      jd.retryStrategy === undefined
        ? undefined
        : defined({
            attempts: jd.retryStrategy.attempts,
            evaluateOnExit: jd.retryStrategy.evaluateOnExit?.map((e) =>
              defined({action: (e.action ?? 'EXIT').toUpperCase() as 'RETRY' | 'EXIT', onStatusReason: e.onStatusReason, onReason: e.onReason, onExitCode: e.onExitCode}),
            ),
          }),
    timeout: jd.timeout === undefined ? undefined : defined({attemptDurationSeconds: jd.timeout.attemptDurationSeconds}),
    propagateTags: jd.propagateTags,
    platformCapabilities: jd.platformCapabilities as JobDefinitionSpec['platformCapabilities'],
    schedulingPriority: jd.schedulingPriority,
  })
}

/** ContainerProperties shares the model's field names; copy the ones the model has. */
function containerSpec(c: ContainerProperties): ContainerSpec {
  return defined({
    image: c.image ?? '',
    command: c.command,
    vcpus: c.vcpus,
    memory: c.memory,
    resourceRequirements: c.resourceRequirements?.map((r) => ({type: r.type as 'VCPU' | 'MEMORY' | 'GPU', value: r.value ?? ''})),
    environment: c.environment?.map((e) => defined({name: e.name ?? '', value: e.value})),
    secrets: c.secrets?.map((s) => ({name: s.name ?? '', valueFrom: s.valueFrom ?? ''})),
    jobRoleArn: c.jobRoleArn,
    executionRoleArn: c.executionRoleArn,
    user: c.user,
    privileged: c.privileged,
    readonlyRootFilesystem: c.readonlyRootFilesystem,
    instanceType: c.instanceType,
    fargatePlatformConfiguration: c.fargatePlatformConfiguration as ContainerSpec['fargatePlatformConfiguration'],
    networkConfiguration: c.networkConfiguration as ContainerSpec['networkConfiguration'],
    runtimePlatform: c.runtimePlatform as ContainerSpec['runtimePlatform'],
    ephemeralStorage: c.ephemeralStorage === undefined ? undefined : {sizeInGiB: c.ephemeralStorage.sizeInGiB ?? 0},
    logConfiguration: c.logConfiguration as ContainerSpec['logConfiguration'],
    mountPoints: c.mountPoints as ContainerSpec['mountPoints'],
    volumes: c.volumes as ContainerSpec['volumes'],
    ulimits: c.ulimits as ContainerSpec['ulimits'],
    linuxParameters: c.linuxParameters as ContainerSpec['linuxParameters'],
  })
}
