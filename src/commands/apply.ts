import {Args, Flags} from '@oclif/core'
import {dirname, resolve} from 'node:path'

import {awsFlags, BaseCommand, projectFlags} from '../cli/base-command.js'
import {runApplyFlow, type ApplyFlowResult} from '../cli/apply-flow.js'
import {withProjectSession} from '../cli/project-session.js'
import {createAdapters} from '../aws/adapters.js'
import {assertFresh} from '../services/applying.js'
import {openSession} from '../services/aws-session.js'
import {schedulePreviews} from '../desired/schedules.js'
import {resolveImageUris, withImageBuilds} from '../services/images.js'
import {planProject} from '../services/planning.js'
import {readSavedPlan} from '../services/saved-plan.js'

export const applyFlags = {
  'auto-approve': Flags.boolean({summary: 'Skip the confirmation prompt (for CI).', default: false}),
  concurrency: Flags.integer({summary: 'Changes carried out at once.', default: 4, min: 1, max: 32}),
}

export default class Apply extends BaseCommand {
  static override summary = 'Change AWS to match batch.yaml, exactly as `plan` shows.'
  static override description = `Plans (or reads a plan saved with \`plan --out\`), shows it, asks for confirmation on a
terminal, then carries out exactly those changes in dependency order, independent ones in
parallel, with live progress. A saved plan is refused when AWS changed since it was made.
On a failure or Ctrl-C no new change starts; what was done and what was not is listed, and
running apply again continues from there.`

  static override examples = [
    {description: 'Plan and apply ./batch.yaml after confirmation.', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'In CI: apply a reviewed plan file without a prompt.', command: '<%= config.bin %> <%= command.id %> plan.json --auto-approve'},
    {description: 'Only one job queue (and what it needs).', command: '<%= config.bin %> <%= command.id %> --target batch.jobQueue/default'},
    {description: 'Against the embedded emulator.', command: '<%= config.bin %> <%= command.id %> --local --auto-approve'},
  ]

  static override args = {
    planFile: Args.string({description: 'A plan written by `batchctl plan --out`.', required: false}),
  }

  static override flags = {
    ...projectFlags,
    ...awsFlags,
    ...applyFlags,
    target: Flags.string({summary: 'Apply only this change id (kind/name, as in `plan --json`) and what it needs.', multiple: true}),
    'keep-revisions': Flags.integer({summary: 'ACTIVE job definition revisions kept besides the newest.', default: 1, min: 0}),
  }

  async run(): Promise<ApplyFlowResult> {
    const {args, flags} = await this.parse(Apply)
    const common = {
      autoApprove: flags['auto-approve'],
      json: this.jsonEnabled(),
      concurrency: flags.concurrency,
      ...(flags.target ? {targets: flags.target} : {}),
      verb: 'apply' as const,
    }
    const outcome = args.planFile
      ? await this.applySaved(args.planFile, flags, common)
      : await withProjectSession(flags, async ({loaded, session, registry, images}) => {
          const imageUris = await resolveImageUris(images)
          const {plan, query} = await planProject(loaded, registry.adapters, {keepRevisions: flags['keep-revisions'], imageUris, region: session.target.region, accountId: () => session.accountId()})
          const adapters = withImageBuilds(registry.adapters, images)
          const schedules = schedulePreviews(loaded.config, {from: new Date()})
          // Another apply may have finished while this one waited for the lock or for a "yes".
          const recheck = () => assertFresh(plan, query, registry.adapters, false)
          return runApplyFlow({plan, adapters, region: session.target.region, projectDir: loaded.baseDir, schedules, recheck, ...common})
        })
    if (outcome.result && !outcome.result.ok) process.exitCode = 1
    return outcome
  }

  private async applySaved(
    file: string,
    flags: {region?: string; profile?: string; local: boolean},
    common: Omit<Parameters<typeof runApplyFlow>[0], 'plan' | 'adapters' | 'region' | 'projectDir'>,
  ): Promise<ApplyFlowResult> {
    const saved = readSavedPlan(file)
    const projectDir = dirname(resolve(saved.file))
    const session = await openSession({
      region: flags.region ?? saved.region,
      ...(flags.profile ? {profile: flags.profile} : {}),
      local: flags.local || saved.local,
      projectDir,
    })
    try {
      const registry = createAdapters(session.clients)
      // Checked under the lock; with a prompt also before it (no point asking about a stale plan).
      const recheck = () => assertFresh(saved.plan, saved.query, registry.adapters)
      if (!common.autoApprove) await recheck()
      return await runApplyFlow({plan: saved.plan, adapters: registry.adapters, region: session.target.region, projectDir, recheck, ...common})
    } finally {
      await session.close()
    }
  }
}
