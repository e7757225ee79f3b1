import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig, JobDefinition} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {resolveJobPlatform} from './platform.js'

/**
 * Job definition settings that depend on each other (RegisterJobDefinition):
 * - Fargate jobs, and jobs with `secrets`, need an execution role (own or `defaults.executionRole`);
 * - an EFS volume with an access point or IAM authorization needs `transitEncryption: true`;
 * - volume names are unique within a job.
 */
export function checkJobDefinitions(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [key, job] of entries(config.jobDefinitions)) {
    const base = ['jobDefinitions', key]
    const hasRole = job.executionRole !== undefined || config.defaults?.executionRole !== undefined
    if (!hasRole) {
      const why = resolveJobPlatform(config, key) === 'FARGATE' ? 'runs on Fargate' : job.secrets !== undefined && Object.keys(job.secrets).length > 0 ? 'reads `secrets`' : undefined
      if (why !== undefined) {
        out.push(
          diagnostic('missing-execution-role', base, `Job "${key}" ${why} and so needs an execution role, but neither \`executionRole\` nor \`defaults.executionRole\` is set.`, {
            expected: '`executionRole: arn:aws:iam::<account>:role/<name>` on the job or under `defaults`',
            hint: 'the role needs AmazonECSTaskExecutionRolePolicy (and read access to the secrets)',
            atKey: true,
          }),
        )
      }
    }
    checkVolumes(out, base, job)
  }
  return out
}

function checkVolumes(out: Diagnostic[], base: Diagnostic['path'], job: JobDefinition): void {
  const seen = new Set<string>()
  for (const [i, volume] of (job.volumes ?? []).entries()) {
    const path = [...base, 'volumes', i]
    if (seen.has(volume.name)) {
      out.push(diagnostic('duplicate-volume', [...path, 'name'], `Volume name "${volume.name}" is used twice in job "${String(base[1])}".`, {expected: 'unique volume names'}))
    }
    seen.add(volume.name)
    if (volume.efs !== undefined && volume.hostPath !== undefined) {
      out.push(diagnostic('conflicting-volume', [...path, 'hostPath'], `Volume "${volume.name}" sets both \`efs\` and \`hostPath\`.`, {expected: 'one of `efs` or `hostPath`', atKey: true}))
    }
    const efs = volume.efs
    if (efs !== undefined && efs.transitEncryption !== true && (efs.accessPointId !== undefined || efs.iam === true)) {
      out.push(
        diagnostic('efs-needs-encryption', [...path, 'efs'], `EFS volume "${volume.name}" uses ${efs.accessPointId !== undefined ? 'an access point' : 'IAM authorization'}, which requires encryption in transit.`, {
          expected: '`transitEncryption: true`',
          hint: 'add `transitEncryption: true` to the `efs` block',
          atKey: true,
        }),
      )
    }
  }
}
