/** Where the project's resources live; `account` may be `*` when it is not known. */
export interface ArnContext {
  partition: string
  region: string
  account: string
}

/**
 * ARN formats from the Service Authorization Reference "Resource types" tables:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsbatch.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridgescheduler.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
 */
export function arns(ctx: ArnContext) {
  const base = (service: string) => `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.account}`
  return {
    computeEnvironment: (name: string) => `${base('batch')}:compute-environment/${name}`,
    jobQueue: (name: string) => `${base('batch')}:job-queue/${name}`,
    schedulingPolicy: (name: string) => `${base('batch')}:scheduling-policy/${name}`,
    /** A job definition name matches its revisions only with `:*` (`job-definition/NAME:REVISION`). */
    jobDefinition: (name: string) => [`${base('batch')}:job-definition/${name}`, `${base('batch')}:job-definition/${name}:*`],
    anyJob: () => `${base('batch')}:job/*`,
    repository: (name: string) => `${base('ecr')}:repository/${name}`,
    scheduleGroup: (name: string) => `${base('scheduler')}:schedule-group/${name}`,
    schedulesIn: (group: string) => `${base('scheduler')}:schedule/${group}/*`,
    /** Rules on the default bus are `rule/NAME`; on another bus `rule/BUS/NAME`. */
    rule: (name: string, bus?: string) => `${base('events')}:rule/${bus === undefined || bus === 'default' ? '' : `${bus}/`}${name}`,
    stateMachine: (name: string) => `${base('states')}:stateMachine:${name}`,
    executionsOf: (machine: string) => `${base('states')}:execution:${machine}:*`,
    logGroup: (name: string) => [`${base('logs')}:log-group:${name}`, `${base('logs')}:log-group:${name}:*`],
    ssmParameter: (name: string) => `${base('ssm')}:parameter${name.startsWith('/') ? '' : '/'}${name}`,
    /** IAM is global: no region in its ARNs. */
    role: (name: string) => `arn:${ctx.partition}:iam::${ctx.account}:role/${name}`,
  }
}

export type Arns = ReturnType<typeof arns>

/** The bus name of an EventBridge bus ARN (`event-bus/NAME`), or the value when it is a name. */
export function busName(bus: string | undefined): string | undefined {
  if (bus === undefined || !bus.startsWith('arn:')) return bus
  return bus.slice(bus.indexOf('event-bus/') + 'event-bus/'.length)
}

/** The account and partition in the first IAM ARN among `values`, if any. */
export function accountFromArns(values: Array<string | undefined>): {account: string; partition: string} | undefined {
  for (const value of values) {
    const match = value?.match(/^arn:(aws[a-z-]*):iam::(\d{12}):/)
    if (match) return {partition: match[1]!, account: match[2]!}
  }
  return undefined
}

/** An IAM role ARN for a role given as ARN, as a bare name, or as an instance profile (name or ARN). */
export function roleArn(value: string, a: Arns): string {
  if (value.startsWith('arn:')) return value.replace(':instance-profile/', ':role/')
  return a.role(value)
}
