import { type ErrorKind, UaError } from '../errors.js';

/**
 * The one translation of operating-system errors into errors a person can act on. Every file
 * and stream operation goes through it, so "this is a bug in ua" is left for real bugs.
 */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  ENOSPC: 'the disk is full (ENOSPC)',
  EDQUOT: 'over your disk quota (EDQUOT)',
  EFBIG: 'the file is too large for this file system (EFBIG)',
  EROFS: 'the file system is read-only',
  EIO: 'input/output error (a failing disk or a lost network drive?)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on this system',
  EEXIST: 'it already exists',
  EBUSY: 'it is busy (in use by another program)',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  ENXIO: 'no reader on the other end',
  EPIPE: 'the reader went away',
  EAGAIN: 'the resource is temporarily unavailable',
  EINVAL: 'this kind of file does not allow it',
};

/** The system error code of an error, if it is one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** A short reason for a system error: "the disk is full (ENOSPC)". */
export function describeSystemError(error: unknown): string {
  const code = errorCode(error);
  if (code) return REASONS[code] ?? code;
  return error instanceof Error ? error.message.split('\n')[0]?.slice(0, 200) || 'unknown error' : String(error).slice(0, 200);
}

/**
 * `doing`: what failed, naming the file ("cannot write letters/0001.txt"). A UaError passes
 * through unchanged; anything that is not a system error is a bug and is rethrown as it is.
 */
export function systemError(error: unknown, doing: string, hint?: string, kind: ErrorKind = 'failure'): UaError {
  if (error instanceof UaError) return error;
  if (!errorCode(error)) throw error;
  return new UaError(kind, `${doing}: ${describeSystemError(error)}`, { hint });
}

/** Whether an error says the disk (or quota) is full: then nothing more can be written. */
export function isDiskFull(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
}
