import pkg from '../../package.json';

/** The tool's name and version as package.json states them (bundled into the Lambdas by esbuild). */
export const TOOL = { name: pkg.name, version: pkg.version } as const;
