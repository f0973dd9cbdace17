/**
 * Errors a user can act on. Anything that is not a UserError is a bug: the surfaces (CLI, console, bot)
 * log it with its stack and show a generic message instead.
 */
export type UserErrorCode =
  | "BAD_USAGE"
  | "EMPTY_INPUT"
  | "BINARY_INPUT"
  | "BAD_ENCODING"
  | "TOO_LARGE"
  | "NOT_FOUND"
  | "DUPLICATE"
  | "BAD_URL"
  | "FORBIDDEN_URL"
  | "FETCH_FAILED"
  | "FETCH_TIMEOUT"
  | "UNSUPPORTED_CONTENT"
  | "NO_CONTENT"
  | "MODEL_MISMATCH"
  | "MODEL_UNAVAILABLE"
  | "STORAGE"
  | "LOCKED"
  | "READ_ONLY"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "LIMIT";

export class UserError extends Error {
  override readonly name = "UserError";
  readonly code: UserErrorCode;

  constructor(code: UserErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** Quote a user-supplied value inside an error message, cut so a huge input can't flood the output. */
export function quoteValue(value: string, max = 80): string {
  const oneLine = value.replace(/\s+/g, " ").trim();
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
}
