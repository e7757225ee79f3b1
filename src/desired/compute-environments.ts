import type {ComputeEnvironment} from '../config/types.generated.js'
import type {ComputeEnvironmentSpec, ComputeResourcesSpec, Resource} from '../model/index.js'
import {compact, type DesiredContext, entries, nameOf, stringMap} from './context.js'

const isFargate = (type: ComputeEnvironment['type']): boolean => type === 'FARGATE' || type === 'FARGATE_SPOT'

function computeResources(ce: ComputeEnvironment, ctx: DesiredContext): ComputeResourcesSpec {
  const defaults = ctx.config.defaults ?? {}
  const common = {
    type: ce.type,
    maxvCpus: ce.maxvCpus ?? 256,
    subnets: ce.subnets ?? defaults.subnets ?? [],
    securityGroupIds: ce.securityGroups ?? defaults.securityGroups,
  }
  // Fargate takes only vCPU limits, subnets and security groups (CreateComputeEnvironment).
  if (isFargate(ce.type)) return compact(common)
  return compact({
    ...common,
    minvCpus: ce.minvCpus ?? 0,
    desiredvCpus: ce.desiredvCpus,
    instanceTypes: ce.instanceTypes ?? ['optimal'],
    allocationStrategy: ce.allocationStrategy,
    instanceRole: ce.instanceRole ?? defaults.instanceRole,
    bidPercentage: ce.bidPercentage,
    spotIamFleetRole: ce.spotIamFleetRole,
    launchTemplate: ce.launchTemplate
      ? compact({launchTemplateId: ce.launchTemplate.id, launchTemplateName: ce.launchTemplate.name, version: ce.launchTemplate.version})
      : undefined,
    imageId: ce.imageId,
    ec2KeyPair: ce.ec2KeyPair,
    placementGroup: ce.placementGroup,
    ec2Configuration: ce.ec2Configuration?.map((c) => compact({imageType: c.imageType, imageIdOverride: c.imageIdOverride})),
  })
}

/** `computeEnvironments:` → batch.computeEnvironment resources. */
export function computeEnvironments(ctx: DesiredContext): Array<Resource<'batch.computeEnvironment'>> {
  return entries(ctx.config.computeEnvironments).map(([key, ce]) => {
    const managed = ce.managed !== false
    const spec: ComputeEnvironmentSpec = compact({
      type: managed ? 'MANAGED' : 'UNMANAGED',
      state: ce.state,
      serviceRole: ce.serviceRole ?? ctx.config.defaults?.serviceRole,
      unmanagedvCpus: managed ? undefined : ce.unmanagedvCpus,
      computeResources: managed ? computeResources(ce, ctx) : undefined,
    })
    return {
      kind: 'batch.computeEnvironment',
      logicalName: key,
      physicalName: nameOf(ctx, key),
      service: 'batch',
      spec,
      dependsOn: [],
      tags: {...stringMap(ctx.config.tags), ...stringMap(ce.tags)},
    }
  })
}
