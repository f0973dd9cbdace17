import { promises as fs } from "node:fs";
import path from "node:path";
import type { ModelInfo } from "../embed/embedder.ts";
import type { Logger } from "../log.ts";
import { readJsonFile, storageError, writeFileAtomic } from "./atomic-fs.ts";
import { KeywordIndex, type KeywordSnapshot } from "./keyword-index.ts";
import { type Manifest, type ManifestEntry, readManifest, writeManifest } from "./manifest.ts";
import {
  deleteSegment,
  type LoadedSegment,
  readSegment,
  type StoredArticle,
  writeSegment,
} from "./segment.ts";
import { VectorMatrix } from "./vector-matrix.ts";

export interface LoadedArticle {
  entry: ManifestEntry;
  stored: StoredArticle;
}

export interface ScopePaths {
  root: string;
  manifest: string;
  segments: string;
  staging: string;
  trash: string;
  keywords: string;
}

export function scopePaths(dataDir: string, scope: string): ScopePaths {
  const root = path.join(dataDir, "scopes", scope);
  return {
    root,
    manifest: path.join(root, "manifest.json"),
    segments: path.join(root, "segments"),
    staging: path.join(root, "staging"),
    trash: path.join(root, "trash"),
    keywords: path.join(root, "keywords.json"),
  };
}

/** Re-save the keyword snapshot once this many articles changed since the last one (large scopes). */
const SNAPSHOT_DRIFT = 20;
/** Below this many paragraphs the snapshot is cheap enough to re-save on every change. */
const SMALL_SCOPE_PARAGRAPHS = 5_000;

/**
 * One scope's articles, on disk and in memory: the manifest, every segment's vectors in one matrix,
 * and the keyword index. Mutations (add, remove, replace) must run under the library's write lock;
 * reads need no lock: they see the manifest before or after a change, never in between.
 */
export class ScopeStore {
  readonly paths: ScopePaths;
  manifest: Manifest;
  readonly articles = new Map<string, LoadedArticle>();
  matrix: VectorMatrix;
  keywords: KeywordIndex = KeywordIndex.empty();
  private stamp = "";
  private keywordDrift = 0;

  private constructor(
    dataDir: string,
    readonly scope: string,
    private readonly logger: Logger,
  ) {
    this.paths = scopePaths(dataDir, scope);
    this.manifest = { format: 1, scope, generation: 0, model: null, articles: [] };
    this.matrix = new VectorMatrix(1);
  }

  /** Opens a scope (creating nothing on disk until the first write). */
  static async open(dataDir: string, scope: string, logger: Logger): Promise<ScopeStore> {
    const store = new ScopeStore(dataDir, scope, logger);
    await store.reload();
    return store;
  }

  get paragraphCount(): number {
    let total = 0;
    for (const { entry } of this.articles.values()) total += entry.paragraphs;
    return total;
  }

  /** Picks up changes another process made (cheap when nothing changed: one stat). */
  async refresh(): Promise<void> {
    if ((await this.readStamp()) !== this.stamp) await this.reload();
  }

  /** Re-reads the manifest and brings memory in line with it, loading only what changed. */
  async reload(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stamp = await this.readStamp();
      const manifest = await readManifest(this.paths.manifest, this.scope);
      try {
        await this.apply(manifest);
        this.stamp = stamp;
        return;
      } catch (error) {
        // A writer removed a segment between our manifest read and segment read: read again.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT" || attempt >= 5) throw error;
      }
    }
  }

  private async apply(manifest: Manifest): Promise<void> {
    const modelChanged = JSON.stringify(manifest.model) !== JSON.stringify(this.manifest.model);
    if (modelChanged || manifest.model?.dimensions !== this.matrix.dimensions) {
      this.articles.clear();
      this.matrix = new VectorMatrix(manifest.model?.dimensions ?? 1, Math.max(1024, totalChunks(manifest)));
      this.keywords = KeywordIndex.empty();
    }
    const wanted = new Map(manifest.articles.map((entry) => [entry.id, entry]));
    for (const [id, loaded] of this.articles) {
      const entry = wanted.get(id);
      if (!entry || entry.segment !== loaded.entry.segment) this.forget(id);
    }
    const missing = manifest.articles.filter((entry) => !this.articles.has(entry.id));
    const segments = await mapLimit(missing, 16, (entry) => readSegment(this.paths.segments, entry.segment));
    if (this.keywords.size === 0 && this.articles.size === 0) {
      this.keywords = KeywordIndex.fromSnapshot(await this.readKeywordSnapshot()) ?? KeywordIndex.empty();
    }
    missing.forEach((entry, i) => {
      this.remember(entry, segments[i]!);
    });
    // The snapshot may hold articles that are gone, or miss ones added since it was written.
    let reconciled = 0;
    for (const id of this.keywords.articleIds()) {
      if (!wanted.has(id)) {
        this.keywords.remove(id);
        reconciled++;
      }
    }
    for (const { stored } of this.articles.values()) {
      if (!this.keywords.holds(stored.article.id, stored.article.contentHash)) {
        this.keywords.remove(stored.article.id);
        this.keywords.add(stored.article);
        reconciled++;
      }
    }
    this.manifest = manifest;
    this.keywordDrift += reconciled;
    if (reconciled > 0) await this.maybeSaveKeywords();
  }

  private remember(entry: ManifestEntry, segment: LoadedSegment): void {
    const { vectors, dimensions: _dimensions, ...stored } = segment;
    if (vectors.length > 0) this.matrix.add(entry.id, vectors);
    this.articles.set(entry.id, { entry, stored });
  }

  private forget(id: string): void {
    this.matrix.remove(id);
    this.keywords.remove(id);
    this.articles.delete(id);
  }

  // ---- writes (caller holds the write lock and has called refresh()) ----

  /** Stores an article: segment first, then the manifest that makes it exist. */
  async add(
    entry: Omit<ManifestEntry, "segment">,
    stored: StoredArticle,
    vectors: Float32Array[],
    model: ModelInfo,
  ): Promise<ManifestEntry> {
    await this.collectGarbage();
    const segment = await writeSegment(this.paths.staging, this.paths.segments, stored, vectors);
    const full: ManifestEntry = { ...entry, segment };
    const next: Manifest = {
      ...this.manifest,
      generation: this.manifest.generation + 1,
      model: this.manifest.model ?? {
        id: model.id,
        dimensions: model.dimensions,
        fingerprint: model.fingerprint,
      },
      articles: [...this.manifest.articles, full],
    };
    await this.commit(next, async () => {
      await deleteSegment(this.paths.segments, this.paths.trash, segment).catch(() => {});
    });
    if (this.matrix.dimensions !== model.dimensions) this.matrix = new VectorMatrix(model.dimensions);
    this.matrix.add(full.id, concat(vectors, model.dimensions));
    this.articles.set(full.id, { entry: full, stored });
    this.keywords.add(stored.article);
    this.keywordDrift++;
    await this.maybeSaveKeywords();
    return full;
  }

  /** Removes an article: the manifest forgets it first, then its segment is deleted. */
  async remove(id: string): Promise<ManifestEntry | undefined> {
    const entry = this.manifest.articles.find((candidate) => candidate.id === id);
    if (!entry) return undefined;
    const next: Manifest = {
      ...this.manifest,
      generation: this.manifest.generation + 1,
      articles: this.manifest.articles.filter((candidate) => candidate.id !== id),
    };
    await this.commit(next);
    this.forget(id);
    await deleteSegment(this.paths.segments, this.paths.trash, entry.segment).catch((error) =>
      this.logger.warn(
        { err: error, segment: entry.segment },
        "could not delete a removed segment; it will be collected",
      ),
    );
    this.keywordDrift++;
    await this.maybeSaveKeywords();
    return entry;
  }

  /**
   * Swaps in a whole new set of segments made with another model, in one manifest write: until it
   * lands the old library is intact; after it, the new one is. Old segments are deleted afterwards.
   */
  async replaceAll(entries: ManifestEntry[], model: ModelInfo): Promise<void> {
    const old = this.manifest.articles;
    const next: Manifest = {
      ...this.manifest,
      generation: this.manifest.generation + 1,
      model: { id: model.id, dimensions: model.dimensions, fingerprint: model.fingerprint },
      articles: entries,
    };
    await this.commit(next);
    for (const entry of old)
      await deleteSegment(this.paths.segments, this.paths.trash, entry.segment).catch(() => {});
    await this.reload();
  }

  /** Writes a segment without listing it: used by re-embedding, which lists them all at once. */
  writeUnlistedSegment(stored: StoredArticle, vectors: Float32Array[]): Promise<string> {
    return writeSegment(this.paths.staging, this.paths.segments, stored, vectors);
  }

  private async commit(next: Manifest, rollback?: () => Promise<void>): Promise<void> {
    try {
      await fs.mkdir(this.paths.root, { recursive: true });
      await writeManifest(this.paths.manifest, next);
    } catch (error) {
      await rollback?.();
      throw storageError(`Could not update the ${this.scope} library`, error);
    }
    this.manifest = next;
    this.stamp = await this.readStamp();
  }

  /** Deletes debris of interrupted writes: unlisted segments, staging and trash folders, temp files. */
  async collectGarbage(): Promise<number> {
    const listed = new Set(this.manifest.articles.map((entry) => entry.segment));
    let removed = 0;
    for (const name of await listDir(this.paths.segments)) {
      if (!listed.has(name)) {
        await fs.rm(path.join(this.paths.segments, name), { recursive: true, force: true });
        removed++;
      }
    }
    for (const dir of [this.paths.staging, this.paths.trash]) {
      for (const name of await listDir(dir)) {
        await fs.rm(path.join(dir, name), { recursive: true, force: true });
        removed++;
      }
    }
    for (const name of await listDir(this.paths.root)) {
      if (name.endsWith(".tmp")) {
        await fs.rm(path.join(this.paths.root, name), { force: true });
        removed++;
      }
    }
    if (removed > 0)
      this.logger.debug({ scope: this.scope, removed }, "collected debris of interrupted writes");
    return removed;
  }

  async maybeSaveKeywords(force = false): Promise<void> {
    if (this.keywordDrift === 0) return;
    if (!force && this.keywordDrift < SNAPSHOT_DRIFT && this.paragraphCount > SMALL_SCOPE_PARAGRAPHS) return;
    try {
      await fs.mkdir(this.paths.root, { recursive: true });
      await writeFileAtomic(this.paths.keywords, JSON.stringify(this.keywords.snapshot()));
      this.keywordDrift = 0;
    } catch (error) {
      // The snapshot is a cache: losing it costs re-indexing at the next start, not data.
      this.logger.warn({ err: error, scope: this.scope }, "could not save the keyword index snapshot");
    }
  }

  private async readKeywordSnapshot(): Promise<KeywordSnapshot | undefined> {
    try {
      return await readJsonFile<KeywordSnapshot>(this.paths.keywords);
    } catch (error) {
      this.logger.warn({ err: error, scope: this.scope }, "keyword index snapshot unreadable; rebuilding it");
      return undefined;
    }
  }

  private async readStamp(): Promise<string> {
    try {
      const stat = await fs.stat(this.paths.manifest);
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return "absent";
    }
  }
}

function totalChunks(manifest: Manifest): number {
  return manifest.articles.reduce((sum, entry) => sum + entry.chunks, 0);
}

function concat(vectors: Float32Array[], dimensions: number): Float32Array {
  const out = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, i) => {
    out.set(vector, i * dimensions);
  });
  return out;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
