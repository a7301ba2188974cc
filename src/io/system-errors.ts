import type { Translate } from '../core/i18n.js';
import { type ErrorKind, UaError } from '../errors.js';

/**
 * The one translation of operating-system errors into errors a person can act on. Every file
 * and stream operation goes through it, so "this is a bug in ua" is left for real bugs.
 */
/** The system errors the catalogue explains (system.<code>); others are shown by their code. */
const EXPLAINED = [
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EACCES',
  'EPERM',
  'ENOSPC',
  'EDQUOT',
  'EFBIG',
  'EROFS',
  'EIO',
  'EMFILE',
  'ENFILE',
  'EEXIST',
  'EBUSY',
  'ENAMETOOLONG',
  'ELOOP',
  'ENXIO',
  'EPIPE',
  'EAGAIN',
  'EINVAL',
] as const;
const isExplained = (code: string): code is (typeof EXPLAINED)[number] => (EXPLAINED as readonly string[]).includes(code);

/** The system error code of an error, if it is one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** A short reason for a system error: "the disk is full (ENOSPC)". */
export function describeSystemError(t: Translate, error: unknown): string {
  const code = errorCode(error);
  if (code) return isExplained(code) ? t(`system.${code}`) : code;
  return error instanceof Error ? error.message.split('\n')[0]?.slice(0, 200) || t('system.unknown') : String(error).slice(0, 200);
}

/**
 * `doing`: what failed, naming the file ("cannot write letters/0001.txt"). A UaError passes
 * through unchanged; anything that is not a system error is a bug and is rethrown as it is.
 */
export function systemError(t: Translate, error: unknown, doing: string, hint?: string, kind: ErrorKind = 'failure'): UaError {
  if (error instanceof UaError) return error;
  if (!errorCode(error)) throw error;
  return new UaError(kind, t('punct.labelled', { label: doing, value: describeSystemError(t, error) }), { hint });
}

/** Whether an error says the disk (or quota) is full: then nothing more can be written. */
export function isDiskFull(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
}
