/** node:crypto when it is first needed: loading it is milliseconds of every start, and most runs (a letter to the screen) use none of it. */
export const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');
