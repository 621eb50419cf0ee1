import { aws_appstream as appstream, aws_workspaces as workspaces, type Stack } from 'aws-cdk-lib';
import { AutomaticLogoff } from '../../../policies/rules/AutomaticLogoff';
import { cfn, newStack, TestType, validateStack } from './utils';

function fleet(stack: Stack, idle?: number): appstream.CfnFleet {
  return new appstream.CfnFleet(stack, 'Fleet', {
    name: 'coding',
    instanceType: 'stream.standard.medium',
    fleetType: 'ON_DEMAND',
    imageName: 'coding-image',
    computeCapacity: { desiredInstances: 2 },
    idleDisconnectTimeoutInSeconds: idle,
  });
}

describe('AutomaticLogoff on raw template resources: exact problems at each boundary', () => {
  const evaluate = (type: string, properties: Record<string, unknown> = {}) => AutomaticLogoff.evaluate(cfn(newStack(), 'R', type, properties));

  test('AppStream fleet: 1 to 900 seconds pass, 0, 901, unset and tokens fail', () => {
    const fleetType = 'AWS::AppStream::Fleet';
    expect(evaluate(fleetType, { IdleDisconnectTimeoutInSeconds: 1 })).toEqual([]);
    expect(evaluate(fleetType, { IdleDisconnectTimeoutInSeconds: 900 })).toEqual([]);
    expect(evaluate(fleetType, { IdleDisconnectTimeoutInSeconds: '600' })).toEqual([]);
    expect(evaluate(fleetType, { IdleDisconnectTimeoutInSeconds: 901 })).toEqual(['IdleDisconnectTimeoutInSeconds is 901, must be 1-900']);
    expect(evaluate(fleetType, { IdleDisconnectTimeoutInSeconds: 0 })).toEqual(['IdleDisconnectTimeoutInSeconds is 0, must be 1-900']);
    expect(evaluate(fleetType)).toEqual(['IdleDisconnectTimeoutInSeconds is unset']);
    expect(evaluate(fleetType, { IdleDisconnectTimeoutInSeconds: { Ref: 'Idle' } })).toEqual(['IdleDisconnectTimeoutInSeconds is not a literal number ({"Ref":"Idle"})']);
  });

  test('WorkSpaces pool: TimeoutSettings.IdleDisconnectTimeoutInSeconds', () => {
    const poolType = 'AWS::WorkSpaces::WorkspacesPool';
    expect(evaluate(poolType, { TimeoutSettings: { IdleDisconnectTimeoutInSeconds: 900 } })).toEqual([]);
    expect(evaluate(poolType, { TimeoutSettings: { IdleDisconnectTimeoutInSeconds: 3600 } })).toEqual([
      'TimeoutSettings.IdleDisconnectTimeoutInSeconds is 3600, must be 1-900',
    ]);
    expect(evaluate(poolType, { TimeoutSettings: 'x' })).toEqual(['TimeoutSettings.IdleDisconnectTimeoutInSeconds is unset']);
    expect(evaluate(poolType)).toEqual(['TimeoutSettings.IdleDisconnectTimeoutInSeconds is unset']);
  });

  test('WorkSpace: AUTO_STOP within 15 minutes only', () => {
    const workspaceType = 'AWS::WorkSpaces::Workspace';
    const auto = (minutes: unknown) => evaluate(workspaceType, { WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: minutes } });
    expect(auto(15)).toEqual([]);
    expect(auto('15')).toEqual([]);
    expect(auto(16)).toEqual(['RunningModeAutoStopTimeoutInMinutes is 16, above 15']);
    expect(auto(60)).toEqual(['RunningModeAutoStopTimeoutInMinutes is 60, above 15']);
    expect(auto(undefined)).toEqual(['RunningModeAutoStopTimeoutInMinutes is unset, above 15']);
    expect(evaluate(workspaceType, { WorkspaceProperties: { RunningMode: 'ALWAYS_ON', RunningModeAutoStopTimeoutInMinutes: 15 } })).toEqual([
      'RunningMode is "ALWAYS_ON", the WorkSpace never stops when idle',
    ]);
    expect(evaluate(workspaceType)).toEqual(['RunningMode is "unset", the WorkSpace never stops when idle']);
    expect(evaluate(workspaceType, { WorkspaceProperties: 'AUTO_STOP' })).toEqual(['RunningMode is "unset", the WorkSpace never stops when idle']);
  });

  test('other resource types are not applicable', () => {
    expect(evaluate('AWS::AppStream::Stack', { IdleDisconnectTimeoutInSeconds: 5000 })).toBeUndefined();
  });
});

describe('AutomaticLogoff: sessions end after at most 15 idle minutes', () => {
  test('Noncompliance 1: AppStream fleet idle timeout unset', () => {
    const stack = newStack();
    fleet(stack);
    validateStack(stack, AutomaticLogoff, TestType.NON_COMPLIANCE, /IdleDisconnectTimeoutInSeconds is unset/);
  });

  test('Noncompliance 2: AppStream fleet idle 30 minutes', () => {
    const stack = newStack();
    fleet(stack, 1800);
    validateStack(stack, AutomaticLogoff, TestType.NON_COMPLIANCE, /is 1800, must be 1-900/);
  });

  test('Noncompliance 3: WorkSpaces pool idle one hour', () => {
    const stack = newStack();
    new workspaces.CfnWorkspacesPool(stack, 'Pool', {
      bundleId: 'wsb-0123456789',
      directoryId: 'wsd-0123456789',
      poolName: 'coding',
      capacity: { desiredUserSessions: 5 },
      timeoutSettings: { idleDisconnectTimeoutInSeconds: 3600 },
    });
    validateStack(stack, AutomaticLogoff, TestType.NON_COMPLIANCE, /TimeoutSettings.IdleDisconnectTimeoutInSeconds is 3600/);
  });

  test('Noncompliance 4: a WorkSpace cannot auto-stop in 15 minutes', () => {
    const stack = newStack();
    new workspaces.CfnWorkspace(stack, 'Desk', {
      bundleId: 'wsb-0123456789',
      directoryId: 'd-0123456789',
      userName: 'jdoe',
      workspaceProperties: { runningMode: 'AUTO_STOP', runningModeAutoStopTimeoutInMinutes: 60 },
    });
    validateStack(stack, AutomaticLogoff, TestType.NON_COMPLIANCE, /RunningModeAutoStopTimeoutInMinutes is 60, above 15/);
  });

  test('Compliance: fleet and pool at 15 minutes', () => {
    const stack = newStack();
    fleet(stack, 900);
    new workspaces.CfnWorkspacesPool(stack, 'Pool', {
      bundleId: 'wsb-0123456789',
      directoryId: 'wsd-0123456789',
      poolName: 'coding',
      capacity: { desiredUserSessions: 5 },
      timeoutSettings: { idleDisconnectTimeoutInSeconds: 900 },
    });
    validateStack(stack, AutomaticLogoff, TestType.COMPLIANCE);
  });
});
