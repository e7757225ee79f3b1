import type {WorkflowStep} from '../config/types.generated.js'
import {roleArn} from './arns.js'
import {keys, type PolicyContext, PRINCIPAL} from './policy-context.js'

/**
 * The rule Step Functions manages to learn when `.sync` Batch jobs end:
 * https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html
 */
const SFN_BATCH_RULE = 'StepFunctionsGetEventsForBatchJobsRule'

/** Step Functions: the deployer's state machine and execution statements, and each workflow role. */
export function workflowStatements(ctx: PolicyContext): void {
  const {config, defaults: d, name, everyName, a, deployer, roles, notes} = ctx
  const workflows = keys(config.workflows)
  if (workflows.length > 0) {
    deployer.add('StatesRead', ['states:ListStateMachines'], ['*'])
    deployer.add(
      'StatesStateMachines',
      ['states:CreateStateMachine', 'states:UpdateStateMachine', 'states:DeleteStateMachine', 'states:DescribeStateMachine', 'states:TagResource', 'states:UntagResource', 'states:ListTagsForResource', 'states:StartExecution', 'states:ListExecutions'],
      [a.stateMachine(everyName)],
    )
    deployer.add(
      'StatesExecutions',
      ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StopExecution', 'states:DescribeStateMachineForExecution'],
      [a.executionsOf(everyName)],
    )
    const workflowRoles = new Set<string>()
    for (const [key, workflow] of workflows) {
      const role = workflow.role ?? d.workflowRole
      if (role === undefined) continue
      workflowRoles.add(roleArn(role, a))
      const set = roles.use(roleArn(role, a), 'workflow', PRINCIPAL.states, `workflows.${key}`)
      const usage = workflowBatchUsage(workflow.steps, ctx.workflowDefinitions[key], d.queue)
      if (usage.unknownTargets) {
        notes.push(`workflows.${key}: its definition file names its queues and job definitions; the role may submit to every queue and job definition of the project.`)
      }
      const queuesUsed = usage.unknownTargets ? [a.jobQueue(everyName)] : usage.queues.map((q) => a.jobQueue(name(q)))
      const jobsUsed = usage.unknownTargets ? a.jobDefinition(everyName) : usage.jobs.flatMap((j) => a.jobDefinition(name(j)))
      if (usage.submits) set.add('SubmitJob', ['batch:SubmitJob'], [...queuesUsed, ...jobsUsed])
      if (usage.sync) {
        // AWS: https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html — Run a Job (.sync)
        set.add('DescribeJobs', ['batch:DescribeJobs'], ['*'])
        set.add('TerminateJobs', ['batch:TerminateJob'], [a.anyJob()])
        set.add('BatchJobEvents', ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], [a.rule(SFN_BATCH_RULE)])
      }
    }
    deployer.add('PassRolesToStates', ['iam:PassRole'], [...workflowRoles], {StringEquals: {'iam:PassedToService': PRINCIPAL.states}})
  }
}

interface BatchUsage {
  submits: boolean
  sync: boolean
  queues: string[]
  jobs: string[]
  /** A definition file: the queues and job definitions are not known by key. */
  unknownTargets: boolean
}

/** The queues and job definitions a workflow's steps submit to; every step is a `.sync` SubmitJob. */
function workflowBatchUsage(
  steps: WorkflowStep[] | undefined,
  definition: unknown,
  defaultQueue: string | undefined,
): BatchUsage {
  if (steps !== undefined) {
    const queues = [...new Set(steps.map((s) => s.queue ?? defaultQueue).filter((q): q is string => q !== undefined))]
    const jobs = [...new Set(steps.map((s) => s.job))]
    return {submits: true, sync: true, queues, jobs, unknownTargets: false}
  }
  const text = JSON.stringify(definition ?? {})
  return {submits: text.includes(':batch:submitJob'), sync: text.includes(':batch:submitJob.sync'), queues: [], jobs: [], unknownTargets: true}
}
