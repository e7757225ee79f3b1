import {mapLinks, nameFromArn, refKey, type Link} from '../model/index.js'

/**
 * Replaces every link in a spec by the physical name it points at, so a desired `{ref}` and
 * the ARN AWS reports compare equal exactly when they designate the same AWS resource.
 * `names` maps `refKey` to the physical name the target has after apply.
 */
export function resolveLinks(spec: unknown, names: ReadonlyMap<string, string>): unknown {
  return mapLinks(spec, (link: Link) => {
    if ('external' in link) return nameFromArn(link.external)
    return names.get(refKey(link.ref)) ?? link.ref.logicalName
  })
}
