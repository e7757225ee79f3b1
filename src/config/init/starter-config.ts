import {stringify} from 'yaml'

/** The kinds of compute a starter batch.yaml can be set up for. */
export type StarterCompute = 'fargate' | 'spot' | 'ec2'

export const STARTER_COMPUTES: readonly StarterCompute[] = ['fargate', 'spot', 'ec2']

/** Where editors find the schema once batchctl is installed in the project. */
export const SCHEMA_MODELINE = '# yaml-language-server: $schema=./node_modules/batchctl/schema/batch.schema.json'

/** Options of a starter batch.yaml. */
export interface StarterOptions {
  /** Project name (already validated against the schema's pattern). */
  project: string
  compute: StarterCompute
  /** Key of the job queue (default `default`); already checked against the name rules. */
  queue?: string | undefined
  /** Key of the hello-world job definition (default `hello`). */
  job?: string | undefined
  /** Subnet IDs; REPLACE_ME placeholders when absent or empty. */
  subnets?: string[] | undefined
  /** Security group IDs; REPLACE_ME placeholders when absent or empty. */
  securityGroups?: string[] | undefined
  /** Adds a nightly schedule in this IANA time zone; without it the schedule is a commented-out example. */
  nightlyTimezone?: string | undefined
}

/** A YAML scalar for a user's answer: quoted when it would otherwise read as a number or boolean (`123`, `true`). */
function scalar(value: string): string {
  return stringify(value, {lineWidth: 0}).trimEnd()
}

/** Says what to put in place of the network placeholders, if any are left. */
function placeholderComment(haveSubnets: boolean, haveGroups: boolean): string[] {
  if (haveSubnets && haveGroups) return []
  if (haveSubnets) return ['  # Replace with a security group that allows outbound traffic.']
  if (haveGroups) return ['  # Replace with your VPC subnets.']
  return ['  # Replace with your VPC subnets and a security group that allows outbound traffic.']
}

/** The placeholder role the starter schedule assumes; `batchctl plan` needs a real one. */
const SCHEDULE_ROLE = 'arn:aws:iam::123456789012:role/REPLACE_ME-batch-scheduler'

const COMPUTE: Record<StarterCompute, {title: string; key: string; block: string[]; job: string[]}> = {
  fargate: {
    title: 'Fargate Spot',
    key: 'fargate',
    block: ['    type: FARGATE_SPOT       # or FARGATE for on-demand capacity', '    maxvCpus: 16'],
    job: ['    platform: FARGATE', '    vcpus: 0.25              # Fargate sizes: 0.25 vCPU with 512, 1024 or 2048 MiB', '    memory: 512'],
  },
  spot: {
    title: 'EC2 Spot',
    key: 'spot',
    block: [
      '    type: SPOT',
      '    minvCpus: 0',
      '    maxvCpus: 256',
      '    instanceTypes: [optimal]',
      '    allocationStrategy: SPOT_PRICE_CAPACITY_OPTIMIZED',
      '    instanceRole: ecsInstanceRole',
    ],
    job: ['    vcpus: 1', '    memory: 2048'],
  },
  ec2: {
    title: 'EC2 On-Demand',
    key: 'ec2',
    block: [
      '    type: EC2',
      '    minvCpus: 0',
      '    maxvCpus: 256',
      '    instanceTypes: [optimal]',
      '    allocationStrategy: BEST_FIT_PROGRESSIVE',
      '    instanceRole: ecsInstanceRole',
    ],
    job: ['    vcpus: 1', '    memory: 2048'],
  },
}

/** The fields of the starter that still hold REPLACE_ME values, e.g. `defaults.subnets`. */
export function starterPlaceholders(options: StarterOptions): string[] {
  return [
    ...(options.subnets?.length ? [] : ['defaults.subnets']),
    ...(options.securityGroups?.length ? [] : ['defaults.securityGroups']),
    ...(options.compute === 'fargate' ? ['defaults.executionRole'] : []),
    ...(options.nightlyTimezone !== undefined ? ['defaults.scheduleRole'] : []),
  ]
}

/**
 * A starter batch.yaml: the schema modeline for editors, one compute environment of the chosen
 * kind, a queue, a hello-world job and a commented-out schedule. Values to replace (subnets,
 * security groups, roles) say REPLACE_ME so they cannot be mistaken for real ones.
 */
export function renderStarterConfig(options: StarterOptions): string {
  const compute = COMPUTE[options.compute]
  const queue = scalar(options.queue ?? 'default')
  const job = scalar(options.job ?? 'hello')
  const subnets = options.subnets?.length ? options.subnets.map(scalar) : undefined
  const securityGroups = options.securityGroups?.length ? options.securityGroups.map(scalar) : undefined
  const zone = options.nightlyTimezone === undefined ? undefined : scalar(options.nightlyTimezone)
  const lines = [
    SCHEMA_MODELINE,
    `# batchctl project "${options.project}" on ${compute.title}. Check it with \`batchctl validate\`,`,
    '# preview the AWS changes with `batchctl plan`, then `batchctl apply`.',
    `project: ${scalar(options.project)}`,
    'region: us-east-1',
    '',
    'defaults:',
    `  queue: ${queue}`,
    ...placeholderComment(subnets !== undefined, securityGroups !== undefined),
    `  subnets: [${(subnets ?? ['subnet-REPLACE_ME']).join(', ')}]`,
    `  securityGroups: [${(securityGroups ?? ['sg-REPLACE_ME']).join(', ')}]`,
    ...(options.compute === 'fargate'
      ? ['  # Role ECS uses to pull images and write logs; Fargate jobs need one.', '  executionRole: arn:aws:iam::123456789012:role/REPLACE_ME-batch-execution']
      : []),
    ...(zone !== undefined ? ['  # Role EventBridge Scheduler assumes to submit the nightly job.', `  scheduleRole: ${SCHEDULE_ROLE}`] : []),
    '',
    'computeEnvironments:',
    `  ${compute.key}:`,
    ...compute.block,
    '',
    'jobQueues:',
    `  ${queue}:`,
    '    priority: 10',
    `    computeEnvironments: [${compute.key}]`,
    '',
    'jobDefinitions:',
    `  ${job}:`,
    '    image: public.ecr.aws/docker/library/busybox:latest',
    '    command: [echo, "hello from batchctl"]',
    ...compute.job,
    '    timeout: 600',
    '',
    ...(zone !== undefined
      ? [
          `# Run \`${options.job ?? 'hello'}\` every night at 02:00 in ${zone} (EventBridge Scheduler).`,
          'schedules:',
          '  nightly:',
          '    cron: "0 2 * * ? *"',
          `    timezone: ${zone}`,
          `    submit: {job: ${job}}`,
        ]
      : [
          `# Run \`${options.job ?? 'hello'}\` every night at 02:00 Berlin time (EventBridge Scheduler; also set`,
          '# defaults.scheduleRole to a role the scheduler may assume):',
          '# schedules:',
          '#   nightly:',
          '#     cron: "0 2 * * ? *"',
          '#     timezone: Europe/Berlin',
          `#     submit: {job: ${job}}`,
        ]),
    '',
  ]
  return lines.join('\n')
}
