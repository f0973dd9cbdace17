/**
 * Fetches a web page for ingestion, safely: http(s) only, a deadline for the whole fetch, a size cap
 * enforced while streaming, accepted content types only, and an SSRF guard that checks every address a
 * host resolves to, on every redirect hop, and then connects to exactly the address it checked.
 *
 * node:http/https rather than global fetch: fetch (undici) has no per-request DNS hook, and without one
 * the address checked and the address connected to can differ (DNS rebinding).
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { pipeline, type Readable, type Transform } from "node:stream";
import zlib from "node:zlib";
import { quoteValue, UserError } from "../errors.ts";
import {
  forbiddenReason,
  ipLiteral,
  type ResolvedAddress,
  type Resolver,
  systemResolver,
  toResolvedAddress,
} from "./address-guard.ts";
import { looksLikeHtml, parseContentType } from "./formats.ts";
import { parseHttpUrl, withoutFragment } from "./urls.ts";

export interface FetchOptions {
  /** Deadline in milliseconds for the whole fetch: DNS, every redirect hop and the body. Default 15_000. */
  timeoutMs?: number;
  /**
   * Largest body accepted, in bytes after decompression. Checked against Content-Length before reading
   * and again while streaming (servers may omit or understate it). Default 5 MB (5 * 1024 * 1024).
   */
  maxBytes?: number;
  /**
   * Allow loopback, private, link-local and other non-public addresses. Default false. Only for tests
   * against a loopback server (the `ALLOW_PRIVATE_URLS=true` setting); never in production.
   */
  allowPrivate?: boolean;
  /**
   * Host names exempt from the address check (exact, case-insensitive), such as an intranet news server
   * an operator trusts. A redirect to any other host is still checked. Default: none.
   */
  allowHosts?: string[];
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /**
   * Accepted media types (lower case, no parameters). Default ["text/html", "application/xhtml+xml",
   * "text/plain"].
   */
  accept?: string[];
  /** Cancels the fetch; the signal's reason is thrown. */
  signal?: AbortSignal;
  /**
   * DNS hook: every address a host name resolves to. Default: the system resolver (`dns.lookup` with
   * `all: true`, as connections use). Tests use it to make a made-up host name resolve to an address of
   * their choosing; the answers are checked exactly like real DNS answers, and the connection goes to them.
   */
  resolve?: Resolver;
}

/** What a server said identifies this version of a document (for a conditional GET next time). */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchedDocument {
  /** The URL of the last redirect hop: the page actually read. */
  finalUrl: string;
  /** The lower-cased media type without parameters ("text/html"). */
  contentType: string;
  /** The charset the Content-Type header declared, if any (decode with `decodeDocument`). */
  charset?: string;
  bytes: Uint8Array;
  /** The response's ETag and Last-Modified, when the server sent them. */
  validators: Validators;
}

/** A conditional fetch (`options.conditional`) the server answered with 304 Not Modified. */
export interface NotModified {
  notModified: true;
  finalUrl: string;
}

export const FETCH_DEFAULTS = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  accept: ["text/html", "application/xhtml+xml", "text/plain"],
} as const;

const USER_AGENT = "BylineBot/0.1 (+https://github.com/byline; reads news articles for a Discord bot)";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

interface Settings {
  maxBytes: number;
  maxRedirects: number;
  accept: string[];
  allowPrivate: boolean;
  allowHosts: Set<string>;
  resolve: Resolver;
  conditional?: Validators;
}

/** Fetches `url`, following redirects. Every failure a user can cause is a UserError naming the URL. */
export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchedDocument> {
  // Without validators no If-None-Match is sent, so a 304 is not expected: it fails as a non-2xx.
  return (await fetchDocument(url, options, undefined)) as FetchedDocument;
}

/**
 * `fetchUrl` with the validators of an earlier fetch (a feed poll), sent as If-None-Match and
 * If-Modified-Since: resolves with `{ notModified: true }` when the server answers 304 (no body is
 * read), with the new document and its validators otherwise.
 */
export function fetchIfChanged(
  url: string,
  conditional: Validators,
  options: FetchOptions = {},
): Promise<FetchedDocument | NotModified> {
  return fetchDocument(url, options, conditional);
}

async function fetchDocument(
  url: string,
  options: FetchOptions,
  conditional: Validators | undefined,
): Promise<FetchedDocument | NotModified> {
  const start = parseHttpUrl(url);
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const settings: Settings = {
    maxBytes: options.maxBytes ?? FETCH_DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects,
    accept: (options.accept ?? FETCH_DEFAULTS.accept).map((type) => type.toLowerCase()),
    allowPrivate: options.allowPrivate ?? false,
    allowHosts: new Set((options.allowHosts ?? []).map(normalizeHost)),
    resolve: options.resolve ?? systemResolver,
    ...(conditional ? { conditional } : {}),
  };
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error("fetch deadline passed")), timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    return await followRedirects(start, settings, signal);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    // When the deadline cuts a connection, the error seen may be an abort or a reset (FETCH_FAILED):
    // either way the cause is the deadline. Other UserErrors (too large, forbidden) stand as they are.
    if (deadline.signal.aborted && !(error instanceof UserError && error.code !== "FETCH_FAILED")) {
      throw new UserError(
        "FETCH_TIMEOUT",
        `${quoteValue(start.href)} did not finish loading within ${formatSeconds(timeoutMs)}: the site may be slow or down. Try again later, or save the page and add it as a file.`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function followRedirects(
  start: URL,
  settings: Settings,
  signal: AbortSignal,
): Promise<FetchedDocument | NotModified> {
  let current = start;
  const visited = [withoutFragment(start)];
  for (let redirects = 0; ; redirects++) {
    const via = redirects > 0 ? start : undefined;
    const addresses = await checkedAddresses(current, settings, signal, via);
    const response = await send(current, addresses, settings, signal);
    const status = response.statusCode ?? 0;
    if (REDIRECT_STATUSES.has(status)) {
      response.destroy();
      const next = redirectTarget(current, response.headers.location, status);
      if (redirects >= settings.maxRedirects) {
        throw new UserError(
          "FETCH_FAILED",
          `${quoteValue(start.href)} redirected more than ${settings.maxRedirects} times (last to ${quoteValue(next.href)}): give the article's final address.`,
        );
      }
      const key = withoutFragment(next);
      if (visited.includes(key)) {
        throw new UserError(
          "FETCH_FAILED",
          `${quoteValue(start.href)} redirects in a loop (${[...visited, key].map((hop) => quoteValue(hop)).join(" → ")}): the site is misconfigured; try the article's address from a browser.`,
        );
      }
      visited.push(key);
      current = next;
      continue;
    }
    if (status === 304 && settings.conditional) {
      response.destroy();
      return { notModified: true, finalUrl: current.href };
    }
    if (status < 200 || status > 299) {
      response.destroy();
      const reason = http.STATUS_CODES[status] ?? "unknown status";
      const hint =
        status === 404 || status === 410
          ? "check the link"
          : status === 401 || status === 403
            ? "the page may need a login or block bots; save it and add the file instead"
            : "the site may be having problems; try again later";
      throw new UserError(
        "FETCH_FAILED",
        `${quoteValue(current.href)} answered HTTP ${status} ${reason}${via ? ` (redirected from ${quoteValue(start.href)})` : ""}: ${hint}.`,
      );
    }
    return await readDocument(current, response, settings);
  }
}

/** Resolves the hop's host and checks every address; the connection later uses exactly these. */
async function checkedAddresses(
  url: URL,
  settings: Settings,
  signal: AbortSignal,
  via: URL | undefined,
): Promise<ResolvedAddress[]> {
  const host = normalizeHost(url.hostname);
  const literal = ipLiteral(host);
  let addresses: string[];
  if (literal) {
    addresses = [literal];
  } else {
    try {
      addresses = await abortable(settings.resolve(host), signal);
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw new UserError(
        "FETCH_FAILED",
        `Could not find the server ${quoteValue(host)} for ${quoteValue(url.href)} (DNS lookup failed): check the spelling of the link.`,
        { cause },
      );
    }
    if (addresses.length === 0) {
      throw new UserError(
        "FETCH_FAILED",
        `The server ${quoteValue(host)} for ${quoteValue(url.href)} has no address: check the spelling of the link.`,
      );
    }
  }
  if (!settings.allowPrivate && !settings.allowHosts.has(host)) {
    for (const address of addresses) {
      const reason = forbiddenReason(address);
      if (reason) {
        const where = literal ? `is ${reason}` : `resolves to ${address}, ${reason}`;
        const redirected = via ? ` (a redirect from ${quoteValue(via.href)})` : "";
        throw new UserError(
          "FORBIDDEN_URL",
          `Refusing to fetch ${quoteValue(url.href)}${redirected}: ${quoteValue(host)} ${where}. Byline only reads public web pages; give the article's public address.`,
        );
      }
    }
  }
  return addresses.map(toResolvedAddress);
}

/** A `lookup` for node:net that answers with the checked addresses only, whatever DNS says now. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family;
    const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    const first = usable[0];
    if (!first) {
      const error = Object.assign(new Error(`no IPv${family} address for ${hostname}`), {
        code: "ENOTFOUND",
      });
      callback(error, "", 0);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function send(
  url: URL,
  addresses: ResolvedAddress[],
  settings: Settings,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: "GET",
        headers: {
          "user-agent": USER_AGENT,
          accept: `${settings.accept.join(", ")};q=1.0, */*;q=0.1`,
          "accept-encoding": "gzip, deflate, br",
          ...conditionalHeaders(settings.conditional),
        },
        // No connection pooling: a pooled socket could belong to an earlier, differently checked hop.
        agent: false,
        lookup: pinnedLookup(addresses),
        signal,
      },
      resolve,
    );
    request.on("error", (error) => {
      reject(signal.aborted ? error : networkError(url, error));
    });
    request.end();
  });
}

async function readDocument(
  url: URL,
  response: http.IncomingMessage,
  settings: Settings,
): Promise<FetchedDocument> {
  const declared = parseContentType(response.headers["content-type"]);
  if (declared && !settings.accept.includes(declared.mediaType)) {
    response.destroy();
    throw unsupported(url, declared.mediaType, settings);
  }
  const length = Number(response.headers["content-length"]);
  if (Number.isFinite(length) && length > settings.maxBytes) {
    response.destroy();
    throw tooLarge(url, settings.maxBytes, length);
  }
  const bytes = await readBody(url, response, settings.maxBytes);
  // No Content-Type at all: judge by the bytes, as browsers do.
  const contentType = declared?.mediaType ?? (looksLikeHtml(bytes) ? "text/html" : "text/plain");
  if (!settings.accept.includes(contentType)) throw unsupported(url, contentType, settings);
  const document: FetchedDocument = {
    finalUrl: url.href,
    contentType,
    bytes,
    validators: validatorsOf(response.headers),
  };
  if (declared?.charset) document.charset = declared.charset;
  return document;
}

async function readBody(url: URL, response: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  const decompressor = decompressorFor(encoding);
  if (decompressor === null) {
    response.destroy();
    throw new UserError(
      "UNSUPPORTED_CONTENT",
      `${quoteValue(url.href)} was sent with the compression ${quoteValue(encoding)}, which Byline cannot read: save the page and add it as a file.`,
    );
  }
  // pipeline destroys both streams if either fails, so a broken connection rejects the loop below.
  const body: Readable = decompressor ? pipeline(response, decompressor, () => {}) : response;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += (chunk as Buffer).length;
      // Counted after decompression, so a small compressed "zip bomb" is stopped at the cap too.
      if (total > maxBytes) throw tooLarge(url, maxBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    response.destroy();
    body.destroy();
    if (error instanceof UserError) throw error;
    throw networkError(url, error);
  }
  return Buffer.concat(chunks);
}

/** A decompressing stream for a Content-Encoding; undefined for none, null for one we can't read. */
function decompressorFor(encoding: string): Transform | undefined | null {
  if (encoding === "identity" || encoding === "") return undefined;
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.createGunzip();
  if (encoding === "deflate") return zlib.createInflate();
  if (encoding === "br") return zlib.createBrotliDecompress();
  return null;
}

function conditionalHeaders(validators: Validators | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators?.etag) headers["if-none-match"] = validators.etag;
  if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
  return headers;
}

function validatorsOf(headers: http.IncomingHttpHeaders): Validators {
  const validators: Validators = {};
  // Kept only when header-safe: they are sent back verbatim on the next poll.
  const safe = (value: string | undefined) =>
    value && value.length <= 256 && /^[\x20-\x7e]+$/.test(value) ? value : undefined;
  const etag = safe(headers.etag);
  const lastModified = safe(headers["last-modified"]);
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  return validators;
}

function redirectTarget(current: URL, location: string | undefined, status: number): URL {
  if (!location) {
    throw new UserError(
      "FETCH_FAILED",
      `${quoteValue(current.href)} answered with a redirect (HTTP ${status}) but no destination: the site is misconfigured.`,
    );
  }
  let target: URL;
  try {
    target = new URL(location, current);
  } catch (cause) {
    throw new UserError(
      "FETCH_FAILED",
      `${quoteValue(current.href)} redirected to an invalid address ${quoteValue(location)}: the site is misconfigured.`,
      { cause },
    );
  }
  return parseHttpUrl(target.href, `${quoteValue(current.href)} redirected to`);
}

function unsupported(url: URL, mediaType: string, settings: Settings): UserError {
  return new UserError(
    "UNSUPPORTED_CONTENT",
    `${quoteValue(url.href)} is ${quoteValue(mediaType)}, not a web page or text: Byline reads ${settings.accept.join(", ")}. For other documents, copy the article text into a .txt file and add that.`,
  );
}

function tooLarge(url: URL, maxBytes: number, declared?: number): UserError {
  const size = declared === undefined ? "more than" : `${formatBytes(declared)}, more than`;
  return new UserError(
    "TOO_LARGE",
    `${quoteValue(url.href)} is ${size} the ${formatBytes(maxBytes)} limit for a page: is this really an article? Save the article text to a file and add that instead.`,
  );
}

/** Connection-level failures (refused, reset, TLS) as a UserError; anything unexpected stays a bug. */
function networkError(url: URL, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string") return error;
  const reasons: Record<string, string> = {
    ECONNREFUSED: "the server refused the connection",
    ECONNRESET: "the connection was reset",
    EHOSTUNREACH: "the server is unreachable",
    ENETUNREACH: "the network is unreachable",
    ETIMEDOUT: "the connection timed out",
    ENOTFOUND: "the server was not found",
    EPIPE: "the connection was closed",
    ERR_STREAM_PREMATURE_CLOSE: "the connection closed before the page was complete",
    Z_DATA_ERROR: "the page's compressed data is corrupt",
    Z_BUF_ERROR: "the page's compressed data is truncated",
    HPE_INVALID_CONSTANT: "the server's answer is not valid HTTP",
  };
  const reason =
    reasons[code] ??
    (code.startsWith("HPE_")
      ? "the server's answer is not valid HTTP"
      : /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)
        ? "its security certificate is not valid"
        : undefined);
  if (!reason) return error;
  return new UserError(
    "FETCH_FAILED",
    `Could not fetch ${quoteValue(url.href)}: ${reason} (${code}). Check the link, or try again later.`,
    { cause: error },
  );
}

/** Rejects with the signal's reason as soon as it aborts (dns.lookup takes no signal). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, "")} KB`;
  return `${bytes} bytes`;
}
