import { App, Stack } from 'aws-cdk-lib';
import { loadConfigFile } from '../../lib/config/load';

/**
 * policies/app-source.ts requires lib/build-app at call time; each test stands in a module for it
 * (or an error its require throws) and loads app-source afresh, so the real file is never needed.
 */
type AppSource = typeof import('../../policies/app-source');

function withBuildApp(factory: () => unknown): AppSource {
  jest.resetModules();
  jest.doMock('../../lib/build-app', factory);
  return require('../../policies/app-source') as AppSource;
}

/** The error Node's require throws for a module that is not there: the module, then who required it. */
function notFound(module: string, requireStack: string[]): Error {
  return Object.assign(new Error(`Cannot find module '${module}'\nRequire stack:\n${requireStack.map((f) => `- /proj/${f}`).join('\n')}`), { code: 'MODULE_NOT_FOUND' });
}

function thrownBy(source: AppSource): unknown {
  try {
    source.buildEnvironment(new App(), config, '2026-11-20');
  } catch (error) {
    return error;
  }
  return undefined;
}

const config = loadConfigFile('config/coding-env.json');

afterEach(() => {
  jest.dontMock('../../lib/build-app');
  jest.resetModules();
});

describe('buildEnvironment', () => {
  test("calls lib/build-app's buildCodingEnv with the app, the config and { asOf }, and returns its stack", () => {
    const calls: unknown[][] = [];
    const { buildEnvironment } = withBuildApp(() => ({
      buildCodingEnv: (...args: unknown[]) => {
        calls.push(args);
        return new Stack(args[0] as App, 'CodingEnv');
      },
    }));
    const app = new App();
    const stack = buildEnvironment(app, config, '2026-11-20');
    expect(calls).toEqual([[app, config, { asOf: '2026-11-20' }]]);
    expect(stack.node.path).toBe('CodingEnv');
  });

  test('lib/build-app.ts missing: a MissingAppError saying so', () => {
    const source = withBuildApp(() => {
      throw notFound('../lib/build-app', ['policies/app-source.ts']);
    });
    const thrown = thrownBy(source);
    expect(thrown).toBeInstanceOf(source.MissingAppError);
    expect(thrown).toMatchObject({ name: 'MissingAppError', message: 'cannot build the environment: lib/build-app.ts is missing (it exports buildCodingEnv)' });
  });

  test('lib/build-app.ts without a function buildCodingEnv: a MissingAppError saying so', () => {
    const thrown = thrownBy(withBuildApp(() => ({ buildCodingEnv: 'not a function' })));
    expect(thrown).toMatchObject({ name: 'MissingAppError', message: 'cannot build the environment: lib/build-app.ts does not export a function buildCodingEnv' });
  });

  test('any other failure to load lib/build-app.ts is rethrown as it is', () => {
    // A module that build-app needs is missing: build-app is in the require stack, but it is there.
    const dependency = notFound('./network', ['lib/coding-env-stack.ts', 'lib/build-app.ts', 'policies/app-source.ts']);
    expect(thrownBy(withBuildApp(() => { throw dependency; }))).toBe(dependency);
    // build-app fails as it loads, with another code, though the message names it.
    const broken = Object.assign(new Error("Cannot find module '../lib/build-app': Unexpected token"), { code: 'ERR_SYNTAX' });
    expect(thrownBy(withBuildApp(() => { throw broken; }))).toBe(broken);
  });
});
