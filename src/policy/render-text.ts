import type {PolicyReport, RolePurpose} from './project-policies.js'

const PURPOSE: Record<RolePurpose, string> = {
  workflow: 'Step Functions workflow role',
  schedule: 'schedule role',
  trigger: 'trigger role',
  jobExecution: 'job execution role (ECS pulls the image and writes logs)',
  job: 'job role (what the job itself calls is up to you)',
}

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n')
}

/** `batchctl policy` for people: headings, then each document as pretty JSON ready to paste. */
export function renderPolicyText(report: PolicyReport): string {
  const where = `${report.project}${report.env ? ` (env ${report.env})` : ''} in ${report.region}, account ${report.account}`
  const out: string[] = [
    `IAM policies for ${where}`,
    '',
    '== Deployer: the identity that runs batchctl (plan, apply, destroy, submit, run, logs, push)',
    indent(JSON.stringify(report.deployer, null, 2)),
  ]
  for (const role of report.roles) {
    out.push('', `== Role ${role.roleArn}`, `   ${role.purposes.map((p) => PURPOSE[p]).join('; ')}; used by ${role.usedBy.join(', ')}`)
    out.push('  Trust policy:', indent(JSON.stringify(role.trustPolicy, null, 2), '    '))
    if (role.permissionPolicy) out.push('  Permission policy:', indent(JSON.stringify(role.permissionPolicy, null, 2), '    '))
    else out.push('  Permission policy: none required by batchctl')
  }
  if (report.notes.length > 0) out.push('', 'Notes:', ...report.notes.map((note) => `  - ${note}`))
  return out.join('\n') + '\n'
}
