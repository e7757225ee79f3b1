import {Flags} from '@oclif/core'

import {awsFlags, BaseCommand, projectFlags} from '../cli/base-command.js'
import {withProjectSession} from '../cli/project-session.js'
import {resolveImageUris} from '../services/images.js'
import {planProject} from '../services/planning.js'
import {writeSavedPlan} from '../services/saved-plan.js'
import {schedulePreviews} from '../desired/schedules.js'
import {showPlan} from '../ui/plan/show-plan.js'
import type {Plan} from '../plan/index.js'

export default class PlanCommand extends BaseCommand {
  static override summary = 'Show what apply would change in AWS to match batch.yaml.'
  static override description = `Reads batch.yaml and the project's resources in AWS (Batch, ECR, EventBridge, Scheduler,
Step Functions) and lists every create (+), update (~), replace (-/+) and delete (-) with the
fields that differ. Nothing in AWS changes. Resources with a wanted name that this project does
not own are reported as errors, never planned.

Exit status: 0 success; with --detailed-exitcode 0 = no changes, 2 = changes, 1 = error.`

  static override examples = [
    {description: 'Plan ./batch.yaml against AWS.', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'Plan the prod environment and save it for `apply plan.json`.', command: '<%= config.bin %> <%= command.id %> --env prod --out plan.json'},
    {description: 'In CI: exit 2 when there are changes.', command: '<%= config.bin %> <%= command.id %> --detailed-exitcode --json'},
    {description: 'Against the embedded emulator.', command: '<%= config.bin %> <%= command.id %> --local'},
  ]

  static override flags = {
    ...projectFlags,
    ...awsFlags,
    out: Flags.string({summary: 'Write the plan to this file for `batchctl apply <file>`.'}),
    'detailed-exitcode': Flags.boolean({summary: 'Exit 2 when the plan has changes, 0 when it has none.', default: false}),
    'keep-revisions': Flags.integer({summary: 'ACTIVE job definition revisions kept besides the newest.', default: 1, min: 0}),
  }

  async run(): Promise<Plan> {
    const {flags} = await this.parse(PlanCommand)
    return withProjectSession(flags, async ({loaded, session, registry, images}) => {
      const imageUris = await resolveImageUris(images)
      const {plan, query} = await planProject(loaded, registry.adapters, {keepRevisions: flags['keep-revisions'], imageUris, region: session.target.region, accountId: () => session.accountId()})
      if (flags.out) {
        writeSavedPlan(flags.out, {
          file: loaded.file,
          ...(loaded.env === undefined ? {} : {env: loaded.env}),
          region: session.target.region,
          local: session.local,
          query,
          plan,
        })
      }
      if (!this.jsonEnabled()) {
        showPlan(plan, {region: session.target.region, schedules: schedulePreviews(loaded.config, {from: new Date()})})
        if (flags.out) this.logToStderr(`Saved the plan to ${flags.out}; apply it with \`batchctl apply ${flags.out}\`.`)
      }
      if (plan.errors.length > 0) process.exitCode = 1
      else if (flags['detailed-exitcode'] && plan.changes.length > 0) process.exitCode = 2
      return plan
    })
  }
}
