import { randomBytes } from "node:crypto";
import { promises as fs, fstatSync, openSync } from "node:fs";
import path from "node:path";
import type { ModelInfo } from "../embed/embedder.ts";
import type { Logger } from "../log.ts";
import { readJsonFile, storageError, syncDir, writeAndSync, writeFileAtomic } from "./atomic-fs.ts";
import { KeywordIndex, type KeywordSnapshot } from "./keyword-index.ts";
import { type Manifest, type ManifestEntry, readManifest, writeManifest } from "./manifest.ts";
import {
  deleteSegment,
  type RawSegment,
  readRawSegment,
  type StoredArticle,
  writeSegment,
} from "./segment.ts";
import { type CodedRows, PackFile, VectorMatrix } from "./vector-matrix.ts";

/** An article as the store holds it: its manifest entry and (parsed on first use) its stored form. */
export interface LoadedArticle {
  readonly entry: ManifestEntry;
  readonly stored: StoredArticle;
}

export interface ScopePaths {
  root: string;
  manifest: string;
  segments: string;
  staging: string;
  trash: string;
  keywords: string;
  /** The pack: every listed segment's vectors, int8 codes and article JSON in one file (a cache). */
  pack: string;
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
    pack: path.join(root, "pack.bin"),
  };
}

/** Re-save the caches (pack, keyword snapshot) once this many articles changed since the last save… */
const SNAPSHOT_DRIFT = 20;
/** …or this share of the scope's articles, whichever is more (so a save costs O(1) per change). */
const SNAPSHOT_DRIFT_SHARE = 0.05;
/** Below this many paragraphs the caches are cheap enough to re-save on every change… */
const SMALL_SCOPE_PARAGRAPHS = 5_000;
/**
 * …but not more than once a second: adding 40 files in one command would otherwise rewrite both
 * caches 40 times (half the store's time in a bulk add, measured). What is not saved yet is saved at
 * close, and a load in between only reconciles the few articles the caches lack.
 */
const SMALL_SCOPE_SAVE_INTERVAL_MS = 1_000;

/**
 * Tuning. `fileBackedRows`: from this many rows on, a scope loaded from (or saved to) its pack keeps
 * float32 rows and article JSON in the pack file, read on demand, rather than in memory (the int8
 * codes stay in memory). Small scopes keep everything in memory and no file open.
 */
export const storeTuning = { fileBackedRows: 4_096 };

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Where an article's JSON is: in memory, or a byte range of a pack file. */
type JsonSource = Uint8Array | { file: PackFile; at: number; length: number };

/** The stored article, parsed from its JSON on first access (a cold start parses none of them). */
class StoredEntry implements LoadedArticle {
  private parsed: StoredArticle | undefined;

  constructor(
    readonly entry: ManifestEntry,
    private source: JsonSource,
    parsed?: StoredArticle,
  ) {
    this.parsed = parsed;
    if (!(source instanceof Uint8Array)) source.file.retain();
  }

  get stored(): StoredArticle {
    this.parsed ??= JSON.parse(decoder.decode(this.json())) as StoredArticle;
    return this.parsed;
  }

  get jsonLength(): number {
    return this.source instanceof Uint8Array ? this.source.byteLength : this.source.length;
  }

  /** The segment's article.json bytes (what the pack stores). */
  json(): Uint8Array {
    const { source } = this;
    if (source instanceof Uint8Array) return source;
    const bytes = new Uint8Array(source.length);
    source.file.read(source.at, bytes);
    return bytes;
  }

  /** From now on, read the JSON from `file` at `at` (after a pack holding it was written). */
  moveTo(file: PackFile, at: number): void {
    const length = this.jsonLength;
    this.release();
    file.retain();
    this.source = { file, at, length };
  }

  release(): void {
    if (!(this.source instanceof Uint8Array)) this.source.file.release();
    this.source = new Uint8Array(0);
  }
}

/**
 * One scope's articles, on disk and in memory: the manifest, every segment's vectors in one matrix,
 * and the keyword index. Mutations (add, remove, replace) must run under the library's write lock;
 * reads need no lock: they see the manifest before or after a change, never in between.
 *
 * The truth on disk is the manifest plus the segments it lists. Two caches make a cold start cheap
 * and are never trusted beyond what they can prove: the pack (pack.bin: vectors, int8 codes and
 * article JSON of the segments listed when it was written) and the keyword snapshot (keywords.json).
 * Loading takes from the pack only the segments the manifest still lists under the same name, reads
 * any others from their folders, and reconciles the keyword snapshot article by article; a missing,
 * stale or unreadable cache costs time, never correctness.
 */
export class ScopeStore {
  readonly paths: ScopePaths;
  manifest: Manifest;
  readonly articles = new Map<string, LoadedArticle>();
  /**
   * Articles the manifest lists whose segment cannot be read (missing, truncated, corrupt): left out
   * of every read, with one warning each, until `repair` sets them aside or `remove` drops them.
   */
  readonly damaged = new Map<string, { entry: ManifestEntry; reason: string }>();
  matrix: VectorMatrix;
  keywords: KeywordIndex = KeywordIndex.empty();
  private stamp = "";
  /** Articles changed (or reconciled) since the caches were last saved. */
  private cacheDrift = 0;
  /** When the caches were last saved (Date.now()), for the small-scope save interval. */
  private lastCacheSave = 0;

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
      const unreadable = await this.apply(manifest);
      // A writer may have removed a segment between our manifest read and segment read: read again.
      if (unreadable.size > 0 && (await this.readStamp()) !== stamp && attempt < 5) continue;
      this.stamp = stamp;
      this.noteDamaged(manifest, unreadable);
      return;
    }
  }

  private noteDamaged(manifest: Manifest, unreadable: Map<string, string>): void {
    const listed = new Set(manifest.articles.map((entry) => entry.id));
    for (const id of this.damaged.keys())
      if (!listed.has(id) || this.articles.has(id)) this.damaged.delete(id);
    for (const entry of manifest.articles) {
      const reason = unreadable.get(entry.id);
      if (!reason || this.damaged.has(entry.id)) continue;
      this.damaged.set(entry.id, { entry, reason });
      this.logger.warn(
        { scope: this.scope, articleId: entry.id, segment: entry.segment, reason },
        `Article ${entry.id} ("${entry.title}") is damaged (${reason}) and is left out; run "npm run cli -- repair" to set it aside, or remove it.`,
      );
    }
  }

  /** Brings memory in line with `manifest`; returns the listed articles that could not be read, with why. */
  private async apply(manifest: Manifest): Promise<Map<string, string>> {
    const modelChanged = JSON.stringify(manifest.model) !== JSON.stringify(this.manifest.model);
    const dimensions = manifest.model?.dimensions ?? 1;
    if (modelChanged || dimensions !== this.matrix.dimensions) {
      for (const loaded of this.articles.values()) (loaded as StoredEntry).release();
      this.articles.clear();
      this.matrix.dispose();
      this.matrix = new VectorMatrix(dimensions, 1);
      this.keywords = KeywordIndex.empty();
    }
    const wanted = new Map(manifest.articles.map((entry) => [entry.id, entry]));
    for (const [id, loaded] of this.articles) {
      const entry = wanted.get(id);
      if (!entry || entry.segment !== loaded.entry.segment) this.forget(id);
    }
    const fresh = this.articles.size === 0;
    if (fresh && manifest.model && manifest.articles.length > 0) await this.loadPack(manifest);
    const missing = manifest.articles.filter((entry) => !this.articles.has(entry.id));
    if (this.matrix.rows === 0 && missing.length > 0) {
      // Sized once for everything that will be read, rather than grown (and copied) article by article.
      this.matrix.dispose();
      this.matrix = new VectorMatrix(dimensions, Math.max(1024, totalChunks(missing)));
    }
    const unreadable = new Map<string, string>();
    const segments = await mapLimit(missing, 16, (entry) =>
      readRawSegment(this.paths.segments, entry.segment).then(
        (segment) => checkedSegment(segment, entry),
        (error: unknown) => segmentProblem(error),
      ),
    );
    if (fresh && this.keywords.size === 0) {
      this.keywords = KeywordIndex.fromSnapshot(await this.readKeywordSnapshot()) ?? KeywordIndex.empty();
    }
    missing.forEach((entry, i) => {
      const segment = segments[i]!;
      if (typeof segment === "string") {
        unreadable.set(entry.id, segment);
        return;
      }
      if (segment.vectors.length > 0) this.matrix.add(entry.id, segment.vectors);
      this.articles.set(entry.id, new StoredEntry(entry, segment.json, segment.stored));
    });
    // The snapshot may hold articles that are gone, or miss ones added since it was written.
    let reconciled = 0;
    for (const id of this.keywords.articleIds()) {
      if (!wanted.has(id)) {
        this.keywords.remove(id);
        reconciled++;
      }
    }
    for (const { entry, stored } of this.articlesNotIndexed()) {
      this.keywords.remove(entry.id);
      this.keywords.add(stored.article);
      reconciled++;
    }
    this.manifest = manifest;
    this.cacheDrift += Math.max(reconciled, missing.length - unreadable.size);
    if (this.cacheDrift > 0) await this.maybeSaveKeywords();
    return unreadable;
  }

  private *articlesNotIndexed(): Generator<LoadedArticle> {
    for (const loaded of this.articles.values()) {
      if (!this.keywords.holds(loaded.entry.id, loaded.entry.contentHash)) yield loaded;
    }
  }

  private forget(id: string): void {
    this.matrix.remove(id);
    this.keywords.remove(id);
    (this.articles.get(id) as StoredEntry | undefined)?.release();
    this.articles.delete(id);
  }

  // ---- writes (caller holds the write lock and has called refresh()) ----

  /**
   * Stores an article: segment first, then the manifest that makes it exist. Everything that can fail
   * on the article itself (its vectors' shape, keyword indexing) happens before anything is written;
   * after the manifest lands, only infallible in-memory bookkeeping remains, so an add that reports an
   * error never leaves the article stored.
   */
  async add(
    entry: Omit<ManifestEntry, "segment">,
    stored: StoredArticle,
    vectors: Float32Array[],
    model: ModelInfo,
  ): Promise<ManifestEntry> {
    if (
      vectors.some((vector) => vector.length !== model.dimensions) ||
      vectors.length !== stored.chunks.length
    ) {
      throw new Error(
        `article ${entry.id}: ${vectors.length} vectors for ${stored.chunks.length} chunks of ${model.dimensions} dimensions`,
      );
    }
    vectors.forEach((vector, i) => {
      let norm = 0;
      for (let d = 0; d < vector.length; d++) norm += vector[d]! * vector[d]!;
      // What verify checks, refused before anything is written: a model bug must not reach the disk.
      if (!(Math.abs(norm - 1) <= 1e-3)) {
        throw new Error(
          `article ${entry.id}: the model returned a vector with |v|² = ${norm} for chunk ${i}; not stored`,
        );
      }
    });
    const flat = concat(vectors, model.dimensions);
    const json = encoder.encode(JSON.stringify(stored));
    await this.collectGarbage();
    // Indexed first (readers in this process ignore keyword hits on articles they don't hold yet).
    this.keywords.add(stored.article);
    let segment: string;
    try {
      segment = await writeSegment(this.paths.staging, this.paths.segments, stored, vectors, { json });
    } catch (error) {
      this.keywords.remove(entry.id);
      throw error;
    }
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
      this.keywords.remove(entry.id);
      await deleteSegment(this.paths.segments, this.paths.trash, segment).catch(() => {});
    });
    if (this.matrix.dimensions !== model.dimensions) {
      this.matrix.dispose();
      this.matrix = new VectorMatrix(model.dimensions);
    }
    this.matrix.add(full.id, flat);
    this.articles.set(full.id, new StoredEntry(full, json, stored));
    this.cacheDrift++;
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
    this.cacheDrift++;
    await this.maybeSaveKeywords();
    return entry;
  }

  /**
   * Swaps in a whole new set of segments (re-embedded with another model, or with their quotes
   * extracted again), in one manifest write: until it
   * lands the old library is intact; after it, the new one is. Old segments are deleted afterwards.
   */
  async replaceAll(
    entries: ManifestEntry[],
    model: Pick<ModelInfo, "id" | "dimensions" | "fingerprint">,
  ): Promise<void> {
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

  /**
   * Deletes debris of interrupted writes: unlisted segments, staging and trash folders, temp files.
   * Best effort: debris is never read, so a folder that can't be cleaned (permissions, a read-only
   * disk) is logged and left for the next write rather than failing this one.
   */
  async collectGarbage(): Promise<number> {
    const listed = new Set(this.manifest.articles.map((entry) => entry.segment));
    const debris: string[] = [];
    try {
      for (const name of await listDir(this.paths.segments)) {
        if (!listed.has(name)) debris.push(path.join(this.paths.segments, name));
      }
      for (const dir of [this.paths.staging, this.paths.trash]) {
        for (const name of await listDir(dir)) debris.push(path.join(dir, name));
      }
      for (const name of await listDir(this.paths.root)) {
        if (!name.endsWith(".tmp")) continue;
        const file = path.join(this.paths.root, name);
        // Caches are saved without the write lock (by readers too): a temp file another live process
        // is writing is not debris. Its name carries the writer's pid.
        if (await liveTempFile(file)) continue;
        debris.push(file);
      }
    } catch (error) {
      this.logger.warn({ err: error, scope: this.scope }, "could not look for debris of interrupted writes");
    }
    let removed = 0;
    for (const item of debris) {
      try {
        await fs.rm(item, { recursive: true, force: true });
        removed++;
      } catch (error) {
        this.logger.warn({ err: error, path: item }, "could not delete debris of an interrupted write");
      }
    }
    if (removed > 0)
      this.logger.debug({ scope: this.scope, removed }, "collected debris of interrupted writes");
    return removed;
  }

  /**
   * Saves the caches (pack and keyword snapshot) when enough changed since the last save: on every
   * change in a small scope, every 5% of the articles (at least 20) in a large one. `force` (at
   * shutdown) saves a large scope's caches once 20 articles changed. Failures are logged, not thrown:
   * the caches only make the next start faster.
   */
  async maybeSaveKeywords(force = false): Promise<void> {
    if (this.cacheDrift === 0) return;
    const small = this.paragraphCount <= SMALL_SCOPE_PARAGRAPHS;
    const due = force
      ? SNAPSHOT_DRIFT
      : Math.max(SNAPSHOT_DRIFT, Math.ceil(this.articles.size * SNAPSHOT_DRIFT_SHARE));
    if (!small && this.cacheDrift < due) return;
    if (small && !force && Date.now() - this.lastCacheSave < SMALL_SCOPE_SAVE_INTERVAL_MS) return;
    try {
      await fs.mkdir(this.paths.root, { recursive: true });
      await writeFileAtomic(this.paths.keywords, JSON.stringify(this.keywords.snapshot()));
      if (this.manifest.model && this.articles.size > 0) await this.savePack();
      else await fs.rm(this.paths.pack, { force: true });
      this.cacheDrift = 0;
      this.lastCacheSave = Date.now();
    } catch (error) {
      this.logger.warn({ err: error, scope: this.scope }, "could not save the library's caches");
    }
  }

  // ---- the pack ----

  /**
   * Writes pack.bin: what the next cold start reads instead of one folder per article. A large scope
   * then reads its float32 rows and article JSON from the new pack too, and drops its memory copies.
   */
  private async savePack(): Promise<void> {
    const model = this.manifest.model;
    if (!model) return;
    const { blocks, coded } = this.matrix.packed();
    const withRows = new Set(blocks.map((block) => block.id));
    // Articles in matrix row order, then those without vectors (no chunks), with 0 rows.
    const order: [StoredEntry, number][] = blocks.map((block) => [
      this.articles.get(block.id) as StoredEntry,
      block.rows,
    ]);
    for (const loaded of this.articles.values())
      if (!withRows.has(loaded.entry.id)) order.push([loaded as StoredEntry, 0]);
    for (const [loaded] of order)
      if (!loaded) throw new Error("the matrix holds an article the store does not");
    const articles: PackArticle[] = order.map(([loaded, rows]) => [
      loaded.entry.id,
      loaded.entry.segment,
      rows,
      loaded.jsonLength,
    ]);
    const { header, chunks } = encodePack(model, this.matrix, coded, articles, () =>
      order.map(([loaded]) => loaded.json()),
    );
    const file = await writePackFile(this.paths.pack, chunks);
    try {
      if (header.rows >= storeTuning.fileBackedRows) {
        this.matrix.moveRowsTo(file, header.sections.vectors[0]);
        let at = header.sections.json[0];
        for (const [loaded] of order) {
          const length = loaded.jsonLength;
          loaded.moveTo(file, at);
          at += length;
        }
      }
    } finally {
      file.release();
    }
  }

  /** Loads what the pack holds of `manifest` (same segment names, same model); the rest is left missing. */
  private async loadPack(manifest: Manifest): Promise<void> {
    let pack: OpenPack | undefined;
    try {
      pack = await openPack(this.paths.pack);
      if (!pack) return;
      const { header } = pack;
      const model = manifest.model!;
      if (
        header.model.id !== model.id ||
        header.model.fingerprint !== model.fingerprint ||
        header.dimensions !== model.dimensions
      ) {
        return;
      }
      const { matrix, json } = await pack.load(header.rows >= storeTuning.fileBackedRows);
      const wanted = new Map(manifest.articles.map((entry) => [entry.id, entry]));
      const articles = new Map<string, LoadedArticle>();
      header.articles.forEach(([id, segment], i) => {
        const entry = wanted.get(id);
        if (entry && entry.segment === segment) articles.set(id, new StoredEntry(entry, json[i]!));
        else matrix.remove(id);
      });
      this.matrix.dispose();
      this.matrix = matrix;
      this.articles.clear();
      for (const [id, loaded] of articles) this.articles.set(id, loaded);
    } catch (error) {
      this.logger.warn({ err: error, scope: this.scope }, "pack unreadable; loading the segments one by one");
    } finally {
      pack?.close();
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

// ---- pack.bin ----
//
// "BYLPACK1" | u32 header length | u32 0 | header JSON | sections, each 64-byte aligned:
//   vectors  float32 rows × dimensions      (the matrix's rows, in header order)
//   codes    int8    rows × stride          (their int8 codes, zero padded to the stride)
//   scale, codeNorm, codeError  float64 rows (the bounds of each code)
//   json     the article.json bytes of every article, in header order
// All numbers little-endian (the pack is a cache for this machine; another endianness would fail
// the checks and fall back to the segments). Written whole to a temp file, fsynced, renamed over the
// old pack: a reader sees the old pack or the new, and an open descriptor keeps reading the old one.

const PACK_MAGIC = "BYLPACK1";
const PACK_FORMAT = 1;
const ALIGN = 64;

/** [article id, segment folder, rows, article.json bytes]. */
type PackArticle = [string, string, number, number];

type SectionName = "vectors" | "codes" | "scale" | "codeNorm" | "codeError" | "json";

export interface PackHeader {
  format: number;
  model: { id: string; dimensions: number; fingerprint: string };
  dimensions: number;
  stride: number;
  rows: number;
  articles: PackArticle[];
  /** Section name → [byte offset, byte length]. */
  sections: Record<SectionName, [number, number]>;
}

function encodePack(
  model: PackHeader["model"],
  matrix: VectorMatrix,
  coded: CodedRows,
  articles: PackArticle[],
  json: () => Iterable<Uint8Array>,
): { header: PackHeader; chunks: Iterable<Uint8Array> } {
  const rows = coded.scale.length;
  const lengths: Record<SectionName, number> = {
    vectors: rows * matrix.dimensions * 4,
    codes: coded.codes.byteLength,
    scale: coded.scale.byteLength,
    codeNorm: coded.codeNorm.byteLength,
    codeError: coded.codeError.byteLength,
    json: articles.reduce((sum, [, , , length]) => sum + length, 0),
  };
  const names = Object.keys(lengths) as SectionName[];
  const header: PackHeader = {
    format: PACK_FORMAT,
    model: { id: model.id, dimensions: model.dimensions, fingerprint: model.fingerprint },
    dimensions: matrix.dimensions,
    stride: matrix.codeStride,
    rows,
    articles,
    sections: {} as PackHeader["sections"],
  };
  // Offsets depend on the header's length, which depends on the offsets' digits: iterate to a fixpoint.
  let headerBytes = encoder.encode(JSON.stringify(header));
  for (let attempt = 0; attempt < 8; attempt++) {
    let offset = align(16 + headerBytes.byteLength);
    for (const name of names) {
      header.sections[name] = [offset, lengths[name]];
      offset = align(offset + lengths[name]);
    }
    const next = encoder.encode(JSON.stringify(header));
    const settled = next.byteLength === headerBytes.byteLength;
    headerBytes = next;
    if (settled) break;
  }
  if (align(16 + headerBytes.byteLength) > header.sections.vectors[0])
    throw new Error("pack header did not settle");
  const sources: Record<SectionName, () => Iterable<Uint8Array>> = {
    vectors: () => matrix.floatBytes(),
    codes: () => [bytesOf(coded.codes)],
    scale: () => [bytesOf(coded.scale)],
    codeNorm: () => [bytesOf(coded.codeNorm)],
    codeError: () => [bytesOf(coded.codeError)],
    json,
  };
  function* chunks(): Generator<Uint8Array> {
    const prefix = new Uint8Array(16);
    prefix.set(encoder.encode(PACK_MAGIC), 0);
    new DataView(prefix.buffer).setUint32(8, headerBytes.byteLength, true);
    yield prefix;
    yield headerBytes;
    let position = 16 + headerBytes.byteLength;
    for (const name of names) {
      const [offset, length] = header.sections[name];
      if (offset > position) yield new Uint8Array(offset - position);
      let written = 0;
      for (const chunk of sources[name]()) {
        written += chunk.byteLength;
        yield chunk;
      }
      if (written !== length)
        throw new Error(`pack section ${name}: wrote ${written} bytes, expected ${length}`);
      position = offset + length;
    }
  }
  return { header, chunks: chunks() };
}

/**
 * Writes a pack (temp file, fsync, rename, fsync folder) and returns it open for reading: the
 * descriptor is opened on the temp file before the rename, so it is this pack whatever replaces it.
 */
async function writePackFile(file: string, chunks: Iterable<Uint8Array>): Promise<PackFile> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  let pack: PackFile | undefined;
  try {
    await writeAndSync(temp, chunks);
    pack = new PackFile(openSync(temp, "r"));
    await fs.rename(temp, file);
  } catch (error) {
    pack?.release();
    await fs.rm(temp, { force: true }).catch(() => {});
    throw storageError(`Could not write ${file}`, error);
  }
  await syncDir(path.dirname(file));
  return pack;
}

interface OpenPack {
  header: PackHeader;
  /**
   * The pack's rows as a matrix and each article's JSON source (header order). `fileBacked`: float32
   * rows and JSON stay in the file (the matrix and entries hold references), else they are read now.
   */
  load(fileBacked: boolean): Promise<{ matrix: VectorMatrix; json: JsonSource[] }>;
  close(): void;
}

/** Opens and checks a pack; undefined when there is none. Throws when it is not a whole, valid pack. */
async function openPack(file: string): Promise<OpenPack | undefined> {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const pack = new PackFile(fd);
  try {
    const size = fstatSync(fd).size;
    const prefix = new Uint8Array(16);
    pack.read(0, prefix);
    if (decoder.decode(prefix.subarray(0, 8)) !== PACK_MAGIC) throw new Error("not a pack file");
    const headerLength = new DataView(prefix.buffer).getUint32(8, true);
    if (16 + headerLength > size) throw new Error("pack header truncated");
    const headerBytes = new Uint8Array(headerLength);
    pack.read(16, headerBytes);
    const header = JSON.parse(decoder.decode(headerBytes)) as PackHeader;
    checkHeader(header, size);
    const section = (name: SectionName, target: ArrayBufferView) => {
      const [offset, length] = header.sections[name];
      if (target.byteLength !== length) throw new Error(`pack section ${name} has the wrong size`);
      pack.read(offset, bytesOf(target));
    };
    return {
      header,
      async load(fileBacked) {
        const rowBytes = header.dimensions * 4;
        const vectorsAt = header.sections.vectors[0];
        let floats: Float32Array | undefined;
        if (!fileBacked) {
          floats = new Float32Array(header.rows * header.dimensions);
          section("vectors", floats);
        }
        let row = 0;
        const blocks = header.articles
          .filter(([, , rows]) => rows > 0)
          .map(([id, , rows]) => {
            const source = floats
              ? { data: floats.subarray(row * header.dimensions, (row + rows) * header.dimensions) }
              : { file: pack, at: vectorsAt + row * rowBytes };
            row += rows;
            return { id, rows, source };
          });
        const matrix = await VectorMatrix.load(header.dimensions, blocks, async (target) => {
          if (target.codes.byteLength !== header.rows * header.stride) throw new Error("pack stride differs");
          section("codes", target.codes);
          section("scale", target.scale);
          section("codeNorm", target.codeNorm);
          section("codeError", target.codeError);
        });
        let bytes: Uint8Array | undefined;
        if (!fileBacked) {
          bytes = new Uint8Array(header.sections.json[1]);
          section("json", bytes);
        }
        let at = 0;
        const json = header.articles.map(([, , , length]): JsonSource => {
          const source: JsonSource = bytes
            ? bytes.subarray(at, at + length)
            : { file: pack, at: header.sections.json[0] + at, length };
          at += length;
          return source;
        });
        return { matrix, json };
      },
      close: () => pack.release(),
    };
  } catch (error) {
    pack.release();
    throw error;
  }
}

function checkHeader(header: PackHeader, size: number): void {
  if (header.format !== PACK_FORMAT) throw new Error(`pack format ${header.format}`);
  const rows = header.articles.reduce((sum, [, , n]) => sum + n, 0);
  const json = header.articles.reduce((sum, [, , , n]) => sum + n, 0);
  const expect: Record<SectionName, number> = {
    vectors: rows * header.dimensions * 4,
    codes: rows * header.stride,
    scale: rows * 8,
    codeNorm: rows * 8,
    codeError: rows * 8,
    json,
  };
  if (rows !== header.rows) throw new Error("pack row count disagrees with its articles");
  if (header.stride !== Math.max(16, Math.ceil(header.dimensions / 16) * 16)) throw new Error("pack stride");
  for (const [name, bytes] of Object.entries(expect) as [SectionName, number][]) {
    const [offset, length] = header.sections[name] ?? [Number.NaN, Number.NaN];
    if (length !== bytes || !(offset >= 16) || offset + length > size || offset % ALIGN !== 0) {
      throw new Error(`pack section ${name} is truncated or inconsistent`);
    }
  }
}

/**
 * A whole pack, for `verify`: its header, its rows as a matrix (read from the file), and each
 * article's JSON. Undefined when there is no pack; throws when it is not a whole, valid pack.
 */
export async function readPack(
  file: string,
): Promise<
  { header: PackHeader; matrix: VectorMatrix; json: Map<string, Uint8Array>; close(): void } | undefined
> {
  const pack = await openPack(file);
  if (!pack) return undefined;
  try {
    const { header } = pack;
    const { matrix, json: sources } = await pack.load(false);
    const json = new Map<string, Uint8Array>();
    header.articles.forEach(([id], i) => {
      json.set(id, sources[i] as Uint8Array);
    });
    return { header, matrix, json, close: () => matrix.dispose() };
  } finally {
    pack.close();
  }
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function align(offset: number): number {
  return Math.ceil(offset / ALIGN) * ALIGN;
}

function totalChunks(entries: ManifestEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.chunks, 0);
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

/** A temp file is live while its writer (the pid in its name) runs, and it is younger than an hour. */
async function liveTempFile(file: string): Promise<boolean> {
  const pid = Number(/\.(\d+)\.[0-9a-f]+\.tmp$/.exec(file)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const age = Date.now() - ((await fs.stat(file).catch(() => undefined))?.mtimeMs ?? 0);
  return age < TEMP_FILE_LIFETIME_MS && processIsAlive(pid);
}

const TEMP_FILE_LIFETIME_MS = 60 * 60 * 1000;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, just not ours to signal
  }
}

/**
 * A segment read from its folder, checked before it is served: its article.json parses and is the
 * listed article, and vectors.bin holds whole rows for its chunks. Reading from folders happens when
 * the pack lacks the article (after a crash, or when the cache is gone), so parsing here costs a
 * normal start nothing.
 */
function checkedSegment(
  segment: RawSegment,
  entry: ManifestEntry,
): (RawSegment & { stored: StoredArticle }) | string {
  let stored: StoredArticle;
  try {
    stored = JSON.parse(decoder.decode(segment.json)) as StoredArticle;
  } catch {
    return `its article.json is not valid JSON (${segment.json.byteLength} bytes)`;
  }
  if (stored?.article?.id !== entry.id || !Array.isArray(stored.chunks))
    return "its article.json is not this article";
  const rows = stored.chunks.length;
  if (rows > 0 && segment.vectors.length % rows !== 0) return "its vectors.bin does not match its chunks";
  return { ...segment, stored };
}

function segmentProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "its segment folder or a file in it is missing";
  if (code === "EACCES" || code === "EPERM") return "its segment cannot be read (permission denied)";
  return error instanceof Error ? error.message : String(error);
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
