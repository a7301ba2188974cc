/** Exit codes are part of the command-line contract (README: "Exit codes"); scripts rely on them. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  partial: 3,
  cancelled: 130,
} as const;

export type ErrorKind = 'usage' | 'data' | 'failure' | 'partial' | 'cancelled';

const exitCodes: Record<ErrorKind, number> = {
  usage: ExitCode.usage,
  data: ExitCode.usage,
  failure: ExitCode.failure,
  partial: ExitCode.partial,
  cancelled: ExitCode.cancelled,
};

/** An error the user can act on: a plain message, an optional hint, and the exit code it means. */
export class UaError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  /** Extra lines printed before the message (e.g. every validation problem). */
  readonly details: readonly string[];

  constructor(kind: ErrorKind, message: string, options: { hint?: string; details?: readonly string[] } = {}) {
    super(message);
    this.name = 'UaError';
    this.kind = kind;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }

  get exitCode(): number {
    return exitCodes[this.kind];
  }
}

/**
 * A UaError, also one made by another of the build's bundles (dist/follow-up.cjs has its own
 * copy of this class, so `instanceof` cannot tell).
 */
export function isUaError(error: unknown): error is UaError {
  return error instanceof UaError || (error instanceof Error && error.name === 'UaError' && typeof (error as Partial<UaError>).kind === 'string');
}

export const usageError = (message: string, hint?: string) => new UaError('usage', message, { hint });
export const dataError = (message: string, hint?: string, details?: readonly string[]) => new UaError('data', message, { hint, details });
export const failure = (message: string, hint?: string) => new UaError('failure', message, { hint });
/** Ctrl-C or a "no": the message says what did not happen (usually t('errors.cancelled'): that nothing was sent). */
export const cancelled = (message: string) => new UaError('cancelled', message);
