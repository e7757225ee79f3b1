import {GetCallerIdentityCommand, type STSClient} from '@aws-sdk/client-sts'

/**
 * ARNs of the resources schedules, rules and workflows point at, built from the region and the
 * caller's account and partition: one STS GetCallerIdentity per instance (the caller's ARN names
 * the partition), as the Batch adapter does. Values that already are ARNs are returned as given.
 */
export class CallerArns {
  private identity: Promise<{partition: string; account: string}> | undefined

  constructor(
    private readonly sts: STSClient,
    private readonly region: string,
  ) {}

  /** `arn:<partition>:batch:<region>:<account>:job-queue/<name>`. */
  jobQueue(nameOrArn: string): Promise<string> {
    return this.build(nameOrArn, (p, a) => `arn:${p}:batch:${this.region}:${a}:job-queue/${nameOrArn}`)
  }

  /**
   * `arn:<partition>:batch:<region>:<account>:job-definition/<name>`, without a revision when the
   * name has none: SubmitJob then takes the latest ACTIVE revision, so registering a new revision
   * never breaks a schedule or a rule
   * (https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html, `jobDefinition`).
   */
  jobDefinition(nameOrArn: string): Promise<string> {
    return this.build(nameOrArn, (p, a) => `arn:${p}:batch:${this.region}:${a}:job-definition/${nameOrArn}`)
  }

  /** `arn:<partition>:states:<region>:<account>:stateMachine:<name>`. */
  stateMachine(nameOrArn: string): Promise<string> {
    return this.build(nameOrArn, (p, a) => `arn:${p}:states:${this.region}:${a}:stateMachine:${nameOrArn}`)
  }

  /** The partition of the caller (`aws`, `aws-cn`, `aws-us-gov`). */
  async partition(): Promise<string> {
    return (await this.whoAmI()).partition
  }

  private async build(nameOrArn: string, make: (partition: string, account: string) => string): Promise<string> {
    if (nameOrArn.startsWith('arn:')) return nameOrArn
    const {partition, account} = await this.whoAmI()
    return make(partition, account)
  }

  private whoAmI(): Promise<{partition: string; account: string}> {
    this.identity ??= this.sts.send(new GetCallerIdentityCommand({})).then((out) => ({
      partition: out.Arn?.split(':')[1] ?? 'aws',
      account: out.Account ?? '',
    }))
    // A failed call (expired credentials, throttling beyond retries) is not cached.
    return this.identity.catch((error: unknown) => {
      this.identity = undefined
      throw error
    })
  }
}
