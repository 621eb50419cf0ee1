import { aws_appstream as appstream, aws_workspaces as workspaces, type Stack } from 'aws-cdk-lib';
import { AutomaticLogoff } from '../../../policies/rules/AutomaticLogoff';
import { newStack, TestType, validateStack } from './utils';

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
