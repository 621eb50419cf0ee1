import { name, version } from '../package.json';

/** The toolkit's version (package.json), bundled into the Lambdas with the code that reports it. */
export const TOOL_VERSION: string = version;
/** The package (`hipaa-coding-env`): the product's vendor in exported findings. */
export const PACKAGE_NAME: string = name;
/** The command that produced a report. */
export const TOOL_NAME = 'coding-env';
