import { promises as fs } from "node:fs";
import path from "node:path";
import { SAMPLES_DIR } from "../paths.ts";
import { bodyHashOf, canonicalUrlOf, describeSource, identifyArticle } from "./articles/identify.ts";
import { embedArticle, prepareArticle } from "./articles/prepare-article.ts";
import { type Embedder, type ModelInfo, sameModel } from "./embed/embedder.ts";
import { quoteValue, UserError } from "./errors.ts";
import { FeedService, type FeedServiceOptions } from "./feeds/feed-service.ts";
import { cleanQuery } from "./ingest/clean.ts";
import { describeInput, type IngestInput, type IngestOptions, ingest } from "./ingest/index.ts";
import { type Logger, silentLogger } from "./log.ts";
import { allQuotes, listSpeakers, lookupQuotes } from "./quotes/lookup.ts";
import type { QuoteHit, QuotesInput, QuotesResult } from "./quotes/types.ts";
import { QUOTES_VERSION } from "./quotes/version.ts";
import { checkScopeExport, EXPORT_FORMAT, EXPORT_VERSION, type ScopeExport } from "./scope-export.ts";
import { type AskOptions, type AskResult, askQuestion } from "./search/ask.ts";
import type { Reranker } from "./search/reranker.ts";
import { readJsonFile, writeFileAtomic } from "./store/atomic-fs.ts";
import type { ManifestEntry } from "./store/manifest.ts";
import { repairScope, type ScopeRepair } from "./store/repair.ts";
import { type LoadedArticle, ScopeStore, scopePaths } from "./store/scope-store.ts";
import { readSegment } from "./store/segment.ts";
import { type VerifyReport, verifyLibrary } from "./store/verify.ts";
import { WriteLock } from "./store/write-lock.ts";
import type { Article, ArticleSummary } from "./types.ts";

// The facade's vocabulary, so surfaces (CLI, console, Discord) import from here only.
export type { ModelInfo } from "./embed/embedder.ts";
export type { DownloadProgress } from "./embed/transformers-embedder.ts";
export type {
  FeedNotice,
  FeedService,
  PollResult,
  SubscribeRequest,
  SubscribeResult,
} from "./feeds/feed-service.ts";
export { FeedScheduler } from "./feeds/scheduler.ts";
export type { FeedItemState, FeedSubscription } from "./feeds/types.ts";
export type { IngestInput } from "./ingest/index.ts";
export { attribution } from "./quotes/lookup.ts";
export type { QuoteHit, QuotesResult } from "./quotes/types.ts";
export type { ScopeExport } from "./scope-export.ts";
export type { AskHit, AskResult } from "./search/ask.ts";
export { MAX_QUESTION_CHARS } from "./search/ask.ts";

/** The scope holding the bundled sample stories: read-only, visible from every scope unless disabled. */
export const SAMPLES_SCOPE = "samples";
/** The scope of the CLI and the local console. */
export const LOCAL_SCOPE = "local";

export interface LibraryOptions {
  /** The data directory (DATA_DIR). Created on first write. */
  dataDir: string;
  /**
   * Loader hook for the embedding model, called once, on first need (listing and removing never load
   * it). Tests pass a fake or the bundled model; the app passes `resolveEmbedder`.
   */
  loadEmbedder: () => Promise<Embedder>;
  /**
   * Loader hook for the optional cross-encoder reranker, tried once on the first question. A failure
   * is logged once and the ranker works alone. Default: none.
   */
  loadReranker?: () => Promise<Reranker>;
  /** Show the bundled samples in every scope (SAMPLE_ARTICLES). Default true. */
  samples?: boolean;
  /** Ingest the bundled samples when the data directory holds no library yet. Default: `samples`. */
  seedSamples?: boolean;
  /** What to do when stored vectors come from another model. Default "reembed". */
  onModelChange?: "reembed" | "refuse";
  /** Options for fetching URLs and reading files. */
  ingest?: IngestOptions;
  logger?: Logger;
  /** Progress of long operations (re-embedding, seeding). */
  onProgress?: (event: ProgressEvent) => void;
  /** Where the sample stories are read from. Default: the app's `samples/` folder. */
  samplesDir?: string;
  /** Feed subscriptions: limits, backfill, polling interval (see FeedServiceOptions for defaults). */
  feeds?: Omit<
    FeedServiceOptions,
    "dataDir" | "addArticle" | "countArticles" | "fetch" | "checkScope" | "logger"
  >;
}

export interface ProgressEvent {
  phase: "reembed" | "seed";
  scope: string;
  done: number;
  total: number;
}

export interface AddResult {
  articleId: string;
  title: string;
  paragraphs: number;
  /** True when the article was already in the library (nothing was added). */
  duplicate: boolean;
  /** What the duplicate matched: same text, or same canonical URL. */
  duplicateOf?: "text" | "url";
  scope: string;
  source: string;
}

export interface AddRequest {
  input: IngestInput;
  /** Overrides the headline. */
  title?: string;
  /** Who is adding (a Discord user id, or "cli"). */
  addedBy: string;
}

interface LibraryMarker {
  format: number;
  createdAt: string;
}

const MARKER_FILE = "byline.json";
const SCOPE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The facade every surface uses (CLI, console, Discord): add, remove, list, ask, quotes, per scope.
 * It owns the stores, the write lock and the model; nothing outside `src/library` touches those.
 */
export class Library {
  private readonly stores = new Map<string, Promise<ScopeStore>>();
  private readonly lock: WriteLock;
  private readonly logger: Logger;
  private embedderPromise: Promise<Embedder> | undefined;
  private rerankerPromise: Promise<Reranker | undefined> | undefined;
  private readonly samples: boolean;
  /** Feed subscriptions per scope; new items are added through `add`, like any URL. */
  readonly feeds: FeedService;

  private constructor(private readonly options: LibraryOptions) {
    this.logger = options.logger ?? silentLogger;
    this.lock = new WriteLock(path.join(options.dataDir, "write.lock"));
    this.samples = options.samples ?? true;
    const { maxBytes: _articleCap, ...fetch } = options.ingest?.fetch ?? {};
    this.feeds = new FeedService({
      ...options.feeds,
      dataDir: options.dataDir,
      fetch,
      logger: this.logger,
      checkScope: (scope) => this.assertWritable(scope),
      addArticle: (scope, url, addedBy) => this.add(scope, { input: { kind: "url", url }, addedBy }),
      countArticles: async (scope) => (await this.list(scope)).filter((a) => a.scope === scope).length,
    });
  }

  /** Opens the library; a data directory with no library yet gets the sample stories first. */
  static async open(options: LibraryOptions): Promise<Library> {
    const library = new Library(options);
    await fs.mkdir(options.dataDir, { recursive: true });
    const markerFile = path.join(options.dataDir, MARKER_FILE);
    const marker = await readJsonFile<LibraryMarker>(markerFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code) throw error;
      // Damaged: the directory is a library (seeding again would re-add the samples); repair rewrites it.
      library.logger.warn(
        { file: markerFile },
        `${markerFile} is damaged; the library is used as it is. Run "npm run cli -- repair" to rewrite it.`,
      );
      return { format: 0, createdAt: "" } satisfies LibraryMarker;
    });
    if (!marker) await library.initialise();
    return library;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** The embedding model (loaded on first call). */
  embedder(): Promise<Embedder> {
    this.embedderPromise ??= this.options.loadEmbedder().catch((error) => {
      this.embedderPromise = undefined;
      throw error;
    });
    return this.embedderPromise;
  }

  /** The cross-encoder, when configured and loadable (see LibraryOptions.loadReranker). */
  reranker(): Promise<Reranker | undefined> {
    const load = this.options.loadReranker;
    if (!load) return Promise.resolve(undefined);
    this.rerankerPromise ??= (async () => {
      try {
        return await load();
      } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        this.logger.warn(
          { reason },
          `The reranker is unavailable (${reason}); answers are ranked without it.`,
        );
        return undefined;
      }
    })();
    return this.rerankerPromise;
  }

  async model(): Promise<ModelInfo> {
    return (await this.embedder()).info;
  }

  // ---- reading ----

  async list(scope: string): Promise<ArticleSummary[]> {
    const summaries: ArticleSummary[] = [];
    const shown = new Set<string>();
    for (const store of await this.visibleStores(scope)) {
      for (const entry of store.manifest.articles) {
        // A scope's own copy of a sample (added while samples were hidden) stands in for the sample.
        if (shown.has(entry.id)) continue;
        shown.add(entry.id);
        summaries.push(summarise(entry, store.scope));
      }
    }
    return summaries;
  }

  /** One article, whole (for /article show). Accepts a unique id prefix. */
  async get(scope: string, articleId: string): Promise<Article> {
    const { loaded } = await this.find(scope, articleId, true);
    return loaded.stored.article;
  }

  async ask(scope: string, question: string, options: AskOptions = {}): Promise<AskResult> {
    const { stores, embedder } = await this.searchContext(scope);
    const reranker = options.reranker ?? (await this.reranker());
    return askQuestion(question, stores, embedder, { ...options, ...(reranker ? { reranker } : {}) });
  }

  /**
   * The stores and model a question in `scope` is answered from, model-checked. For the evaluation and
   * tuning scripts, which score every candidate; the surfaces use ask().
   */
  async searchContext(scope: string): Promise<{ stores: ScopeStore[]; embedder: Embedder }> {
    // Both are slow on a cold start (the store from disk, the model from its files): load together.
    const [stores, embedder] = await Promise.all([this.visibleStores(scope), this.embedder()]);
    for (const store of stores) {
      await this.ensureModel(store, embedder);
      await this.ensureQuotes(store);
    }
    return { stores, embedder };
  }

  async quotes(scope: string, speaker: string): Promise<QuotesResult> {
    const name = cleanQuery(speaker);
    if (!/[\p{L}\p{N}]/u.test(name)) {
      throw new UserError("BAD_USAGE", "Name a speaker in words, e.g. “Putin” or “the Kremlin”.");
    }
    return lookupQuotes(name, await this.quoteInputs(scope));
  }

  async allQuotes(scope: string): Promise<QuoteHit[]> {
    return allQuotes(await this.quoteInputs(scope));
  }

  /** Speakers for autocomplete: name, aliases, counts; ≤ `limit`. */
  async speakers(scope: string, prefix = "", limit = 25): Promise<ReturnType<typeof listSpeakers>> {
    return listSpeakers(await this.quoteInputs(scope), prefix, limit);
  }

  async stats(scope: string): Promise<{ articles: number; paragraphs: number }> {
    let articles = 0;
    let paragraphs = 0;
    for (const store of await this.visibleStores(scope)) {
      articles += store.manifest.articles.length;
      paragraphs += store.manifest.articles.reduce((sum, entry) => sum + entry.paragraphs, 0);
    }
    return { articles, paragraphs };
  }

  async verify(): Promise<VerifyReport> {
    return verifyLibrary(this.options.dataDir);
  }

  /**
   * Sets aside what cannot be read and rebuilds what can (see repairScope), in every scope, and
   * rewrites a damaged library marker. Nothing intact is lost; afterwards verify passes.
   */
  async repair(): Promise<{ scopes: ScopeRepair[]; markerRewritten: boolean }> {
    return this.lock.run(async () => {
      const scopesDir = path.join(this.options.dataDir, "scopes");
      const scopes: ScopeRepair[] = [];
      for (const scope of (await fs.readdir(scopesDir).catch(() => [] as string[])).sort()) {
        if (!SCOPE_ID.test(scope)) continue;
        scopes.push(await repairScope(path.join(scopesDir, scope), scope));
      }
      const markerFile = path.join(this.options.dataDir, MARKER_FILE);
      const marker = await readJsonFile<LibraryMarker>(markerFile).catch(() => undefined);
      const markerRewritten = !marker?.createdAt;
      if (markerRewritten) await this.writeMarker();
      for (const promise of this.stores.values()) await (await promise.catch(() => undefined))?.reload();
      for (const report of scopes) {
        if (report.manifestRebuilt || report.quarantined.length > 0 || report.restored.length > 0)
          this.logger.info({ audit: "repair", ...report }, `repaired the ${report.scope} library`);
      }
      return { scopes, markerRewritten };
    });
  }

  // ---- writing ----

  async add(scope: string, request: AddRequest): Promise<AddResult> {
    this.assertWritable(scope);
    return this.addTo(scope, request);
  }

  async remove(scope: string, articleId: string, removedBy = "unknown"): Promise<ManifestEntry> {
    this.assertWritable(scope);
    const removed = await this.lock.run(async () => {
      // A damaged article (its segment unreadable) can still be removed: the manifest lists it.
      let target = await this.findDamaged(scope, articleId);
      if (!target) {
        const found = await this.find(scope, articleId, false);
        target = { store: found.store, id: found.loaded.entry.id };
      }
      const entry = await target.store.remove(target.id);
      if (!entry)
        throw new UserError("NOT_FOUND", `No article with id ${quoteValue(articleId)} in this library.`);
      return entry;
    });
    this.logger.info({ scope, articleId: removed.id, removedBy }, `removed article "${removed.title}"`);
    return removed;
  }

  /** Saves caches (the keyword snapshot) so the next start is fast. Safe to call more than once. */
  async close(): Promise<void> {
    for (const promise of this.stores.values()) {
      const store = await promise.catch(() => undefined);
      await store?.maybeSaveKeywords(true);
    }
    const embedder = await this.embedderPromise?.catch(() => undefined);
    this.embedderPromise = undefined;
    await embedder?.dispose().catch(() => {});
    const reranker = await this.rerankerPromise?.catch(() => undefined);
    this.rerankerPromise = undefined;
    await reranker?.dispose().catch(() => {});
  }

  // ---- internals ----

  /**
   * Every article stored in `scope` itself (not the samples), whole, for moving a server's library to
   * another host. Refuses rather than leave out an article it cannot read.
   */
  async exportScope(scope: string, now = new Date()): Promise<ScopeExport> {
    this.assertWritable(scope);
    const store = await this.existingStore(scope);
    if (store) await store.refresh();
    const feeds = await this.feeds.list(scope);
    if ((!store || store.manifest.articles.length === 0) && feeds.length === 0) {
      throw new UserError(
        "NOT_FOUND",
        `No articles are stored for ${quoteValue(scope)} in ${this.options.dataDir}. Check the server id and DATA_DIR (or --data).`,
      );
    }
    if (store && store.damaged.size > 0) {
      throw new UserError(
        "STORAGE",
        `${store.damaged.size} of ${quoteValue(scope)}'s articles can't be read; run \`npm run cli -- repair\` before exporting.`,
      );
    }
    const articles = (store?.manifest.articles ?? []).map(
      (entry) => store!.articles.get(entry.id)!.stored.article,
    );
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      scope,
      exportedAt: now.toISOString(),
      articles,
      ...(feeds.length > 0 ? { feeds } : {}),
    };
  }

  /**
   * Adds the articles of an export (checked first, all of them, before anything is written) to the
   * scope it was taken from, keeping their ids, who added them and when; they are embedded with this
   * library's model. Articles already here are reported as duplicates, so importing twice is harmless.
   */
  async importScope(
    value: unknown,
    file: string,
  ): Promise<{ scope: string; results: AddResult[]; feeds: number }> {
    const bundle = checkScopeExport(value, file);
    this.assertWritable(bundle.scope);
    const results: AddResult[] = [];
    for (const article of bundle.articles) {
      results.push(
        await this.storeArticle(bundle.scope, { ...article, scope: bundle.scope }, `import of ${file}`),
      );
    }
    // After the articles: the feeds' records of what they added point at articles that now exist.
    const feeds = await this.feeds.adopt(bundle.scope, bundle.feeds ?? []);
    return { scope: bundle.scope, results, feeds };
  }

  private async addTo(scope: string, request: AddRequest): Promise<AddResult> {
    const draft = await ingest(request.input, { ...this.options.ingest, title: request.title });
    const article = identifyArticle(draft, scope, request.addedBy);
    return this.storeArticle(scope, article, describeInput(request.input));
  }

  /** Embeds and stores an identified article, unless the scope (or the samples) already has it. */
  private async storeArticle(scope: string, article: Article, origin: string): Promise<AddResult> {
    const url = canonicalUrlOf(article);
    const early = this.duplicateOf(await this.visibleStores(scope), article, url);
    if (early) return early;
    const embedder = await this.embedder();
    const target = await this.store(scope);
    await this.ensureModel(target, embedder);
    const prepared = await prepareArticle(article, embedder);
    if (prepared.stored.quotes.failed) {
      this.logger.error(
        { scope, articleId: article.id, title: article.title, stack: prepared.stored.quotes.failed },
        `quote extraction failed for article ${article.id} ("${article.title}"); it is stored without quotes (this is a bug)`,
      );
    }
    const result = await this.lock.run(async () => {
      await target.refresh();
      // Another writer may have added the same story while we were embedding.
      const late = this.duplicateOf(await this.visibleStores(scope), article, url);
      if (late) return late;
      if (target.manifest.model && !sameModel(target.manifest.model, embedder.info)) {
        throw new UserError(
          "MODEL_MISMATCH",
          "The library was re-embedded with another model while this article was being added; add it again.",
        );
      }
      const entry = await target.add(
        {
          id: article.id,
          title: article.title,
          paragraphs: article.paragraphs.length,
          chunks: prepared.stored.chunks.length,
          source: describeSource(article),
          ...(url ? { canonicalUrl: url } : {}),
          contentHash: article.contentHash,
          bodyHash: bodyHashOf(article),
          addedAt: article.addedAt,
          addedBy: article.addedBy,
          ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
        },
        prepared.stored,
        prepared.vectors,
        embedder.info,
      );
      return {
        articleId: entry.id,
        title: entry.title,
        paragraphs: entry.paragraphs,
        duplicate: false,
        scope,
        source: entry.source,
      } satisfies AddResult;
    });
    if (!result.duplicate) {
      this.logger.info(
        {
          scope,
          articleId: result.articleId,
          addedBy: article.addedBy,
          source: origin,
        },
        `added article "${result.title}" (${result.paragraphs} paragraphs)`,
      );
    }
    return result;
  }

  private duplicateOf(
    stores: ScopeStore[],
    article: Article,
    url: string | undefined,
  ): AddResult | undefined {
    const body = bodyHashOf(article);
    for (const store of stores) {
      for (const entry of store.manifest.articles) {
        const sameText = entry.contentHash === article.contentHash || entry.bodyHash === body;
        if (sameText || (url !== undefined && entry.canonicalUrl === url)) {
          return {
            articleId: entry.id,
            title: entry.title,
            paragraphs: entry.paragraphs,
            duplicate: true,
            duplicateOf: sameText ? "text" : "url",
            scope: store.scope,
            source: entry.source,
          };
        }
      }
    }
    return undefined;
  }

  /** Makes sure a scope's vectors come from `embedder`'s model, re-embedding them if allowed. */
  private async ensureModel(store: ScopeStore, embedder: Embedder): Promise<void> {
    await store.refresh();
    const stored = store.manifest.model;
    if (!stored || store.manifest.articles.length === 0 || sameModel(stored, embedder.info)) return;
    if ((this.options.onModelChange ?? "reembed") === "refuse") {
      throw new UserError(
        "MODEL_MISMATCH",
        `The ${store.scope} library was embedded with ${stored.id} (${stored.dimensions}-d) but the current model is ${embedder.info.id} (${embedder.info.dimensions}-d). Set EMBEDDING_MODEL=${stored.id}, or MODEL_CHANGE=reembed to re-embed it.`,
      );
    }
    await this.lock.run(async () => {
      await store.refresh();
      const current = store.manifest.model;
      if (!current || sameModel(current, embedder.info)) return;
      const total = store.manifest.articles.length;
      this.logger.warn(
        { scope: store.scope, from: current.id, to: embedder.info.id, articles: total },
        `re-embedding ${total} articles: the model changed from ${current.id} to ${embedder.info.id}`,
      );
      await store.collectGarbage();
      const entries: ManifestEntry[] = [];
      for (const entry of store.manifest.articles) {
        const loaded = store.articles.get(entry.id);
        if (!loaded && store.damaged.has(entry.id)) {
          entries.push(entry); // unreadable either way: kept listed for repair or remove to deal with
          continue;
        }
        if (!loaded) throw new Error(`article ${entry.id} is listed but not loaded`);
        const prepared = await embedArticle(loaded.stored, embedder);
        const segment = await store.writeUnlistedSegment(prepared.stored, prepared.vectors);
        entries.push({ ...entry, chunks: prepared.stored.chunks.length, segment });
        this.options.onProgress?.({ phase: "reembed", scope: store.scope, done: entries.length, total });
      }
      await store.replaceAll(entries, embedder.info);
    });
  }

  /** The manifest generation at which each store's quotes were last found current. */
  private readonly quotesChecked = new WeakMap<ScopeStore, number>();

  /**
   * Re-extracts, once, the quotes of articles an older extractor stored (QUOTES_VERSION), so an
   * upgrade improves /quotes and /ask on what is already in the library. The new segments are swapped
   * in with one manifest write, as re-embedding does; until then the old ones stand.
   */
  private async ensureQuotes(store: ScopeStore): Promise<void> {
    const isStale = ({ stored }: LoadedArticle) => (stored.quotes.version ?? 1) < QUOTES_VERSION;
    const staleCount = () => {
      let n = 0;
      for (const loaded of store.articles.values()) if (isStale(loaded)) n++;
      return n;
    };
    // Checked once per manifest generation: asking and /quotes stay O(1) here after the first call.
    if (this.quotesChecked.get(store) === store.manifest.generation) return;
    if (staleCount() === 0) {
      this.quotesChecked.set(store, store.manifest.generation);
      return;
    }
    await this.lock.run(async () => {
      await store.refresh();
      const model = store.manifest.model;
      const count = staleCount();
      if (count === 0 || !model) return;
      this.logger.info(
        { scope: store.scope, articles: count, version: QUOTES_VERSION },
        `extracting the quotes of ${count} articles again: they were stored by an older extractor`,
      );
      const { extractQuotes } = await import("./quotes/extract.ts");
      const entries: ManifestEntry[] = [];
      for (const entry of store.manifest.articles) {
        const loaded = store.articles.get(entry.id);
        if (!loaded || !isStale(loaded)) {
          entries.push(entry); // current already, or unreadable (kept listed for repair or remove)
          continue;
        }
        const { vectors, dimensions } = await readSegment(store.paths.segments, entry.segment);
        const rows = Array.from({ length: loaded.stored.chunks.length }, (_, i) =>
          vectors.slice(i * dimensions, (i + 1) * dimensions),
        );
        const stored = { ...loaded.stored, quotes: extractQuotes(loaded.stored.article) };
        entries.push({ ...entry, segment: await store.writeUnlistedSegment(stored, rows) });
      }
      await store.replaceAll(entries, model);
    });
  }

  private assertWritable(scope: string): void {
    if (scope === SAMPLES_SCOPE) {
      throw new UserError("READ_ONLY", "The bundled sample articles are read-only.");
    }
    if (!SCOPE_ID.test(scope)) throw new UserError("BAD_USAGE", `Invalid scope ${quoteValue(scope)}.`);
  }

  private async find(
    scope: string,
    articleId: string,
    includeSamples: boolean,
  ): Promise<{ store: ScopeStore; loaded: LoadedArticle }> {
    const wanted = articleId.trim().toLowerCase();
    const stores = includeSamples ? await this.visibleStores(scope) : [await this.store(scope)];
    const matches: { store: ScopeStore; loaded: LoadedArticle }[] = [];
    for (const store of stores) {
      await store.refresh();
      const exact = store.articles.get(wanted);
      if (exact) return { store, loaded: exact };
      if (wanted.length >= 4) {
        for (const [id, loaded] of store.articles) if (id.startsWith(wanted)) matches.push({ store, loaded });
      }
    }
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new UserError(
        "BAD_USAGE",
        `${quoteValue(articleId)} matches ${matches.length} articles (${matches.map((m) => m.loaded.entry.id).join(", ")}); give more of the id.`,
      );
    }
    const hint =
      !includeSamples &&
      (await this.visibleStores(scope)).some((s) => s.scope === SAMPLES_SCOPE && s.articles.has(wanted))
        ? " It is a bundled sample, which can't be removed (set SAMPLE_ARTICLES=false to hide samples)."
        : " List the articles to see their ids.";
    throw new UserError("NOT_FOUND", `No article with id ${quoteValue(articleId)} in this library.${hint}`);
  }

  private async findDamaged(
    scope: string,
    articleId: string,
  ): Promise<{ store: ScopeStore; id: string } | undefined> {
    const wanted = articleId.trim().toLowerCase();
    const store = await this.store(scope);
    await store.refresh();
    const ids = [...store.damaged.keys()].filter(
      (id) => id === wanted || (wanted.length >= 4 && id.startsWith(wanted)),
    );
    return ids.length === 1 ? { store, id: ids[0]! } : undefined;
  }

  /** The scope's own store plus the samples (when enabled), refreshed from disk. */
  private async visibleStores(scope: string): Promise<ScopeStore[]> {
    if (!SCOPE_ID.test(scope)) throw new UserError("BAD_USAGE", `Invalid scope ${quoteValue(scope)}.`);
    const names = scope === SAMPLES_SCOPE || !this.samples ? [scope] : [scope, SAMPLES_SCOPE];
    const stores: ScopeStore[] = [];
    for (const name of names) {
      const store = await this.existingStore(name);
      if (store) {
        await store.refresh();
        stores.push(store);
      }
    }
    return stores;
  }

  /**
   * A scope's store if it has a manifest. Scopes that never stored anything (most Discord guilds)
   * cost one stat and no memory.
   */
  private async existingStore(scope: string): Promise<ScopeStore | undefined> {
    if (this.stores.has(scope)) return this.stores.get(scope);
    const exists = await fs
      .stat(scopePaths(this.options.dataDir, scope).manifest)
      .then(() => true)
      .catch(() => false);
    return exists ? this.store(scope) : undefined;
  }

  private store(scope: string): Promise<ScopeStore> {
    let promise = this.stores.get(scope);
    if (!promise) {
      promise = ScopeStore.open(this.options.dataDir, scope, this.logger);
      promise.catch(() => this.stores.delete(scope));
      this.stores.set(scope, promise);
    }
    return promise;
  }

  private async quoteInputs(scope: string): Promise<QuotesInput[]> {
    const inputs: QuotesInput[] = [];
    const seen = new Set<string>();
    for (const store of await this.visibleStores(scope)) {
      await this.ensureQuotes(store);
      for (const { stored } of store.articles.values()) {
        const { article } = stored;
        if (seen.has(article.id)) continue; // the scope's own copy of a sample (see list)
        seen.add(article.id);
        const url = article.source.canonicalUrl ?? article.source.url;
        inputs.push({
          articleId: article.id,
          title: article.title,
          quotes: stored.quotes,
          scope: store.scope,
          ...(url ? { url } : {}),
        });
      }
    }
    return inputs;
  }

  private async writeMarker(): Promise<void> {
    const marker: LibraryMarker = { format: 1, createdAt: new Date().toISOString() };
    await writeFileAtomic(path.join(this.options.dataDir, MARKER_FILE), `${JSON.stringify(marker)}\n`);
  }

  /** First run: ingest the sample stories (unless disabled), then mark the directory as a library. */
  private async initialise(): Promise<void> {
    if (this.options.seedSamples ?? this.samples) {
      const dir = this.options.samplesDir ?? SAMPLES_DIR;
      const files = (await fs.readdir(dir)).filter((name) => /\.(txt|md|html?)$/i.test(name)).sort();
      let done = 0;
      for (const file of files) {
        const result = await this.addTo(SAMPLES_SCOPE, {
          input: { kind: "file", path: path.join(dir, file) },
          addedBy: "byline",
        });
        done++;
        this.options.onProgress?.({ phase: "seed", scope: SAMPLES_SCOPE, done, total: files.length });
        this.logger.info({ articleId: result.articleId }, `sample article ready: "${result.title}"`);
      }
    }
    await this.writeMarker();
  }
}

function summarise(entry: ManifestEntry, scope: string): ArticleSummary {
  const summary: ArticleSummary = {
    articleId: entry.id,
    title: entry.title,
    paragraphs: entry.paragraphs,
    source: entry.canonicalUrl ?? entry.source,
    addedAt: entry.addedAt,
    addedBy: entry.addedBy,
    scope,
  };
  if (entry.publishedAt) summary.publishedAt = entry.publishedAt;
  return summary;
}
