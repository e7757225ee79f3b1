import type {LayeredImage} from '../config/types.generated.js'
import type {ImageConfig} from './media-types.js'

/** Fixed creation time: the same inputs must give the same config digest. */
export const FIXED_CREATED = '1970-01-01T00:00:00Z'

export interface AddedLayer {
  diffId: string
  createdBy: string
}

/**
 * Derives the new image config from the base's: layers appended, Env merged by name,
 * Entrypoint/Cmd with Docker's rule (a new ENTRYPOINT clears an inherited CMD), WorkingDir,
 * User and Labels as declared. Unknown fields of the base config are carried through.
 */
export function deriveConfig(base: ImageConfig, spec: LayeredImage, layers: AddedLayer[]): ImageConfig {
  const inner = {...base.config}
  if (spec.env) {
    const env = new Map((inner.Env ?? []).map((line) => [line.split('=')[0]!, line] as const))
    for (const name of Object.keys(spec.env).sort()) env.set(name, `${name}=${spec.env[name]}`)
    inner.Env = [...env.values()]
  }
  if (spec.entrypoint) {
    inner.Entrypoint = spec.entrypoint
    if (!spec.command) inner.Cmd = null
  }
  if (spec.command) inner.Cmd = spec.command
  if (spec.workdir) inner.WorkingDir = spec.workdir
  if (spec.user) inner.User = spec.user
  if (spec.labels) {
    const labels: Record<string, string> = {...(inner.Labels ?? {})}
    for (const name of Object.keys(spec.labels).sort()) labels[name] = spec.labels[name]!
    inner.Labels = labels
  }
  return {
    ...base,
    created: FIXED_CREATED,
    config: inner,
    rootfs: {type: 'layers', diff_ids: [...base.rootfs.diff_ids, ...layers.map((layer) => layer.diffId)]},
    history: [
      ...(base.history ?? []),
      ...layers.map((layer) => ({created: FIXED_CREATED, created_by: layer.createdBy, comment: 'batchctl'})),
    ],
  }
}
