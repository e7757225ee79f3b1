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
}

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

/**
 * A starter batch.yaml: the schema modeline for editors, one compute environment of the chosen
 * kind, a queue, a hello-world job and a commented-out schedule. Values to replace (subnets,
 * security groups, roles) say REPLACE_ME so they cannot be mistaken for real ones.
 */
export function renderStarterConfig(options: StarterOptions): string {
  const compute = COMPUTE[options.compute]
  const lines = [
    SCHEMA_MODELINE,
    `# batchctl project "${options.project}" on ${compute.title}. Check it with \`batchctl validate\`,`,
    '# preview the AWS changes with `batchctl plan`, then `batchctl apply`.',
    `project: ${options.project}`,
    'region: us-east-1',
    '',
    'defaults:',
    '  queue: default',
    '  # Replace with your VPC subnets and a security group that allows outbound traffic.',
    '  subnets: [subnet-REPLACE_ME]',
    '  securityGroups: [sg-REPLACE_ME]',
    ...(options.compute === 'fargate'
      ? ['  # Role ECS uses to pull images and write logs; Fargate jobs need one.', '  executionRole: arn:aws:iam::123456789012:role/REPLACE_ME-batch-execution']
      : []),
    '',
    'computeEnvironments:',
    `  ${compute.key}:`,
    ...compute.block,
    '',
    'jobQueues:',
    '  default:',
    '    priority: 10',
    `    computeEnvironments: [${compute.key}]`,
    '',
    'jobDefinitions:',
    '  hello:',
    '    image: public.ecr.aws/docker/library/busybox:latest',
    '    command: [echo, "hello from batchctl"]',
    ...compute.job,
    '    timeout: 600',
    '',
    '# Run `hello` every night at 02:00 Berlin time (EventBridge Scheduler):',
    '# schedules:',
    '#   nightly:',
    '#     cron: "0 2 * * ? *"',
    '#     timezone: Europe/Berlin',
    '#     submit: {job: hello}',
    '',
  ]
  return lines.join('\n')
}
