import { promises as fs } from "node:fs";
import path from "node:path";
import { bodyHashOf, contentHashOf, describeSource } from "../articles/identify.ts";
import { emptyManifest, type Manifest, type ManifestEntry, readManifest, writeManifest } from "./manifest.ts";
import { readPack } from "./scope-store.ts";
import { readSegment, type StoredArticle, writeSegment } from "./segment.ts";
import { checkSegment } from "./verify.ts";

export interface ScopeRepair {
  scope: string;
  /** Articles kept, whole. */
  kept: number;
  /** Articles set aside under `<scope>/quarantine/`, with why. */
  quarantined: { articleId: string; title: string; reason: string }[];
  /** Damaged segments rewritten from the pack, which still held them whole (their folders set aside). */
  restored: { articleId: string; title: string; reason: string }[];
  /** The manifest was unreadable and was rebuilt from the intact segments on disk. */
  manifestRebuilt: boolean;
}

/**
 * Repairs one scope, losing nothing that is intact (the caller holds the write lock): every listed
 * article whose segment fails the integrity check is moved to `quarantine/` (not deleted: its files
 * can still be inspected) and dropped from the manifest. An unreadable manifest is rebuilt from every
 * segment on disk that reads whole; its model is then unknown, so the library re-embeds on the next
 * question rather than trust vectors of unknown origin. The caches (pack, keyword snapshot) are
 * deleted: the next load rebuilds them from the truth.
 */
export async function repairScope(root: string, scope: string): Promise<ScopeRepair> {
  const file = path.join(root, "manifest.json");
  const segmentsDir = path.join(root, "segments");
  const report: ScopeRepair = { scope, kept: 0, quarantined: [], restored: [], manifestRebuilt: false };
  let manifest: Manifest;
  try {
    manifest = await readManifest(file, scope);
  } catch {
    manifest = await rebuildManifest(segmentsDir, scope);
    report.manifestRebuilt = true;
  }
  const kept: ManifestEntry[] = [];
  const seen = new Set<string>();
  const pack = await readPack(path.join(root, "pack.bin")).catch(() => undefined);
  try {
    for (const entry of manifest.articles) {
      const { problems } = seen.has(entry.id)
        ? { problems: ["listed twice"] }
        : await checkSegment(segmentsDir, entry, manifest);
      if (problems.length === 0) {
        kept.push(entry);
        seen.add(entry.id);
        continue;
      }
      const reason = problems.join("; ");
      const restored = seen.has(entry.id) ? undefined : await restoreFromPack(root, entry, manifest, pack);
      await quarantine(root, entry.segment);
      if (restored) {
        kept.push(restored);
        seen.add(entry.id);
        report.restored.push({ articleId: entry.id, title: entry.title, reason });
      } else {
        report.quarantined.push({ articleId: entry.id, title: entry.title, reason });
      }
    }
  } finally {
    pack?.close();
  }
  report.kept = kept.length;
  if (report.manifestRebuilt || report.quarantined.length > 0 || report.restored.length > 0) {
    await writeManifest(file, { ...manifest, generation: manifest.generation + 1, articles: kept });
    for (const cache of ["pack.bin", "keywords.json"]) await fs.rm(path.join(root, cache), { force: true });
  }
  return report;
}

/** A manifest listing every segment on disk that reads whole, one per article (the newest copy). */
async function rebuildManifest(segmentsDir: string, scope: string): Promise<Manifest> {
  const manifest = emptyManifest(scope);
  const names = (await fs.readdir(segmentsDir).catch(() => [] as string[])).sort();
  const byId = new Map<string, { entry: ManifestEntry; mtime: number }>();
  let dimensions = 0;
  for (const name of names) {
    try {
      const segment = await readSegment(segmentsDir, name);
      const { article } = segment;
      const { mtimeMs } = await fs.stat(path.join(segmentsDir, name));
      const entry: ManifestEntry = {
        id: article.id,
        title: article.title,
        paragraphs: article.paragraphs.length,
        chunks: segment.chunks.length,
        source: describeSource(article),
        contentHash: contentHashOf(article),
        bodyHash: bodyHashOf(article),
        addedAt: article.addedAt,
        addedBy: article.addedBy,
        segment: name,
      };
      const url = article.source.canonicalUrl ?? article.source.url;
      if (url) entry.canonicalUrl = url;
      if (article.publishedAt) entry.publishedAt = article.publishedAt;
      const known = byId.get(article.id);
      if (!known || mtimeMs > known.mtime) byId.set(article.id, { entry, mtime: mtimeMs });
      if (segment.dimensions > 0) dimensions = segment.dimensions;
    } catch {
      // Not a whole segment (debris of an interrupted write, or damaged): left where it is.
    }
  }
  manifest.articles = [...byId.values()]
    .map(({ entry }) => entry)
    .sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  // Which model made these vectors is unknown: a model that matches nothing makes the library re-embed.
  if (manifest.articles.length > 0) {
    manifest.model = { id: "unknown (manifest rebuilt by repair)", dimensions, fingerprint: "unknown" };
  }
  return manifest;
}

/**
 * A damaged segment whose article the pack still holds whole (same segment, same model): written
 * again from the pack's copy, so repair loses nothing that any copy kept. Undefined when the pack
 * has no good copy.
 */
async function restoreFromPack(
  root: string,
  entry: ManifestEntry,
  manifest: Manifest,
  pack: Awaited<ReturnType<typeof readPack>>,
): Promise<ManifestEntry | undefined> {
  if (!pack || !manifest.model || pack.header.model.fingerprint !== manifest.model.fingerprint)
    return undefined;
  const listed = pack.header.articles.find(([id, segment]) => id === entry.id && segment === entry.segment);
  const json = pack.json.get(entry.id);
  const vectors = pack.matrix.vectorsOf(entry.id);
  if (!listed || !json || !vectors) return undefined;
  let stored: StoredArticle;
  try {
    stored = JSON.parse(new TextDecoder().decode(json)) as StoredArticle;
  } catch {
    return undefined;
  }
  if (stored.article?.id !== entry.id || contentHashOf(stored.article) !== entry.contentHash)
    return undefined;
  const dims = manifest.model.dimensions;
  const rows = Array.from({ length: stored.chunks.length }, (_, i) =>
    vectors.slice(i * dims, (i + 1) * dims),
  );
  const segment = await writeSegment(path.join(root, "staging"), path.join(root, "segments"), stored, rows);
  return { ...entry, segment };
}

async function quarantine(root: string, segment: string): Promise<void> {
  const from = path.join(root, "segments", segment);
  const to = path.join(root, "quarantine", `${segment}.${Date.now()}`);
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.rename(from, to).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error; // a missing segment has nothing to set aside
  });
}
