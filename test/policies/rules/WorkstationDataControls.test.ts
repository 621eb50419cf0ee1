import { aws_appstream as appstream, type Stack } from 'aws-cdk-lib';
import { DATA_MOVING_ACTIONS, WorkstationDataControls } from '../../../policies/rules/WorkstationDataControls';
import { cfn, newStack, TestType, validateStack } from './utils';

function stackWith(stack: Stack, enabled: readonly string[]): void {
  new appstream.CfnStack(stack, 'Desktop', {
    name: 'coding',
    userSettings: DATA_MOVING_ACTIONS.map((action) => ({ action, permission: enabled.includes(action) ? 'ENABLED' : 'DISABLED' })),
  });
}

describe('WorkstationDataControls: no clipboard, file transfer or local printing; no default internet on fleets', () => {
  test('Noncompliance 1: file download enabled', () => {
    const stack = newStack();
    stackWith(stack, ['FILE_DOWNLOAD']);
    validateStack(stack, WorkstationDataControls, TestType.NON_COMPLIANCE, /FILE_DOWNLOAD is not DISABLED/);
  });

  test('Noncompliance 2: user settings left out (AppStream enables them)', () => {
    const stack = newStack();
    new appstream.CfnStack(stack, 'Desktop', { name: 'coding' });
    validateStack(stack, WorkstationDataControls, TestType.NON_COMPLIANCE, /CLIPBOARD_COPY_TO_LOCAL_DEVICE is not DISABLED/);
  });

  test('Noncompliance 3: fleet with default internet access', () => {
    const stack = newStack();
    stackWith(stack, []);
    new appstream.CfnFleet(stack, 'Fleet', { name: 'coding', instanceType: 'stream.standard.medium', enableDefaultInternetAccess: true });
    validateStack(stack, WorkstationDataControls, TestType.NON_COMPLIANCE, /EnableDefaultInternetAccess is true/);
  });

  test('Compliance', () => {
    const stack = newStack();
    stackWith(stack, []);
    new appstream.CfnFleet(stack, 'Fleet', { name: 'coding', instanceType: 'stream.standard.medium', enableDefaultInternetAccess: false });
    validateStack(stack, WorkstationDataControls, TestType.COMPLIANCE);
  });
});
