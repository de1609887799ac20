// One error type for expected failures (documenso's AppError). Its message is safe to show;
// anything else is unexpected, logged with a request id, and shown generically.

export const APP_ERROR_CODES = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  RATE_LIMITED: 429,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field-level messages for INVALID_INPUT; what changed for CONFLICT. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return APP_ERROR_CODES[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** The object not existing and belonging to another organisation look the same: 404. */
export const notFoundError = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
