import type { Config } from "../config.ts";
import { quoteValue, UserError } from "../library/errors.ts";
import type { IngestInput } from "../library/library.ts";

/** What /article add accepts as a file: the formats the library ingests. */
const EXTENSIONS = new Set(["txt", "text", "md", "markdown", "html", "htm"]);
const CONTENT_TYPES = new Set([
  "text/plain",
  "text/markdown",
  "text/x-markdown",
  "text/html",
  "application/xhtml+xml",
]);
/** Discord's attachment CDN. Nothing else is fetched as an "attachment" (no SSRF through a fake one). */
export const DISCORD_CDN_HOSTS = ["cdn.discordapp.com", "media.discordapp.net"];

export interface AttachmentLike {
  name: string;
  size: number;
  url: string;
  contentType: string | null;
}

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Hosts attachments may come from. Default: Discord's CDN. Tests add their loopback server. */
  hosts?: readonly string[];
  /** Allow plain http (tests on loopback). Default false. */
  allowHttp?: boolean;
}

/**
 * Where the configured Discord keeps attachments: its CDN. When DISCORD_API_URL points at a stand-in
 * (tests only), that stand-in is the CDN too, so its host is accepted, over http if the API is on http.
 * Unset (production) this is exactly the CDN over https: no setting widens it on its own.
 */
export function attachmentSources(
  config: Pick<Config, "DISCORD_API_URL">,
): Pick<DownloadOptions, "hosts" | "allowHttp"> {
  if (!config.DISCORD_API_URL) return {};
  const api = new URL(config.DISCORD_API_URL);
  return { hosts: [...DISCORD_CDN_HOSTS, api.hostname], allowHttp: api.protocol === "http:" };
}

/**
 * Checks an uploaded file (type, extension and declared size, before any download), then downloads it
 * with a deadline and a size cap enforced while streaming, and hands the bytes to the library as an
 * upload. Every refusal is a UserError naming the file.
 */
export async function downloadAttachment(
  attachment: AttachmentLike,
  options: DownloadOptions,
): Promise<IngestInput> {
  const name = quoteValue(attachment.name);
  const extension = attachment.name.includes(".") ? attachment.name.split(".").pop()!.toLowerCase() : "";
  const contentType = attachment.contentType?.split(";")[0]?.trim().toLowerCase();
  const typeOk = contentType ? CONTENT_TYPES.has(contentType) : false;
  if (!EXTENSIONS.has(extension) && !typeOk) {
    throw new UserError(
      "UNSUPPORTED_CONTENT",
      `${name} is not an article file: attach a .txt, .md or .html file (or give a URL).`,
    );
  }
  if (contentType && !typeOk && !contentType.startsWith("text/")) {
    throw new UserError(
      "UNSUPPORTED_CONTENT",
      `${name} is ${contentType}, not text: attach a .txt, .md or .html file.`,
    );
  }
  if (attachment.size > options.maxBytes) {
    throw new UserError(
      "TOO_LARGE",
      `${name} is ${formatBytes(attachment.size)}; the limit is ${formatBytes(options.maxBytes)}.`,
    );
  }
  const url = checkedUrl(attachment.url, options);
  const bytes = await fetchCapped(url, name, options);
  const input: IngestInput = { kind: "bytes", bytes, fileName: attachment.name, origin: "upload" };
  if (attachment.contentType) input.contentType = attachment.contentType;
  return input;
}

function checkedUrl(raw: string, options: DownloadOptions): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`attachment URL does not parse: ${raw}`);
  }
  const hosts = options.hosts ?? DISCORD_CDN_HOSTS;
  const protocolOk = url.protocol === "https:" || (options.allowHttp === true && url.protocol === "http:");
  if (!protocolOk || !hosts.includes(url.hostname)) {
    // Interactions come from Discord, so this is not the user's doing: a bug or a forged payload.
    throw new Error(`refusing to download an attachment from ${url.origin}`);
  }
  return url;
}

async function fetchCapped(url: URL, name: string, options: DownloadOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    throw new UserError(
      timedOut ? "FETCH_TIMEOUT" : "FETCH_FAILED",
      timedOut
        ? `Downloading ${name} took longer than ${Math.round(options.timeoutMs / 1000)} s; try again.`
        : `Could not download ${name} from Discord; try again.`,
      { cause: error },
    );
  }
  if (!response.ok || !response.body) {
    throw new UserError("FETCH_FAILED", `Could not download ${name} (HTTP ${response.status}); try again.`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > options.maxBytes) {
      throw new UserError(
        "TOO_LARGE",
        `${name} is larger than the limit of ${formatBytes(options.maxBytes)}.`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
