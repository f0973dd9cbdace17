import type { ModelInfo } from "../embed/embedder.ts";
import { UserError } from "../errors.ts";
import { readJsonFile, writeFileAtomic } from "./atomic-fs.ts";

export const MANIFEST_FORMAT = 1;

/** What the manifest knows about an article: enough to list it without opening its segment. */
export interface ManifestEntry {
  id: string;
  title: string;
  paragraphs: number;
  chunks: number;
  /** Where it came from, for display: a URL, a file name, or "pasted text". */
  source: string;
  canonicalUrl?: string;
  contentHash: string;
  /** sha256 of the body alone (absent in manifests written before it existed): duplicate detection. */
  bodyHash?: string;
  addedAt: string;
  addedBy: string;
  publishedAt?: string;
  /** The segment folder holding the article and its vectors. */
  segment: string;
}

/**
 * The truth about a scope: which articles exist and which model embedded them. Rewritten atomically
 * on every change; a segment not listed here does not exist (it is debris from an interrupted write).
 */
export interface Manifest {
  format: number;
  scope: string;
  /** Incremented on every change: readers in other processes use it to notice updates. */
  generation: number;
  model: Pick<ModelInfo, "id" | "dimensions" | "fingerprint"> | null;
  articles: ManifestEntry[];
}

export function emptyManifest(scope: string): Manifest {
  return { format: MANIFEST_FORMAT, scope, generation: 0, model: null, articles: [] };
}

/**
 * The scope's manifest (an empty one when there is none yet). A damaged one is a STORAGE error that
 * names the file and the way back: `repair` rebuilds it from the articles stored beside it.
 */
export async function readManifest(file: string, scope: string): Promise<Manifest> {
  let manifest: Manifest | undefined;
  try {
    manifest = await readJsonFile<Manifest>(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw error; // an I/O error, not damage
    throw damaged(file, "it is not valid JSON", error);
  }
  if (!manifest) return emptyManifest(scope);
  if (typeof manifest !== "object" || Array.isArray(manifest)) throw damaged(file, "it is not a manifest");
  if (manifest.format !== MANIFEST_FORMAT) {
    throw damaged(file, `its format is ${JSON.stringify(manifest.format)}, not ${MANIFEST_FORMAT}`);
  }
  if (!Array.isArray(manifest.articles)) throw damaged(file, "it has no list of articles");
  return manifest;
}

function damaged(file: string, why: string, cause?: unknown): UserError {
  return new UserError(
    "STORAGE",
    `The library's manifest ${file} is damaged (${why}). Run "npm run cli -- repair" to rebuild it from the articles stored beside it.`,
    cause ? { cause } : undefined,
  );
}

export async function writeManifest(file: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(manifest, null, 1)}\n`);
}
