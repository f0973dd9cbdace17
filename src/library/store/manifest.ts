import type { ModelInfo } from "../embed/embedder.ts";
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

export async function readManifest(file: string, scope: string): Promise<Manifest> {
  const manifest = await readJsonFile<Manifest>(file);
  if (!manifest) return emptyManifest(scope);
  if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.articles)) {
    throw new Error(`${file}: unsupported manifest format ${String(manifest.format)}`);
  }
  return manifest;
}

export async function writeManifest(file: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(manifest, null, 1)}\n`);
}
