import { promises as fs } from "node:fs";
import path from "node:path";
import { contentHashOf } from "../articles/identify.ts";
import { readJsonFile } from "./atomic-fs.ts";
import type { KeywordSnapshot } from "./keyword-index.ts";
import { type Manifest, type ManifestEntry, readManifest } from "./manifest.ts";
import { readPack } from "./scope-store.ts";
import { readRawSegment, readSegment, readVectraItems } from "./segment.ts";

export interface ScopeReport {
  scope: string;
  articles: number;
  paragraphs: number;
  chunks: number;
  /** Articles stored without quotes because extraction failed. */
  quotesFailed: number;
  /** Problems that make the library wrong: a listed article missing, corrupt or inconsistent. */
  problems: string[];
  /** Harmless findings: debris of interrupted writes (collected on the next write), a stale cache. */
  notes: string[];
}

export interface VerifyReport {
  ok: boolean;
  scopes: ScopeReport[];
}

/**
 * Checks every scope: the manifest parses; every listed article's segment exists and is whole
 * (article.json parses and matches its id and content hash; vectors.bin and the vectra index hold one
 * finite unit vector per chunk, and agree); the pack, if present, holds for each listed article exactly
 * its segment's vectors and article.json, with int8 codes that match the vectors; the keyword snapshot,
 * if present, lists no unknown article.
 */
export async function verifyLibrary(dataDir: string): Promise<VerifyReport> {
  const scopesDir = path.join(dataDir, "scopes");
  const names = await fs.readdir(scopesDir).catch(() => [] as string[]);
  const scopes: ScopeReport[] = [];
  for (const scope of names.sort()) scopes.push(await verifyScope(path.join(scopesDir, scope), scope));
  return { ok: scopes.every((report) => report.problems.length === 0), scopes };
}

async function verifyScope(root: string, scope: string): Promise<ScopeReport> {
  const report: ScopeReport = {
    scope,
    articles: 0,
    paragraphs: 0,
    chunks: 0,
    quotesFailed: 0,
    problems: [],
    notes: [],
  };
  let manifest: Awaited<ReturnType<typeof readManifest>>;
  try {
    manifest = await readManifest(path.join(root, "manifest.json"), scope);
  } catch (error) {
    report.problems.push(`manifest unreadable: ${(error as Error).message}`);
    return report;
  }
  const segmentsDir = path.join(root, "segments");
  const seenIds = new Set<string>();
  for (const entry of manifest.articles) {
    const where = `article ${entry.id} (${entry.segment})`;
    if (seenIds.has(entry.id)) report.problems.push(`${where}: listed twice`);
    seenIds.add(entry.id);
    const checked = await checkSegment(segmentsDir, entry, manifest);
    for (const problem of checked.problems) report.problems.push(`${where}: ${problem}`);
    if (checked.quotesFailed) report.quotesFailed++;
    if (checked.readable) {
      report.articles++;
      report.paragraphs += checked.paragraphs;
      report.chunks += checked.chunks;
    }
  }
  if (report.quotesFailed > 0)
    report.notes.push(
      `${report.quotesFailed} article(s) stored without quotes: extraction failed (a bug; see the log)`,
    );
  const listed = new Set(manifest.articles.map((entry) => entry.segment));
  const debris = (await fs.readdir(segmentsDir).catch(() => [] as string[])).filter(
    (name) => !listed.has(name),
  );
  if (debris.length > 0)
    report.notes.push(`${debris.length} unlisted segment folder(s) from interrupted writes`);
  await verifyPack(root, manifest, report);
  try {
    const snapshot = await readJsonFile<KeywordSnapshot>(path.join(root, "keywords.json"));
    if (snapshot) {
      const unknown = Object.keys(snapshot.articles).filter((id) => !seenIds.has(id));
      const missing = [...seenIds].filter((id) => !(id in snapshot.articles));
      if (unknown.length + missing.length > 0) {
        report.notes.push(
          `keyword snapshot is behind the manifest (${missing.length} to index, ${unknown.length} to drop); reconciled at load`,
        );
      }
    }
  } catch (error) {
    report.notes.push(`keyword snapshot unreadable (rebuilt at load): ${(error as Error).message}`);
  }
  return report;
}

/**
 * Everything that must hold for one listed article's segment: article.json parses and matches its id,
 * content hash and counts; vectors.bin and the vectra index hold one finite unit vector per chunk, of
 * the manifest's dimensions, and agree. Shared by verify and repair.
 */
export async function checkSegment(
  segmentsDir: string,
  entry: ManifestEntry,
  manifest: Pick<Manifest, "model">,
): Promise<{
  problems: string[];
  readable: boolean;
  paragraphs: number;
  chunks: number;
  quotesFailed?: boolean;
}> {
  const problems: string[] = [];
  try {
    const { article, chunks, vectors, dimensions, quotes } = await readSegment(segmentsDir, entry.segment);
    if (article.id !== entry.id) problems.push(`segment holds article ${article.id}`);
    if (contentHashOf(article) !== entry.contentHash) problems.push("content hash mismatch");
    if (article.paragraphs.length !== entry.paragraphs) problems.push("paragraph count mismatch");
    if (chunks.length !== entry.chunks) problems.push("chunk count mismatch");
    if (manifest.model && chunks.length > 0 && dimensions !== manifest.model.dimensions) {
      problems.push(`${dimensions}-d vectors, the manifest says ${manifest.model.dimensions}-d`);
    }
    for (let row = 0; row < chunks.length; row++) {
      let norm = 0;
      for (let d = 0; d < dimensions; d++) norm += vectors[row * dimensions + d]! ** 2;
      if (!Number.isFinite(norm) || Math.abs(norm - 1) > 1e-3) {
        problems.push(`vector ${row} is not unit length (|v|² = ${norm})`);
        break;
      }
    }
    const items = await readVectraItems(segmentsDir, entry.segment);
    if (items.length !== chunks.length) {
      problems.push(`vectra index holds ${items.length} items for ${chunks.length} chunks`);
    } else {
      items.forEach((item, row) => {
        const drift = Math.max(
          ...item.vector.map((value, d) => Math.abs(value - vectors[row * dimensions + d]!)),
        );
        if (!(drift < 1e-6)) problems.push(`vectra item ${item.id} differs from vectors.bin`);
      });
    }
    return {
      problems,
      readable: true,
      paragraphs: article.paragraphs.length,
      chunks: chunks.length,
      ...(quotes?.failed ? { quotesFailed: true } : {}),
    };
  } catch (error) {
    return {
      problems: [`unreadable (${(error as Error).message})`],
      readable: false,
      paragraphs: 0,
      chunks: 0,
    };
  }
}

/**
 * The pack is a cache: being behind the manifest is normal (loading reconciles it), but content that
 * differs from a segment it claims to hold would be served instead of the truth, so that is a problem.
 */
async function verifyPack(root: string, manifest: Manifest, report: ScopeReport): Promise<void> {
  let pack: Awaited<ReturnType<typeof readPack>>;
  try {
    pack = await readPack(path.join(root, "pack.bin"));
  } catch (error) {
    report.notes.push(
      `pack unreadable (ignored at load, rewritten on the next save): ${(error as Error).message}`,
    );
    return;
  }
  if (!pack) return;
  try {
    await checkPack(pack, manifest, report, root);
  } finally {
    pack.close();
  }
}

async function checkPack(
  pack: NonNullable<Awaited<ReturnType<typeof readPack>>>,
  manifest: Manifest,
  report: ScopeReport,
  root: string,
): Promise<void> {
  const { header, matrix, json } = pack;
  const model = manifest.model;
  if (!model || header.model.id !== model.id || header.model.fingerprint !== model.fingerprint) {
    report.notes.push("pack is from another model (ignored at load)");
    return;
  }
  const packed = new Map(header.articles.map(([id, segment]) => [id, segment]));
  let behind = 0;
  for (const entry of manifest.articles) {
    if (packed.get(entry.id) !== entry.segment) {
      behind++;
      continue;
    }
    const where = `article ${entry.id} (${entry.segment})`;
    try {
      const segment = await readRawSegment(path.join(root, "segments"), entry.segment);
      const vectors = matrix.vectorsOf(entry.id) ?? new Float32Array(0);
      if (!sameBytes(bytesOf(vectors), bytesOf(segment.vectors)))
        report.problems.push(`${where}: the pack's vectors differ from vectors.bin`);
      if (!sameBytes(json.get(entry.id) ?? new Uint8Array(0), segment.json))
        report.problems.push(`${where}: the pack's article differs from article.json`);
    } catch {
      // The segment itself is unreadable: already reported above.
    }
  }
  const listed = new Set(manifest.articles.map((entry) => `${entry.id}/${entry.segment}`));
  const stale = header.articles.filter(([id, segment]) => !listed.has(`${id}/${segment}`)).length;
  if (behind + stale > 0) {
    report.notes.push(
      `pack is behind the manifest (${behind} to read from segments, ${stale} to drop); reconciled at load`,
    );
  }
  const badCodes = matrix.checkCodes();
  if (badCodes.length > 0)
    report.problems.push(`pack: ${badCodes.length} row(s) have a wrong int8 code or bound`);
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
