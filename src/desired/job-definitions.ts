import type {ContainerOverrides, JobDefinition} from '../config/types.generated.js'
import type {ContainerSpec, JobDefinitionSpec, ResourceRequirement, Resource} from '../model/index.js'
import {resolveJobPlatform} from '../config/semantic/platform.js'
import {compact, type DesiredContext, entries, nameOf, nameValueList, stringMap, unresolvedImage} from './context.js'

/** An `images:` key becomes the pushed image; anything else is an image URI used as written. */
export function imageFor(image: string, ctx: DesiredContext): string {
  if (ctx.config.images?.[image] === undefined) return image
  return ctx.imageUris[image] ?? unresolvedImage(image)
}

function requirements(sizes: {vcpus?: number; memory?: number; gpus?: number}): ResourceRequirement[] | undefined {
  const list: ResourceRequirement[] = []
  if (sizes.vcpus !== undefined) list.push({type: 'VCPU', value: String(sizes.vcpus)})
  if (sizes.memory !== undefined) list.push({type: 'MEMORY', value: String(sizes.memory)})
  if (sizes.gpus !== undefined && sizes.gpus > 0) list.push({type: 'GPU', value: String(sizes.gpus)})
  return list.length > 0 ? list : undefined
}

function container(jd: JobDefinition, ctx: DesiredContext, fargate: boolean): ContainerSpec {
  const defaults = ctx.config.defaults ?? {}
  return compact({
    image: imageFor(jd.image, ctx),
    command: jd.command,
    resourceRequirements: requirements(jd),
    environment: nameValueList(jd.environment),
    secrets: jd.secrets ? Object.keys(jd.secrets).sort().map((name) => ({name, valueFrom: jd.secrets![name]!})) : undefined,
    jobRoleArn: jd.jobRole ?? defaults.jobRole,
    executionRoleArn: jd.executionRole ?? defaults.executionRole,
    user: jd.user,
    privileged: jd.privileged,
    readonlyRootFilesystem: jd.readonlyRootFilesystem,
    fargatePlatformConfiguration: fargate ? {platformVersion: jd.fargate?.platformVersion ?? 'LATEST'} : undefined,
    networkConfiguration: fargate ? {assignPublicIp: jd.fargate?.assignPublicIp ? ('ENABLED' as const) : ('DISABLED' as const)} : undefined,
    runtimePlatform: fargate && jd.fargate?.cpuArchitecture ? {operatingSystemFamily: 'LINUX', cpuArchitecture: jd.fargate.cpuArchitecture} : undefined,
    ephemeralStorage: fargate && jd.fargate?.ephemeralStorage ? {sizeInGiB: jd.fargate.ephemeralStorage} : undefined,
    logConfiguration: jd.logConfiguration
      ? compact({
          logDriver: jd.logConfiguration.logDriver,
          options: stringMap(jd.logConfiguration.options),
          secretOptions: jd.logConfiguration.secretOptions
            ? Object.keys(jd.logConfiguration.secretOptions).sort().map((name) => ({name, valueFrom: jd.logConfiguration!.secretOptions![name]!}))
            : undefined,
        })
      : undefined,
    mountPoints: jd.mountPoints?.map((m) => compact({sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: m.readOnly})),
    volumes: jd.volumes?.map((v) =>
      compact({
        name: v.name,
        host: v.hostPath ? {sourcePath: v.hostPath} : undefined,
        efsVolumeConfiguration: v.efs
          ? compact({
              fileSystemId: v.efs.fileSystemId,
              rootDirectory: v.efs.rootDirectory,
              transitEncryption: v.efs.transitEncryption === undefined ? undefined : v.efs.transitEncryption ? 'ENABLED' : 'DISABLED',
              authorizationConfig:
                v.efs.accessPointId || v.efs.iam !== undefined
                  ? compact({accessPointId: v.efs.accessPointId, iam: v.efs.iam === undefined ? undefined : v.efs.iam ? 'ENABLED' : 'DISABLED'})
                  : undefined,
            })
          : undefined,
      }),
    ),
    linuxParameters: jd.linuxParameters ? compact({...jd.linuxParameters}) : undefined,
  })
}

/** A node range's container: the job's container with the range's overrides applied. */
function rangeContainer(base: ContainerSpec, overrides: ContainerOverrides | undefined, ctx: DesiredContext): ContainerSpec {
  if (!overrides) return base
  const sizes = {
    vcpus: overrides.vcpus ?? Number(base.resourceRequirements?.find((r) => r.type === 'VCPU')?.value ?? NaN),
    memory: overrides.memory ?? Number(base.resourceRequirements?.find((r) => r.type === 'MEMORY')?.value ?? NaN),
    gpus: overrides.gpus ?? Number(base.resourceRequirements?.find((r) => r.type === 'GPU')?.value ?? 0),
  }
  return compact({
    ...base,
    image: overrides.image ? imageFor(overrides.image, ctx) : base.image,
    command: overrides.command ?? base.command,
    resourceRequirements: requirements({
      vcpus: Number.isNaN(sizes.vcpus) ? undefined : sizes.vcpus,
      memory: Number.isNaN(sizes.memory) ? undefined : sizes.memory,
      gpus: sizes.gpus,
    }),
    environment: overrides.environment ? nameValueList({...Object.fromEntries((base.environment ?? []).map((e) => [e.name, e.value])), ...overrides.environment}) : base.environment,
    instanceType: overrides.instanceType,
  })
}

/** `jobDefinitions:` → batch.jobDefinition resources (single-node or multi-node). */
export function jobDefinitions(ctx: DesiredContext): Array<Resource<'batch.jobDefinition'>> {
  return entries(ctx.config.jobDefinitions).map(([key, jd]) => {
    // The same rule validate used: declared, else the queue it is submitted to, else the default queue's.
    const fargate = resolveJobPlatform(ctx.config, key) === 'FARGATE'
    const base = container(jd, ctx, fargate)
    const common = {
      parameters: stringMap(jd.parameters),
      retryStrategy: jd.retry
        ? compact({
            attempts: jd.retry.attempts,
            evaluateOnExit: jd.retry.evaluateOnExit?.map((rule) =>
              compact({action: rule.action, onStatusReason: rule.onStatusReason, onReason: rule.onReason, onExitCode: rule.onExitCode}),
            ),
          })
        : undefined,
      timeout: jd.timeout === undefined ? undefined : {attemptDurationSeconds: jd.timeout},
      propagateTags: jd.propagateTags,
      platformCapabilities: fargate ? (['FARGATE'] as Array<'FARGATE'>) : undefined,
      schedulingPriority: jd.schedulingPriority,
    }
    const spec: JobDefinitionSpec = jd.nodes
      ? compact({
          type: 'multinode' as const,
          nodeProperties: {
            numNodes: jd.nodes.count,
            mainNode: jd.nodes.main ?? 0,
            nodeRangeProperties: (jd.nodes.ranges ?? [{targetNodes: `0:${jd.nodes.count - 1}`}]).map((range) => ({
              targetNodes: range.targetNodes,
              container: rangeContainer(base, range.container, ctx),
            })),
          },
          ...common,
        })
      : compact({type: 'container' as const, containerProperties: base, ...common})
    // An image built by batchctl is pushed to its repository before the job definition is registered.
    const imageKeys = [jd.image, ...(jd.nodes?.ranges ?? []).map((range) => range.container?.image)].filter(
      (image): image is string => image !== undefined && ctx.config.images?.[image] !== undefined,
    )
    return {
      kind: 'batch.jobDefinition',
      logicalName: key,
      physicalName: nameOf(ctx, key),
      service: 'batch',
      spec,
      dependsOn: [...new Set(imageKeys)].map((image) => ({kind: 'ecr.repository' as const, logicalName: image})),
      tags: {...stringMap(ctx.config.tags), ...stringMap(jd.tags)},
    }
  })
}
