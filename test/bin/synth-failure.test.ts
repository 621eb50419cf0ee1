import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { synthFailure } from '../../bin/synth-failure';
import { InputError } from '../../lib/config/load';

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('synth boundary: every failure exits 2 with a message, never a stack trace', () => {
  test("our InputError: its message, naming every field", () => {
    const failure = synthFailure(new InputError('config.json', [{ path: 'people[0].id', message: 'bad' }]));
    expect(failure).toEqual({ exitCode: 2, message: 'config.json is invalid:\n  - people[0].id: bad' });
  });

  test("CDK's own ValidationError (a stack name CloudFormation refuses)", () => {
    const failure = synthFailure(thrown(() => new Stack(new App(), 'not a valid name!')));
    expect(failure.exitCode).toBe(2);
    expect(failure.message).toMatch(/^synth failed: .*Stack name must match/);
    expect(failure.message).not.toMatch(/^\s+at /m);
  });

  test('a construct refusing a value at synth (a bucket name S3 refuses)', () => {
    const failure = synthFailure(thrown(() => new s3.Bucket(new Stack(new App(), 'S'), 'B', { bucketName: 'UPPER_case' })));
    expect(failure.exitCode).toBe(2);
    expect(failure.message).toMatch(/bucket name/i);
    expect(failure.message).not.toMatch(/\n\s+at /);
  });

  test('something thrown that is not an Error', () => {
    expect(synthFailure('boom')).toEqual({ exitCode: 2, message: 'synth failed: boom' });
  });
});
