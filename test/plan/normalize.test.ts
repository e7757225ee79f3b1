/**
 * Each normalisation rule: a desired spec and the live spec as AWS returns it plan as no change.
 * Every row also checks that the AWS shape really differs from the desired one, so no row passes
 * by comparing a spec with itself. Response shapes follow the AWS API references:
 * Batch DescribeComputeEnvironments / DescribeJobQueues / DescribeJobDefinitions /
 * DescribeSchedulingPolicies (https://docs.aws.amazon.com/batch/latest/APIReference/),
 * Scheduler GetSchedule (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_GetSchedule.html),
 * EventBridge DescribeRule / ListTargetsByRule, Step Functions DescribeStateMachine, ECR
 * DescribeRepositories / GetLifecyclePolicy.
 */
import {describe, expect, it} from 'vitest'
import {canonicalJson, type AnyResource, type Resource, type SpecByKind} from '../../src/model/index.js'
import {plan} from '../../src/plan/index.js'
import {
  ACCOUNT,
  computeEnvironment,
  eventRule,
  fargateEnvironment,
  jobDefinition,
  jobQueue,
  linksToArns,
  liveOf,
  model,
  repository,
  schedule,
  scheduleGroup,
  schedulingPolicy,
  snapshot,
  stateMachine,
} from './builders.js'

type Row = [rule: string, desired: AnyResource, aws: unknown]

const ce = computeEnvironment('spot')
const ceCr = ce.spec.computeResources!
const jd = jobDefinition('align')
const jdc = jd.spec.containerProperties!
const q = jobQueue('q', ['a', 'b'])
const sched = schedule('nightly', 'crons', 'q', 'align')
const rule = eventRule('on-upload', 'q', 'align')
const ruleTarget = rule.spec.targets[0]!
const fargateJd = jobDefinition('f', {vcpus: 0.25, memory: 512}, {platformCapabilities: ['FARGATE']})

const rows: Row[] = [
  // compute environments
  ['CE: state defaults to ENABLED', ce, {...ce.spec, state: 'ENABLED'}],
  ['CE: no serviceRole is reported as the AWSServiceRoleForBatch service-linked role', ce, {...ce.spec, serviceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`}],
  ['CE: allocationStrategy defaults to BEST_FIT', computeEnvironment('e', {type: 'EC2', allocationStrategy: undefined}), {type: 'MANAGED', computeResources: {...ceCr, type: 'EC2', allocationStrategy: 'BEST_FIT'}}],
  ['CE: minvCpus defaults to 0', ce, {...ce.spec, computeResources: {...ceCr, minvCpus: 0}}],
  ['CE: desiredvCpus moved by AWS is ignored', computeEnvironment('spot', {desiredvCpus: 0}), {...ce.spec, computeResources: {...ceCr, desiredvCpus: 48}}],
  ['CE: instanceTypes, subnets and security groups are sets', computeEnvironment('spot', {instanceTypes: ['m5', 'c5'], subnets: ['s-2', 's-1']}), {...ce.spec, computeResources: {...ceCr, instanceTypes: ['c5', 'm5'], subnets: ['s-1', 's-2']}}],
  ['CE: empty securityGroupIds is no security groups', computeEnvironment('spot', {securityGroupIds: undefined}), {...ce.spec, computeResources: {...ceCr, securityGroupIds: []}}],
  ['CE: instanceRole is reported as an instance-profile ARN', ce, {...ce.spec, computeResources: {...ceCr, instanceRole: `arn:aws:iam::${ACCOUNT}:instance-profile/ecsInstanceRole`}}],
  ['CE: SPOT bidPercentage absent means 100', ce, {...ce.spec, computeResources: {...ceCr, bidPercentage: 100}}],
  ['CE: launch template version defaults to $Default', computeEnvironment('spot', {launchTemplate: {launchTemplateName: 'lt'}}), {...ce.spec, computeResources: {...ceCr, launchTemplate: {launchTemplateName: 'lt', version: '$Default'}}}],
  ['CE: ec2Configuration defaults to ECS_AL2 (CEs created before 2026)', ce, {...ce.spec, computeResources: {...ceCr, ec2Configuration: [{imageType: 'ECS_AL2'}]}}],
  ['CE: ec2Configuration defaults to ECS_AL2023_NVIDIA (GPU families, 2026 on)', computeEnvironment('spot', {instanceTypes: ['p4d']}), {...ce.spec, computeResources: {...ceCr, instanceTypes: ['p4d'], ec2Configuration: [{imageType: 'ECS_AL2023_NVIDIA'}]}}],
  ['CE: launch template overrides [] is none', computeEnvironment('spot', {launchTemplate: {launchTemplateName: 'lt', version: '$Latest'}}), {...ce.spec, computeResources: {...ceCr, launchTemplate: {launchTemplateName: 'lt', version: '$Latest', overrides: []}}}],
  ['CE: updateToLatestImageVersion defaults to false', ce, {...ce.spec, computeResources: {...ceCr, updateToLatestImageVersion: false}}],
  ['CE: no instance tags is {}', ce, {...ce.spec, computeResources: {...ceCr, tags: {}}}],
  ['CE: managed CEs report unmanagedvCpus 0', ce, {...ce.spec, unmanagedvCpus: 0}],
  ['CE: Fargate reports min/desired 0 and no strategy', fargateEnvironment('f'), {type: 'MANAGED', computeResources: {...fargateEnvironment('f').spec.computeResources, minvCpus: 0, desiredvCpus: 0, instanceTypes: []}}],
  // job queues
  ['JQ: state defaults to ENABLED; CEs by ARN in any order', q, {...linksToArns(q.spec), state: 'ENABLED', computeEnvironmentOrder: [...linksToArns(q.spec).computeEnvironmentOrder].reverse()}],
  ['JQ: no jobStateTimeLimitActions is []', q, {...linksToArns(q.spec), jobStateTimeLimitActions: []}],
  // scheduling policies
  ['SP: decay, reservation and weight defaults', schedulingPolicy('fair'), {fairsharePolicy: {shareDecaySeconds: 0, computeReservation: 0, shareDistribution: [{shareIdentifier: 'a', weightFactor: 1}]}}],
  ['SP: share distribution is a set', schedulingPolicy('fair', {fairsharePolicy: {shareDistribution: [{shareIdentifier: 'b'}, {shareIdentifier: 'a'}]}}), {fairsharePolicy: {shareDistribution: [{shareIdentifier: 'a'}, {shareIdentifier: 'b'}]}}],
  // job definitions
  ['JD: vcpus/memory are stored as resourceRequirements strings', jd, {...jd.spec, containerProperties: {...jdc, vcpus: undefined, memory: undefined, resourceRequirements: [{type: 'MEMORY', value: '4096'}, {type: 'VCPU', value: '2'}]}}],
  ['JD: resourceRequirements "2.0" is 2', jobDefinition('align', {vcpus: undefined, memory: undefined, resourceRequirements: [{type: 'VCPU', value: '2.0'}]}), {...jd.spec, containerProperties: {...jdc, vcpus: undefined, memory: undefined, resourceRequirements: [{type: 'VCPU', value: '2'}]}}],
  ['JD: environment variables with empty values are dropped; order is free', jobDefinition('align', {environment: [{name: 'B', value: '2'}, {name: 'EMPTY', value: ''}, {name: 'A', value: '1'}]}), {...jd.spec, containerProperties: {...jdc, environment: [{name: 'A', value: '1'}, {name: 'B', value: '2'}]}}],
  ['JD: secrets are a set', jobDefinition('align', {secrets: [{name: 'Y', valueFrom: 'arn:y'}, {name: 'X', valueFrom: 'arn:x'}]}), {...jd.spec, containerProperties: {...jdc, secrets: [{name: 'X', valueFrom: 'arn:x'}, {name: 'Y', valueFrom: 'arn:y'}]}}],
  ['JD: empty lists and maps come back as [] and {}', jobDefinition('align', {command: undefined}), {...jd.spec, parameters: {}, containerProperties: {...jdc, command: [], environment: [], secrets: [], mountPoints: [], volumes: [], ulimits: [], linuxParameters: {devices: [], tmpfs: []}}}],
  ['JD: propagateTags defaults to false', jd, {...jd.spec, propagateTags: false}],
  ['JD: retry attempts default to 1', jd, {...jd.spec, retryStrategy: {attempts: 1, evaluateOnExit: []}}],
  ['JD: platformCapabilities default to EC2', jd, {...jd.spec, platformCapabilities: ['EC2']}],
  ['JD: privileged/readonlyRootFilesystem default to false', jd, {...jd.spec, containerProperties: {...jdc, privileged: false, readonlyRootFilesystem: false}}],
  ['JD: a timeout without duration is no timeout', jd, {...jd.spec, timeout: {}}],
  [
    'JD: Fargate platformVersion LATEST, assignPublicIp DISABLED, runtime LINUX/X86_64',
    fargateJd,
    {...fargateJd.spec, containerProperties: {...fargateJd.spec.containerProperties!, fargatePlatformConfiguration: {platformVersion: 'LATEST'}, networkConfiguration: {assignPublicIp: 'DISABLED'}, runtimePlatform: {operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64'}}},
  ],
  // schedules
  ['Schedule: timezone UTC, state ENABLED, flexible window OFF, retry policy 86400 s / 185', sched, {...linksToArns(sched.spec), scheduleExpressionTimezone: 'UTC', state: 'ENABLED', flexibleTimeWindow: {mode: 'OFF'}, retryPolicy: {maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185}}],
  ['Schedule: an empty description is none; arraySize 0 is no array', {...sched, spec: {...sched.spec, description: ''}}, {...linksToArns(sched.spec), target: {...linksToArns(sched.spec).target, arraySize: 0}}],
  ['Schedule: dates compare as instants', {...sched, spec: {...sched.spec, startDate: '2027-01-01T00:00:00Z'}}, {...linksToArns(sched.spec), startDate: '2027-01-01T01:00:00.000+01:00'}],
  ['Schedule: a job definition link by revision ARN means the job definition', sched, {...linksToArns(sched.spec), target: {...linksToArns(sched.spec).target, jobDefinition: {external: `arn:aws:batch:us-east-1:${ACCOUNT}:job-definition/genomics-align:7`}}}],
  // rules
  ['Rule: event bus default, pattern as JSON text, state ENABLED', rule, {...linksToArns(rule.spec), eventBusName: 'default', eventPattern: '{ "detail-type": ["Object Created"], "source": ["aws.s3"] }', state: 'ENABLED'}],
  ['Rule: the event bus may be reported as an ARN', rule, {...linksToArns(rule.spec), eventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`}],
  [
    'Rule: targets are a set keyed by id; Batch retry attempts 1 is none; input JSON whitespace is free',
    {...rule, spec: {...rule.spec, targets: [{...ruleTarget, id: 'b', input: '{"b": 1, "a": 2}'}, {...ruleTarget, id: 'a'}]}},
    {...linksToArns(rule.spec), targets: [{...linksToArns(ruleTarget), id: 'a', invoke: {...linksToArns(ruleTarget).invoke, retryAttempts: 1}}, {...linksToArns(ruleTarget), id: 'b', input: '{"a":2,"b":1}'}]},
  ],
  // state machines
  ['SFN: definition as JSON text, type STANDARD, logging OFF, tracing off', stateMachine('p'), {...stateMachine('p').spec, definition: JSON.stringify(stateMachine('p').spec.definition, null, 2), type: 'STANDARD', loggingConfiguration: {level: 'OFF', includeExecutionData: false, destinations: []}, tracingConfiguration: {enabled: false}}],
  // repositories
  ['ECR: MUTABLE, scanOnPush false, AES256', repository('w'), {imageTagMutability: 'MUTABLE', imageScanningConfiguration: {scanOnPush: false}, encryptionConfiguration: {encryptionType: 'AES256'}}],
  ['ECR: the lifecycle policy comes back as JSON text', repository('w', {lifecyclePolicy: {rules: [{rulePriority: 1}]}}), {lifecyclePolicy: '{"rules":[{"rulePriority":1}]}'}],
]

describe('normalisation: the AWS view of a desired spec plans as no change', () => {
  it.each(rows)('%s', (_rule, desired, aws) => {
    expect(canonicalJson(aws)).not.toBe(canonicalJson(linksToArns(desired.spec)))
    // The job definition spec-hash shortcut is disabled here so the rule itself is exercised.
    const live = liveOf(desired as Resource, {spec: aws as SpecByKind[typeof desired.kind], tags: {'batchctl:spec-hash': 'not-this-spec'}})
    const support = [scheduleGroup('crons'), jobQueue('q', []), jobDefinition('align'), computeEnvironment('a'), computeEnvironment('b')].filter(
      (r) => !(r.kind === desired.kind && r.logicalName === desired.logicalName),
    ) as AnyResource[]
    const result = plan(model([...support, desired]), snapshot([...support.map((r) => liveOf(r as Resource)), live] as never))
    expect(result.errors).toEqual([])
    expect(result.changes).toEqual([])
  })

  it('an explicit ec2Configuration is compared with what AWS reports (no default hides a real change)', () => {
    const live = liveOf(ce, {spec: {...ce.spec, computeResources: {...ceCr, ec2Configuration: [{imageType: 'ECS_AL2'}]}}})
    const desired = computeEnvironment('spot', {ec2Configuration: [{imageType: 'ECS_AL2023'}]})
    const change = plan(model([desired]), snapshot([live])).changes[0]
    expect(change?.diffs).toEqual([{path: 'computeResources.ec2Configuration[0].imageType', before: 'ECS_AL2', after: 'ECS_AL2023', sensitive: false}])
  })

  it('a real difference hidden among normalised ones is still found', () => {
    const live = liveOf(jd, {spec: {...jd.spec, propagateTags: false, containerProperties: {...jdc, vcpus: undefined, memory: undefined, resourceRequirements: [{type: 'VCPU', value: '2'}, {type: 'MEMORY', value: '8192'}]}}, tags: {'batchctl:spec-hash': 'x'}})
    const result = plan(model([jd]), snapshot([live]))
    expect(result.changes[0]?.diffs).toEqual([{path: 'containerProperties.resourceRequirements[type=MEMORY].value', before: '8192', after: '4096', sensitive: false}])
  })

  it('job definitions registered from this exact spec (spec-hash tag) are unchanged whatever AWS echoes', () => {
    const live = liveOf(jd, {spec: {...jd.spec, containerProperties: {...jdc, someNewAwsDefault: true} as never}})
    expect(plan(model([jd]), snapshot([live])).changes).toEqual([])
  })
})
