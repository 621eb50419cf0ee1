import { aws_appstream as appstream, type Stack } from 'aws-cdk-lib';
import { DATA_MOVING_ACTIONS, WorkstationDataControls } from '../../../policies/rules/WorkstationDataControls';
import { cfn, newStack, TestType, validateStack } from './utils';

function stackWith(stack: Stack, enabled: readonly string[]): void {
  new appstream.CfnStack(stack, 'Desktop', {
    name: 'coding',
    userSettings: DATA_MOVING_ACTIONS.map((action) => ({ action, permission: enabled.includes(action) ? 'ENABLED' : 'DISABLED' })),
  });
}

describe('WorkstationDataControls on raw template resources: exact problems', () => {
  const evaluate = (type: string, properties: Record<string, unknown> = {}) => WorkstationDataControls.evaluate(cfn(newStack(), 'R', type, properties));
  const disabled = (actions: readonly string[]) => actions.map((Action) => ({ Action, Permission: 'DISABLED' }));

  test('every data-moving action DISABLED passes; anything else is named', () => {
    expect(evaluate('AWS::AppStream::Stack', { UserSettings: disabled(DATA_MOVING_ACTIONS) })).toEqual([]);
    expect(evaluate('AWS::AppStream::Stack')).toEqual(DATA_MOVING_ACTIONS.map((a) => `${a} is not DISABLED`));
    expect(
      evaluate('AWS::AppStream::Stack', {
        UserSettings: [...disabled(DATA_MOVING_ACTIONS.filter((a) => a !== 'FILE_DOWNLOAD')), { Action: 'FILE_DOWNLOAD', Permission: 'ENABLED' }, 'junk'],
      }),
    ).toEqual(['FILE_DOWNLOAD is not DISABLED']);
    expect(evaluate('AWS::AppStream::Stack', { UserSettings: disabled(['DOMAIN_PASSWORD_SIGNIN']) })).toHaveLength(5);
  });

  test('fleets: default internet access', () => {
    expect(evaluate('AWS::AppStream::Fleet', { EnableDefaultInternetAccess: 'true' })).toEqual(['EnableDefaultInternetAccess is true']);
    expect(evaluate('AWS::AppStream::Fleet', { EnableDefaultInternetAccess: false })).toEqual([]);
    expect(evaluate('AWS::AppStream::Fleet')).toEqual([]);
    expect(evaluate('AWS::WorkSpaces::Workspace', { EnableDefaultInternetAccess: true })).toBeUndefined();
  });
});

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
