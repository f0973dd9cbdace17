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
  | "LIMIT"
  | "NOT_A_FEED"
  | "BAD_EXPORT";

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

/**
 * A user name or password inside a URL ("https://user:pass@host/…"), anywhere in a text, replaced by
 * "…": such a URL is never echoed, logged or shown, whatever the surface.
 */
export function redactCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, "$1…@");
}

/** Quote a user-supplied value inside an error message, cut so a huge input can't flood the output. */
export function quoteValue(value: string, max = 80): string {
  const oneLine = redactCredentials(value.replace(/\s+/g, " ").trim());
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
}
