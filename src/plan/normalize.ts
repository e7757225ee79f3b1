/**
 * Every normalisation rule in one place. Both sides of a comparison go through here: the
 * desired spec (from batch.yaml) and the live spec (as the adapter read it from AWS), so that
 * values AWS fills in, reorders or rewrites never show up as diffs (promise 1: after an apply,
 * a new plan is empty). Each rule names the AWS behaviour it absorbs.
 *
 * `normalizeSpec` keeps the spec's type and fills defaults *in* (so diffs read
 * `state: ENABLED → DISABLED` rather than `(absent) → DISABLED`); apply may send the result.
 * `comparableSpec` additionally drops fields AWS owns after creation; it is only compared.
 * Pure: no clock, no I/O. Inputs are never mutated.
 */
import {assertNever} from '../errors.js'
import type {
  ComputeEnvironmentSpec,
  ContainerSpec,
  EventRuleSpec,
  InvocationTarget,
  SubmitContainerOverrides,
  JobDefinitionSpec,
  JobQueueSpec,
  RepositorySpec,
  ResourceKind,
  ResourceRequirement,
  ScheduleSpec,
  SchedulingPolicySpec,
  SpecByKind,
  StateMachineSpec,
} from '../model/index.js'

/** The AWSServiceRoleForBatch service-linked role, which AWS reports when no serviceRole was given. */
const BATCH_SERVICE_LINKED_ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/aws-service-role\/batch\.amazonaws\.com\/AWSServiceRoleForBatch$/

/** Normalizes a spec of any kind, preserving its type. */
export function normalizeSpec<K extends ResourceKind>(kind: K, spec: SpecByKind[K]): SpecByKind[K] {
  const k = kind as ResourceKind
  switch (k) {
    case 'batch.computeEnvironment':
      return computeEnvironment(spec as ComputeEnvironmentSpec) as SpecByKind[K]
    case 'batch.jobQueue':
      return jobQueue(spec as JobQueueSpec) as SpecByKind[K]
    case 'batch.schedulingPolicy':
      return schedulingPolicy(spec as SchedulingPolicySpec) as SpecByKind[K]
    case 'batch.jobDefinition':
      return jobDefinition(spec as JobDefinitionSpec) as SpecByKind[K]
    case 'scheduler.scheduleGroup':
      // Schedule groups have no settings: AWS reports only name, ARN, state and dates.
      return {} as SpecByKind[K]
    case 'scheduler.schedule':
      return schedule(spec as ScheduleSpec) as SpecByKind[K]
    case 'events.rule':
      return eventRule(spec as EventRuleSpec) as SpecByKind[K]
    case 'sfn.stateMachine':
      return stateMachine(spec as StateMachineSpec) as SpecByKind[K]
    case 'ecr.repository':
      return repository(spec as RepositorySpec) as SpecByKind[K]
    default:
      return assertNever(k, 'resource kind')
  }
}

/** The normalized spec minus fields AWS changes on its own after creation. Compare only; never send. */
export function comparableSpec<K extends ResourceKind>(kind: K, spec: SpecByKind[K]): SpecByKind[K] {
  const normalized = normalizeSpec(kind, spec)
  if (kind === 'batch.computeEnvironment') {
    const ce = normalized as ComputeEnvironmentSpec
    if (ce.computeResources) {
      // desiredvCpus: AWS scales it between minvCpus and maxvCpus with queue demand, so the
      // value read back is not the value created with. Only ever sent on create.
      const {desiredvCpus: _ignored, ...rest} = ce.computeResources
      return {...ce, computeResources: rest} as SpecByKind[K]
    }
  }
  return normalized
}

/**
 * The AMI types AWS Batch fills into ec2Configuration when none is given: ECS_AL2 (or
 * ECS_AL2_NVIDIA for GPU families) for CEs created before 2026, ECS_AL2023 (_NVIDIA) after
 * ("Starting in January 2026, AWS Batch will change the default AMI for new Amazon ECS compute
 * environments from Amazon Linux 2 to Amazon Linux 2023",
 * https://docs.aws.amazon.com/batch/latest/APIReference/API_Ec2Configuration.html).
 */
const DEFAULT_IMAGE_TYPES = new Set(['ECS_AL2', 'ECS_AL2_NVIDIA', 'ECS_AL2023', 'ECS_AL2023_NVIDIA'])

/**
 * Both specs made comparable, for the rules that need to see both sides: a default AWS chose
 * at creation (which one depends on when and with what) is no difference when batch.yaml
 * leaves the field unset.
 */
export function comparableSpecs<K extends ResourceKind>(kind: K, desired: SpecByKind[K], live: SpecByKind[K]): {desired: SpecByKind[K]; live: SpecByKind[K]} {
  const d = comparableSpec(kind, desired)
  const l = comparableSpec(kind, live)
  if (kind === 'batch.computeEnvironment') {
    const dcr = (d as ComputeEnvironmentSpec).computeResources
    const lcr = (l as ComputeEnvironmentSpec).computeResources
    const chosenByAws = lcr?.ec2Configuration?.every((c) => c.imageIdOverride === undefined && DEFAULT_IMAGE_TYPES.has(c.imageType)) ?? false
    if (dcr !== undefined && lcr !== undefined && dcr.ec2Configuration === undefined && chosenByAws) {
      const {ec2Configuration: _default, ...rest} = lcr
      return {desired: d, live: {...(l as ComputeEnvironmentSpec), computeResources: rest} as SpecByKind[K]}
    }
  }
  return {desired: d, live: l}
}

// ---------------------------------------------------------------------------------------------
// helpers

function sortedStrings(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined || values.length === 0) return undefined
  return [...new Set(values)].sort()
}

function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a)
    const kb = key(b)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  }
}

function nonEmptyMap(map: Record<string, string> | undefined): Record<string, string> | undefined {
  if (map === undefined || Object.keys(map).length === 0) return undefined
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

function nonEmpty<T>(list: readonly T[] | undefined): T[] | undefined {
  return list === undefined || list.length === 0 ? undefined : [...list]
}

/** AWS returns JSON documents (event patterns, ASL, lifecycle policies) as text; batch.yaml gives objects. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}

/** Drops keys whose value is undefined so `{a: undefined}` and `{}` compare equal. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

function nameFromInstanceProfileArn(value: string | undefined): string | undefined {
  // AWS Batch reports instanceRole as the full instance-profile ARN even when created with a name.
  if (value === undefined) return undefined
  const m = /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/(?:.*\/)?([^/]+)$/.exec(value)
  return m ? m[1] : value
}

// ---------------------------------------------------------------------------------------------
// batch

function computeEnvironment(spec: ComputeEnvironmentSpec): ComputeEnvironmentSpec {
  const cr = spec.computeResources
  const fargate = cr !== undefined && (cr.type === 'FARGATE' || cr.type === 'FARGATE_SPOT')
  return clean({
    type: spec.type,
    // CreateComputeEnvironment: state defaults to ENABLED.
    state: spec.state ?? 'ENABLED',
    // Without serviceRole, AWS uses and reports the AWSServiceRoleForBatch service-linked role.
    serviceRole: spec.serviceRole === undefined || BATCH_SERVICE_LINKED_ROLE.test(spec.serviceRole) ? undefined : spec.serviceRole,
    // unmanagedvCpus only means something for UNMANAGED; AWS reports 0 for managed ones.
    unmanagedvCpus: spec.type === 'UNMANAGED' ? (spec.unmanagedvCpus ?? 0) : undefined,
    computeResources:
      cr === undefined
        ? undefined
        : clean({
            type: cr.type,
            // EC2/SPOT: allocationStrategy defaults to BEST_FIT; Fargate has none.
            allocationStrategy: fargate ? undefined : (cr.allocationStrategy ?? 'BEST_FIT'),
            // EC2/SPOT: minvCpus defaults to 0. Fargate ignores min/desired and reports 0 or nothing.
            minvCpus: fargate ? undefined : (cr.minvCpus ?? 0),
            maxvCpus: cr.maxvCpus,
            desiredvCpus: fargate ? undefined : cr.desiredvCpus,
            // Lists AWS stores as sets and returns in any order, and [] for "none".
            instanceTypes: fargate ? undefined : sortedStrings(cr.instanceTypes),
            subnets: sortedStrings(cr.subnets) ?? [],
            securityGroupIds: sortedStrings(cr.securityGroupIds),
            instanceRole: nameFromInstanceProfileArn(cr.instanceRole),
            // SPOT: no bidPercentage means 100% of the On-Demand price, which AWS may report as 100.
            bidPercentage: cr.type === 'SPOT' && cr.bidPercentage !== 100 ? cr.bidPercentage : undefined,
            spotIamFleetRole: cr.spotIamFleetRole,
            // A launch template without version means `$Default`, which AWS reports explicitly,
            // with `overrides: []` when there are none.
            launchTemplate:
              cr.launchTemplate === undefined
                ? undefined
                : clean({...cr.launchTemplate, version: cr.launchTemplate.version ?? '$Default', overrides: nonEmpty(cr.launchTemplate.overrides)}),
            imageId: cr.imageId,
            ec2KeyPair: cr.ec2KeyPair,
            placementGroup: cr.placementGroup,
            // Without ec2Configuration AWS picks a default AMI type, which depends on the date of
            // creation and the instance families: see DEFAULT_IMAGE_TYPES in comparableSpecs.
            ec2Configuration: fargate ? undefined : nonEmpty(cr.ec2Configuration)?.map((c) => clean({...c})).sort(byKey((c) => c.imageType)),
            // updateToLatestImageVersion defaults to false and is reported as false.
            updateToLatestImageVersion: fargate ? undefined : (cr.updateToLatestImageVersion ?? false),
            // Instance tags: a map (order-free); AWS returns {} when none.
            tags: nonEmptyMap(cr.tags),
          }),
  })
}

function jobQueue(spec: JobQueueSpec): JobQueueSpec {
  return clean({
    priority: spec.priority,
    // CreateJobQueue: state defaults to ENABLED.
    state: spec.state ?? 'ENABLED',
    // AWS keeps the order numbers but may list the entries in any order.
    computeEnvironmentOrder: [...spec.computeEnvironmentOrder].sort((a, b) => a.order - b.order),
    schedulingPolicy: spec.schedulingPolicy,
    // [] when none.
    jobStateTimeLimitActions: nonEmpty(spec.jobStateTimeLimitActions)?.sort(byKey((a) => a.reason)),
  })
}

function schedulingPolicy(spec: SchedulingPolicySpec): SchedulingPolicySpec {
  const fs = spec.fairsharePolicy
  if (fs === undefined) return {}
  return {
    fairsharePolicy: clean({
      // FairsharePolicy: shareDecaySeconds and computeReservation default to 0.
      shareDecaySeconds: fs.shareDecaySeconds ?? 0,
      computeReservation: fs.computeReservation ?? 0,
      // ShareAttributes: weightFactor defaults to 1.0; the list is a set keyed by shareIdentifier.
      shareDistribution: nonEmpty(fs.shareDistribution)
        ?.map((s) => ({shareIdentifier: s.shareIdentifier, weightFactor: s.weightFactor ?? 1}))
        .sort(byKey((s) => s.shareIdentifier)),
    }),
  }
}

function jobDefinition(spec: JobDefinitionSpec): JobDefinitionSpec {
  const platformCapabilities = sortedStrings(spec.platformCapabilities) as Array<'EC2' | 'FARGATE'> | undefined
  const fargate = platformCapabilities?.includes('FARGATE') ?? false
  return clean({
    type: spec.type,
    containerProperties: spec.containerProperties === undefined ? undefined : container(spec.containerProperties, fargate),
    nodeProperties:
      spec.nodeProperties === undefined
        ? undefined
        : {
            numNodes: spec.nodeProperties.numNodes,
            mainNode: spec.nodeProperties.mainNode,
            nodeRangeProperties: spec.nodeProperties.nodeRangeProperties.map((r) =>
              clean({targetNodes: r.targetNodes, container: r.container === undefined ? undefined : container(r.container, false)}),
            ),
          },
    // Parameters: a map; AWS returns {} when none.
    parameters: nonEmptyMap(spec.parameters),
    // RetryStrategy: attempts defaults to 1 (no retry); AWS reports {attempts: 1} for none.
    retryStrategy: clean({
      attempts: spec.retryStrategy?.attempts ?? 1,
      evaluateOnExit: nonEmpty(spec.retryStrategy?.evaluateOnExit)?.map((e) => clean({...e})),
    }),
    // A timeout without attemptDurationSeconds is no timeout.
    timeout: spec.timeout?.attemptDurationSeconds === undefined ? undefined : {attemptDurationSeconds: spec.timeout.attemptDurationSeconds},
    // propagateTags defaults to false and is reported as false.
    propagateTags: spec.propagateTags ?? false,
    // platformCapabilities defaults to [EC2] and is reported as ["EC2"].
    platformCapabilities: platformCapabilities ?? ['EC2'],
    schedulingPriority: spec.schedulingPriority,
  })
}

/** Secrets-looking environment variable names: their values are diffed as sensitive. */
export const SECRET_ENV_NAME = /(secret|passw(or)?d|token|api[_-]?key|private[_-]?key|credential)/i

function container(spec: ContainerSpec, fargate: boolean): ContainerSpec {
  return clean({
    image: spec.image,
    // [] when none.
    command: nonEmpty(spec.command),
    // The deprecated top-level vcpus/memory are stored by AWS as resourceRequirements (and
    // the other way round in older responses): one form, as strings, sorted by type.
    resourceRequirements: resourceRequirements(spec),
    // AWS drops environment variables with an empty value, and returns the rest in any order.
    environment: nonEmpty(
      (spec.environment ?? [])
        .filter((e) => e.value !== undefined && e.value !== '')
        .map((e) => ({name: e.name, value: e.value}))
        .sort(byKey((e) => e.name)),
    ),
    // Secrets are a set keyed by name.
    secrets: nonEmpty(spec.secrets?.map((s) => ({name: s.name, valueFrom: s.valueFrom})).sort(byKey((s) => s.name))),
    jobRoleArn: spec.jobRoleArn,
    executionRoleArn: spec.executionRoleArn,
    user: spec.user,
    // privileged / readonlyRootFilesystem default to false; AWS reports false or nothing.
    privileged: spec.privileged === true ? true : undefined,
    readonlyRootFilesystem: spec.readonlyRootFilesystem === true ? true : undefined,
    instanceType: spec.instanceType,
    // Fargate: platformVersion defaults to LATEST and AWS reports it.
    fargatePlatformConfiguration: fargate ? {platformVersion: spec.fargatePlatformConfiguration?.platformVersion ?? 'LATEST'} : undefined,
    // Fargate: assignPublicIp defaults to DISABLED and AWS reports it.
    networkConfiguration: fargate ? {assignPublicIp: spec.networkConfiguration?.assignPublicIp ?? 'DISABLED'} : undefined,
    // Fargate: runtimePlatform defaults to LINUX / X86_64.
    runtimePlatform: fargate
      ? {
          operatingSystemFamily: spec.runtimePlatform?.operatingSystemFamily ?? 'LINUX',
          cpuArchitecture: spec.runtimePlatform?.cpuArchitecture ?? 'X86_64',
        }
      : spec.runtimePlatform === undefined
        ? undefined
        : clean({...spec.runtimePlatform}),
    ephemeralStorage: spec.ephemeralStorage,
    logConfiguration:
      spec.logConfiguration === undefined
        ? undefined
        : clean({
            logDriver: spec.logConfiguration.logDriver,
            options: nonEmptyMap(spec.logConfiguration.options),
            secretOptions: nonEmpty(spec.logConfiguration.secretOptions)?.sort(byKey((s) => s.name)),
          }),
    // Mount points, volumes and ulimits: [] when none.
    mountPoints: nonEmpty(spec.mountPoints),
    volumes: nonEmpty(spec.volumes),
    ulimits: nonEmpty(spec.ulimits)?.sort(byKey((u) => u.name)),
    // AWS reports linuxParameters as {devices: [], tmpfs: []} and the like when unset.
    linuxParameters: nonEmptyObject(spec.linuxParameters),
  })
}

function nonEmptyObject(value: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined
  const kept = Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
  return kept.length === 0 ? undefined : Object.fromEntries(kept)
}

function resourceRequirements(spec: ContainerSpec): ResourceRequirement[] | undefined {
  const byType = new Map<ResourceRequirement['type'], string>()
  if (spec.vcpus !== undefined) byType.set('VCPU', String(spec.vcpus))
  if (spec.memory !== undefined) byType.set('MEMORY', String(spec.memory))
  // resourceRequirements win over the legacy fields, as in AWS.
  for (const r of spec.resourceRequirements ?? []) byType.set(r.type, r.value)
  if (byType.size === 0) return undefined
  return [...byType.entries()]
    .map(([type, value]) => ({type, value: canonicalNumber(value)}))
    .sort(byKey((r) => r.type))
}

/** "1.0" and "1" are the same number of vCPUs; AWS echoes what it was given but we may have either. */
function canonicalNumber(value: string): string {
  const n = Number(value)
  return value.trim() !== '' && Number.isFinite(n) ? String(n) : value
}

// ---------------------------------------------------------------------------------------------
// scheduler and events

function invocation(target: InvocationTarget): InvocationTarget {
  switch (target.type) {
    case 'batch.submitJob':
      return clean({
        type: target.type,
        jobQueue: target.jobQueue,
        jobDefinition: target.jobDefinition,
        jobName: target.jobName,
        // Array size 0 or absent both mean "not an array job".
        arraySize: target.arraySize === undefined || target.arraySize === 0 ? undefined : target.arraySize,
        parameters: nonEmptyMap(target.parameters),
        // Batch targets: RetryStrategy.Attempts absent means 1.
        retryAttempts: target.retryAttempts === undefined || target.retryAttempts === 1 ? undefined : target.retryAttempts,
        containerOverrides: submitOverrides(target.containerOverrides),
        shareIdentifier: target.shareIdentifier,
        schedulingPriority: target.schedulingPriority,
      })
    case 'sfn.startExecution':
      return clean({
        type: target.type,
        stateMachine: target.stateMachine,
        // Input is JSON text; whitespace and key order are not meaningful.
        input: canonicalJsonText(target.input),
      })
    default:
      return assertNever(target, 'invocation target')
  }
}

/** Empty overrides are no overrides; resource requirements are a set keyed by type; values as numbers. */
function submitOverrides(o: SubmitContainerOverrides | undefined): SubmitContainerOverrides | undefined {
  if (o === undefined) return undefined
  const out = clean({
    command: o.command,
    environment: nonEmptyMap(o.environment),
    resourceRequirements:
      o.resourceRequirements === undefined || o.resourceRequirements.length === 0
        ? undefined
        : o.resourceRequirements.map((r) => ({type: r.type, value: canonicalNumber(r.value)})).sort(byKey((r) => r.type)),
  })
  return Object.keys(out).length === 0 ? undefined : out
}

function canonicalJsonText(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined
  const parsed = parsedJson(text)
  return typeof parsed === 'string' ? parsed : JSON.stringify(sortKeys(parsed))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    )
  }
  return value
}

function schedule(spec: ScheduleSpec): ScheduleSpec {
  return clean({
    group: spec.group,
    scheduleExpression: spec.scheduleExpression.trim(),
    // CreateSchedule: ScheduleExpressionTimezone defaults to UTC.
    scheduleExpressionTimezone: spec.scheduleExpressionTimezone ?? 'UTC',
    // CreateSchedule: State defaults to ENABLED.
    state: spec.state ?? 'ENABLED',
    // AWS returns no Description rather than "".
    description: spec.description === '' ? undefined : spec.description,
    // FlexibleTimeWindow is required by AWS; batchctl defaults it to OFF (no window).
    flexibleTimeWindow:
      spec.flexibleTimeWindow === undefined || spec.flexibleTimeWindow.mode === 'OFF'
        ? {mode: 'OFF'}
        : clean({...spec.flexibleTimeWindow}),
    // Dates come back as timestamps: compare as ISO instants.
    startDate: isoInstant(spec.startDate),
    endDate: isoInstant(spec.endDate),
    roleArn: spec.roleArn,
    target: invocation(spec.target),
    // RetryPolicy defaults to 86400 s maximum event age and 185 retry attempts.
    retryPolicy: {
      maximumEventAgeInSeconds: spec.retryPolicy?.maximumEventAgeInSeconds ?? 86_400,
      maximumRetryAttempts: spec.retryPolicy?.maximumRetryAttempts ?? 185,
    },
    deadLetterArn: spec.deadLetterArn,
  })
}

function isoInstant(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const t = Date.parse(value)
  return Number.isNaN(t) ? value : new Date(t).toISOString()
}

function eventRule(spec: EventRuleSpec): EventRuleSpec {
  return clean({
    // PutRule: EventBusName defaults to the account's `default` bus (an ARN works too).
    eventBusName: spec.eventBusName === undefined ? 'default' : spec.eventBusName.replace(/^arn:aws[a-z-]*:events:[^:]*:\d{12}:event-bus\//, ''),
    // DescribeRule returns EventPattern as JSON text.
    eventPattern: spec.eventPattern === undefined ? undefined : sortKeys(parsedJson(spec.eventPattern)),
    scheduleExpression: spec.scheduleExpression,
    // PutRule: State defaults to ENABLED.
    state: spec.state ?? 'ENABLED',
    description: spec.description === '' ? undefined : spec.description,
    // ListTargetsByRule returns targets in any order; they are keyed by Id.
    targets: spec.targets
      .map((t) =>
        clean({
          id: t.id,
          roleArn: t.roleArn,
          invoke: invocation(t.invoke),
          input: canonicalJsonText(t.input),
          inputTransformer:
            t.inputTransformer === undefined
              ? undefined
              : clean({inputPathsMap: nonEmptyMap(t.inputTransformer.inputPathsMap), inputTemplate: t.inputTransformer.inputTemplate}),
          // PutTargets: RetryPolicy defaults to 24 hours and 185 attempts.
          retryPolicy: {
            maximumEventAgeInSeconds: t.retryPolicy?.maximumEventAgeInSeconds ?? 86_400,
            maximumRetryAttempts: t.retryPolicy?.maximumRetryAttempts ?? 185,
          },
          deadLetterArn: t.deadLetterArn,
        }),
      )
      .sort(byKey((t) => t.id)),
  })
}

// ---------------------------------------------------------------------------------------------
// step functions and ecr

function stateMachine(spec: StateMachineSpec): StateMachineSpec {
  const logging = spec.loggingConfiguration
  return clean({
    // DescribeStateMachine returns the definition as JSON text.
    definition: sortKeys(parsedJson(spec.definition)),
    roleArn: spec.roleArn,
    // CreateStateMachine: type defaults to STANDARD.
    type: spec.type ?? 'STANDARD',
    // Logging defaults to level OFF without execution data; AWS reports that explicitly.
    loggingConfiguration: clean({
      level: logging?.level ?? 'OFF',
      includeExecutionData: logging?.includeExecutionData ?? false,
      destinations: nonEmpty(logging?.destinations),
    }),
    // Tracing defaults to disabled.
    tracingConfiguration: {enabled: spec.tracingConfiguration?.enabled ?? false},
  })
}

function repository(spec: RepositorySpec): RepositorySpec {
  return clean({
    // CreateRepository: imageTagMutability defaults to MUTABLE.
    imageTagMutability: spec.imageTagMutability ?? 'MUTABLE',
    // scanOnPush defaults to false.
    imageScanningConfiguration: {scanOnPush: spec.imageScanningConfiguration?.scanOnPush ?? false},
    // Encryption defaults to AES256 (KMS keys are reported as ARNs, which the user should give).
    encryptionConfiguration: clean({
      encryptionType: spec.encryptionConfiguration?.encryptionType ?? 'AES256',
      kmsKey: spec.encryptionConfiguration?.kmsKey,
    }),
    // GetLifecyclePolicy returns the policy as JSON text.
    lifecyclePolicy: spec.lifecyclePolicy === undefined ? undefined : sortKeys(parsedJson(spec.lifecyclePolicy)),
  })
}
