import { App } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { creationStackOf } from '../../policies/source-location';

describe('creationStackOf', () => {
  test("the construct's recorded creation stack, its text frames only", () => {
    const stack = new Construct(new App(), 'Env'); // a plain construct records no stack of its own
    stack.node.addMetadata('aws:cdk:creationStack', ['at new Env (/proj/lib/env.ts:12:34)', 7, 'at Object.<anonymous> (/proj/bin/app.ts:9:13)']);
    expect(creationStackOf(stack)).toEqual(['at new Env (/proj/lib/env.ts:12:34)', 'at Object.<anonymous> (/proj/bin/app.ts:9:13)']);
  });

  test('no creation stack recorded (stack traces off), or one that is not a list: none', () => {
    const stack = new Construct(new App(), 'Env'); // a plain construct records no stack of its own
    expect(creationStackOf(stack)).toEqual([]);
    stack.node.addMetadata('aws:cdk:creationStack', 'at new Env (/proj/lib/env.ts:12:34)');
    expect(creationStackOf(stack)).toEqual([]);
  });

  test('other metadata is not taken for the creation stack', () => {
    const stack = new Construct(new App(), 'Env'); // a plain construct records no stack of its own
    stack.node.addMetadata('aws:cdk:info', ['at new Env (/proj/lib/env.ts:12:34)']);
    expect(creationStackOf(stack)).toEqual([]);
  });
});
