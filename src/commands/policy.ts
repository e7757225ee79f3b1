import {Flags} from '@oclif/core'

import {BaseCommand, projectFlags} from '../cli/base-command.js'
import {loadConfig} from '../config/load-config.js'
import {resolveRegion} from '../services/aws-session.js'
import {projectPolicies, type PolicyReport} from '../policy/project-policies.js'
import {renderPolicyText} from '../policy/render-text.js'
import {loadWorkflowDefinitions} from '../workflows/load-definitions.js'

export default class PolicyCommand extends BaseCommand {
  static override summary = 'Print the IAM policies this batch.yaml needs.'
  static override description = `Prints (a) the permissions of the identity that runs batchctl, scoped to the project's resource names (\`<project>[-<env>]-*\`) wherever the service supports resource-level permissions, and (b) for each role batch.yaml names (workflow, schedule, trigger, job execution and job roles) its trust policy and the permissions AWS needs when it assumes it. Nothing is sent to AWS.

The account comes from --account, else from the role ARNs in batch.yaml, else \`*\`.`

  static override examples = [
    {description: 'Policies for ./batch.yaml, with headings.', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'The prod environment as JSON documents.', command: '<%= config.bin %> <%= command.id %> --env prod --json'},
    {description: 'Pin the account and region of the ARNs.', command: '<%= config.bin %> <%= command.id %> --account 123456789012 --region eu-west-1'},
  ]

  static override flags = {
    ...projectFlags,
    region: Flags.string({summary: 'Region in the ARNs (default: batch.yaml `region`, then AWS_REGION, then us-east-1).'}),
    account: Flags.string({summary: 'Account ID in the ARNs (default: the one in batch.yaml role ARNs, else `*`).'}),
  }

  async run(): Promise<PolicyReport> {
    const {flags} = await this.parse(PolicyCommand)
    const loaded = loadConfig(flags.file, flags.env === undefined ? {} : {env: flags.env})
    const report = projectPolicies(loaded.config, {
      ...(loaded.env === undefined ? {} : {env: loaded.env}),
      region: resolveRegion({...(flags.region ? {region: flags.region} : {}), ...(loaded.config.region ? {configRegion: loaded.config.region} : {})}),
      ...(flags.account === undefined ? {} : {account: flags.account}),
      workflowDefinitions: loadWorkflowDefinitions(loaded.config, loaded.baseDir),
    })
    if (!this.jsonEnabled()) process.stdout.write(renderPolicyText(report))
    return report
  }
}
