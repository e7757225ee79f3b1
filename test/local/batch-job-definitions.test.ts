import {
  DeregisterJobDefinitionCommand,
  DescribeJobDefinitionsCommand,
  RegisterJobDefinitionCommand,
  type RegisterJobDefinitionCommandInput,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {expectClientException, startBatch} from './batch-builders.js'

// AWS: RegisterJobDefinition — https://docs.aws.amazon.com/batch/latest/APIReference/API_RegisterJobDefinition.html
// AWS: ContainerProperties — https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerProperties.html
// AWS: ResourceRequirement (Fargate vCPU/memory pairs) — https://docs.aws.amazon.com/batch/latest/APIReference/API_ResourceRequirement.html
// Validation errors use AWS's framing and wording where known from real answers:
// "Error executing request, Exception : networkConfiguration not applicable for EC2., RequestId: …",
// "Fargate resource requirements (0.50 vCPU, 1 MiB) not valid.", "RetryAttempts must be provided
// with retry strategy", "Value 1.0 for type VCPU in resourceRequirement is not valid. Please
// provide a numeric value.".

const ec2Definition = (overrides: Partial<RegisterJobDefinitionCommandInput> = {}): RegisterJobDefinitionCommandInput => ({
  jobDefinitionName: 'align',
  type: 'container',
  containerProperties: {
    image: 'busybox',
    command: ['echo', 'Ref::sample'],
    resourceRequirements: [
      {type: 'VCPU', value: '2'},
      {type: 'MEMORY', value: '4096'},
    ],
  },
  ...overrides,
})

const fargateDefinition = (vcpu: string, memory: string, overrides: Record<string, unknown> = {}): RegisterJobDefinitionCommandInput => ({
  jobDefinitionName: 'fg',
  type: 'container',
  platformCapabilities: ['FARGATE'],
  containerProperties: {
    image: 'busybox',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    resourceRequirements: [
      {type: 'VCPU', value: vcpu},
      {type: 'MEMORY', value: memory},
    ],
    ...overrides,
  },
})

describe('Batch RegisterJobDefinition', () => {
  it('registers revisions 1, 2, 3 and describes them with the defaults AWS fills in', async () => {
    const {batch} = await startBatch()
    const revisions = []
    for (let i = 0; i < 3; i++) revisions.push(await batch.send(new RegisterJobDefinitionCommand(ec2Definition())))
    expect(revisions.map((r) => [r.revision, r.jobDefinitionArn])).toEqual([
      [1, 'arn:aws:batch:us-east-1:123456789012:job-definition/align:1'],
      [2, 'arn:aws:batch:us-east-1:123456789012:job-definition/align:2'],
      [3, 'arn:aws:batch:us-east-1:123456789012:job-definition/align:3'],
    ])
    const {jobDefinitions} = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitions: ['align:1']}))
    expect(jobDefinitions).toEqual([
      {
        jobDefinitionName: 'align',
        jobDefinitionArn: 'arn:aws:batch:us-east-1:123456789012:job-definition/align:1',
        revision: 1,
        status: 'ACTIVE',
        type: 'container',
        parameters: {},
        containerProperties: {
          image: 'busybox',
          command: ['echo', 'Ref::sample'],
          resourceRequirements: [
            {type: 'VCPU', value: '2'},
            {type: 'MEMORY', value: '4096'},
          ],
          volumes: [],
          environment: [],
          mountPoints: [],
          ulimits: [],
          secrets: [],
        },
        tags: {},
        containerOrchestrationType: 'ECS',
      },
    ])
  })

  it('echoes propagateTags and platformCapabilities only when given, and completes retryStrategy and logConfiguration', async () => {
    const {batch} = await startBatch()
    await batch.send(
      new RegisterJobDefinitionCommand(
        ec2Definition({
          propagateTags: true,
          platformCapabilities: ['EC2'],
          retryStrategy: {attempts: 2},
          containerProperties: {image: 'x', vcpus: 1, memory: 64, logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/g'}}},
        }),
      ),
    )
    const {jobDefinitions} = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitions: ['align:1']}))
    expect(jobDefinitions?.[0]).toMatchObject({
      propagateTags: true,
      platformCapabilities: ['EC2'],
      retryStrategy: {attempts: 2, evaluateOnExit: []},
      containerProperties: {logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/g'}, secretOptions: []}},
    })
  })

  it('keeps the legacy vcpus/memory fields as given', async () => {
    const {batch} = await startBatch()
    await batch.send(new RegisterJobDefinitionCommand({jobDefinitionName: 'old', type: 'container', containerProperties: {image: 'busybox', vcpus: 1, memory: 128}}))
    const {jobDefinitions} = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitionName: 'old'}))
    expect(jobDefinitions?.[0]?.containerProperties).toMatchObject({vcpus: 1, memory: 128, resourceRequirements: []})
  })

  it('fills in the Fargate platformVersion default but adds no networkConfiguration', async () => {
    const {batch} = await startBatch()
    await batch.send(new RegisterJobDefinitionCommand(fargateDefinition('0.25', '512')))
    const {jobDefinitions} = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitions: ['fg:1']}))
    expect(jobDefinitions?.[0]).toMatchObject({
      platformCapabilities: ['FARGATE'],
      containerProperties: {fargatePlatformConfiguration: {platformVersion: 'LATEST'}},
    })
    expect(jobDefinitions?.[0]?.containerProperties?.networkConfiguration).toBeUndefined()
  })

  it.each([
    ['0.25', '512'],
    ['0.5', '4096'],
    ['1', '8192'],
    ['4', '30720'],
    ['8', '61440'],
    ['16', '122880'],
    ['32', '249856'],
  ])('accepts the Fargate size %s vCPU / %s MiB', async (vcpu, memory) => {
    const {batch} = await startBatch()
    const registered = await batch.send(new RegisterJobDefinitionCommand(fargateDefinition(vcpu, memory)))
    expect(registered.revision).toBe(1)
  })

  it.each([
    // AWS: "Fargate resource requirements (2.00 vCPU, 1024 MiB) not valid."
    ['0.25', '4096', /Exception : Fargate resource requirements \(0\.25 vCPU, 4096 MiB\) not valid\./],
    ['1', '512', /Fargate resource requirements \(1\.00 vCPU, 512 MiB\) not valid\./],
    ['8', '17408', /Fargate resource requirements \(8\.00 vCPU, 17408 MiB\) not valid\./],
    ['3', '8192', /Fargate resource requirements \(3\.00 vCPU, 8192 MiB\) not valid\./],
  ])('refuses the Fargate size %s vCPU / %s MiB', async (vcpu, memory, message) => {
    const {batch} = await startBatch()
    await expectClientException(batch.send(new RegisterJobDefinitionCommand(fargateDefinition(vcpu, memory))), message)
  })

  it.each([
    ['a Fargate job without an execution role', fargateDefinition('1', '2048', {executionRoleArn: undefined}), /executionRoleArn/],
    ['a Fargate job with legacy vcpus', fargateDefinition('1', '2048', {vcpus: 1}), /not vcpus or memory/],
    ['a Fargate job with a GPU', fargateDefinition('1', '2048', {resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '2048'}, {type: 'GPU', value: '1'}]}), /GPU/],
    ['a multinode job on Fargate', {...fargateDefinition('1', '2048'), type: 'multinode', containerProperties: undefined, nodeProperties: {numNodes: 2, mainNode: 0, nodeRangeProperties: []}}, /multinode/],
    ['an EC2 job without memory', ec2Definition({containerProperties: {image: 'busybox', resourceRequirements: [{type: 'VCPU', value: '1'}]}}), /memory must be specified/],
    ['an EC2 job with both vcpus and a VCPU requirement', ec2Definition({containerProperties: {image: 'busybox', vcpus: 1, resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '64'}]}}), /not both/],
    ['a job without an image', ec2Definition({containerProperties: {vcpus: 1, memory: 64}}), /image is required/],
    ['11 retry attempts', ec2Definition({retryStrategy: {attempts: 11}}), /attempts must be between 1 and 10/],
    ['0 retry attempts', ec2Definition({retryStrategy: {attempts: 0}}), /attempts must be between 1 and 10/],
    ['evaluateOnExit without attempts', ec2Definition({retryStrategy: {evaluateOnExit: [{action: 'RETRY', onExitCode: '1'}]}}), /RetryAttempts must be provided with retry strategy/],
    ['an empty retry strategy', ec2Definition({retryStrategy: {}}), /Exception : RetryAttempts must be provided with retry strategy/],
    ['a fractional VCPU on EC2', ec2Definition({containerProperties: {image: 'x', resourceRequirements: [{type: 'VCPU', value: '1.0'}, {type: 'MEMORY', value: '64'}]}}), /Value 1\.0 for type VCPU in resourceRequirement is not valid\. Please provide a numeric value\./],
    ['a network configuration on EC2', ec2Definition({containerProperties: {image: 'x', vcpus: 1, memory: 64, networkConfiguration: {assignPublicIp: 'ENABLED'}}}), /Exception : networkConfiguration not applicable for EC2\./],
    ['a timeout under 60 seconds', ec2Definition({timeout: {attemptDurationSeconds: 59}}), /attemptDurationSeconds must be between 60/],
    ['an unknown type', ec2Definition({type: 'batch' as any}), /type must be one of/],
    ['a bad name', ec2Definition({jobDefinitionName: 'align:2'}), /jobDefinitionName/],
    ['both containerProperties and nodeProperties', ec2Definition({nodeProperties: {numNodes: 1, mainNode: 0, nodeRangeProperties: []}}), /only one of/],
    ['schedulingPriority above 9999', ec2Definition({schedulingPriority: 10000}), /schedulingPriority/],
    ['a Fargate platform version on EC2', ec2Definition({containerProperties: {image: 'x', vcpus: 1, memory: 64, fargatePlatformConfiguration: {platformVersion: 'LATEST'}}}), /fargatePlatformConfiguration not applicable for EC2\./],
    ['a privileged Fargate job', fargateDefinition('1', '2048', {privileged: true}), /privileged isn't applicable/],
  ])('refuses %s', async (_label, input, message) => {
    const {batch} = await startBatch()
    await expectClientException(batch.send(new RegisterJobDefinitionCommand(input as RegisterJobDefinitionCommandInput)), message)
  })

  it('registers a multinode job whose node ranges cover every node, and refuses a gap', async () => {
    const {batch} = await startBatch()
    const container = {image: 'mpi', vcpus: 4, memory: 8192}
    const good = await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'train',
        type: 'multinode',
        nodeProperties: {numNodes: 4, mainNode: 0, nodeRangeProperties: [{targetNodes: '0:', container}, {targetNodes: '2:3', container}]},
      }),
    )
    expect(good.revision).toBe(1)
    const {jobDefinitions} = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitions: [good.jobDefinitionArn!]}))
    expect(jobDefinitions?.[0]?.nodeProperties?.nodeRangeProperties?.[0]?.container).toMatchObject({image: 'mpi', volumes: [], environment: []})
    await expectClientException(
      batch.send(
        new RegisterJobDefinitionCommand({
          jobDefinitionName: 'train',
          type: 'multinode',
          nodeProperties: {numNodes: 4, mainNode: 0, nodeRangeProperties: [{targetNodes: '0:1', container}]},
        }),
      ),
      /account for all nodes/,
    )
    await expectClientException(
      batch.send(
        new RegisterJobDefinitionCommand({
          jobDefinitionName: 'train',
          type: 'multinode',
          nodeProperties: {numNodes: 2, mainNode: 2, nodeRangeProperties: [{targetNodes: '0:1', container}]},
        }),
      ),
      /mainNode must be between 0 and 1/,
    )
  })
})

// AWS: DeregisterJobDefinition — https://docs.aws.amazon.com/batch/latest/APIReference/API_DeregisterJobDefinition.html
// AWS: DescribeJobDefinitions — https://docs.aws.amazon.com/batch/latest/APIReference/API_DescribeJobDefinitions.html
describe('Batch DeregisterJobDefinition and DescribeJobDefinitions', () => {
  it('deregisters a revision (INACTIVE), keeps counting revisions, and filters by status', async () => {
    const {batch} = await startBatch()
    const first = await batch.send(new RegisterJobDefinitionCommand(ec2Definition()))
    await batch.send(new RegisterJobDefinitionCommand(ec2Definition()))
    await batch.send(new DeregisterJobDefinitionCommand({jobDefinition: first.jobDefinitionArn}))
    await batch.send(new DeregisterJobDefinitionCommand({jobDefinition: 'align:2'}))
    // Deregistering an INACTIVE revision again is accepted and changes nothing.
    await batch.send(new DeregisterJobDefinitionCommand({jobDefinition: 'align:2'}))
    const third = await batch.send(new RegisterJobDefinitionCommand(ec2Definition()))
    expect(third.revision).toBe(3)
    const active = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitionName: 'align', status: 'ACTIVE'}))
    expect(active.jobDefinitions?.map((d) => d.revision)).toEqual([3])
    const inactive = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitionName: 'align', status: 'INACTIVE'}))
    expect(inactive.jobDefinitions?.map((d) => [d.revision, d.status])).toEqual([
      [2, 'INACTIVE'],
      [1, 'INACTIVE'],
    ])
    // A deregistered revision is still found by its ARN, as INACTIVE.
    const byArn = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitions: [first.jobDefinitionArn!]}))
    expect(byArn.jobDefinitions?.[0]?.status).toBe('INACTIVE')
  })

  it('refuses to deregister an unknown revision or a bare name', async () => {
    const {batch} = await startBatch()
    await batch.send(new RegisterJobDefinitionCommand(ec2Definition()))
    await expectClientException(batch.send(new DeregisterJobDefinitionCommand({jobDefinition: 'align:9'})), /does not exist/)
    await expectClientException(batch.send(new DeregisterJobDefinitionCommand({jobDefinition: 'align'})), /name:revision/)
  })

  it('pages across revisions and refuses jobDefinitions combined with other filters', async () => {
    const {batch} = await startBatch()
    for (let i = 0; i < 5; i++) await batch.send(new RegisterJobDefinitionCommand(ec2Definition()))
    const seen: number[] = []
    let nextToken: string | undefined
    do {
      const page = await batch.send(new DescribeJobDefinitionsCommand({maxResults: 2, nextToken}))
      expect(page.jobDefinitions!.length).toBeLessThanOrEqual(2)
      seen.push(...page.jobDefinitions!.map((d) => d.revision!))
      nextToken = page.nextToken
    } while (nextToken)
    // Newest revision first, as in real DescribeJobDefinitions output.
    expect(seen).toEqual([5, 4, 3, 2, 1])
    await expectClientException(
      batch.send(new DescribeJobDefinitionsCommand({jobDefinitions: ['align:1'], status: 'ACTIVE'})),
      /can't be used with/,
    )
    await expectClientException(
      batch.send(new DescribeJobDefinitionsCommand({jobDefinitions: ['align:1'], maxResults: 5})),
      /JobDefinitions and MaxResults cannot both be set/,
    )
  })
})
