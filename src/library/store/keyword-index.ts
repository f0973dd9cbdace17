import MiniSearch, { type SearchResult } from "minisearch";
import { hyphenParts, keywordTerm, tokenize } from "../text/terms.ts";
import type { Article } from "../types.ts";

/** Bump when tokenisation or fields change: older snapshots are then rebuilt instead of loaded. */
const SCHEMA = 4;

export interface KeywordDoc {
  id: string;
  articleId: string;
  paragraph: number;
  text: string;
  title: string;
}

export interface KeywordHit {
  articleId: string;
  paragraph: number;
  score: number;
  /** Query terms (stemmed) that matched. */
  terms: string[];
}

/** The serialised form, written beside the segments. */
export interface KeywordSnapshot {
  schema: number;
  /** articleId → [contentHash, indexed ¶ numbers] of every article the index holds. */
  articles: Record<string, [string, number[]]>;
  /** MiniSearch's own JSON (`toJSON`): read for snapshots written before `compact` existed. */
  index?: ReturnType<MiniSearch["toJSON"]>;
  /** MiniSearch's state in flat arrays: the same content as `index`, ~5× faster to load. */
  compact?: CompactState;
}

/**
 * MiniSearch's internal state in flat arrays: numbers as base64 little-endian int32 (decoded in one
 * step instead of parsed number by number), strings joined by newlines. Everything is kept in
 * MiniSearch's own iteration order, so the loaded index iterates, scores and breaks ties like one
 * loaded by MiniSearch's own `loadJS` (the keyword-index proof suite compares them).
 */
export interface CompactState {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  /** Document short ids, in `_documentIds` order (int32 base64). */
  shortIds: string;
  /** Document ids (`articleId#¶`) joined by "\n", aligned with shortIds; stored fields derive from them. */
  ids: string;
  /** Per document, its length in each field (int32 base64, fieldCount per document). */
  fieldLength: string;
  /** Indexed terms joined by "\n", in the index's iteration order. */
  terms: string;
  /**
   * Every term's postings as unsigned LEB128 varints (base64): field count, then per field: field id,
   * n, and n × (zigzag short id delta, frequency) — about 2.5 bytes a posting instead of 8.
   */
  postings: string;
  /** Byte offset of each term's postings in `postings`, and the end (uint32 base64, terms + 1). */
  termOffsets: string;
}

/** The MiniSearch internals the compact snapshot reads and restores (minisearch is pinned at 7.2.0). */
interface MiniSearchState {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
    fuzzyGet(term: string, maxDistance: number): Map<string, [Map<number, Map<number, number>>, number]>;
    set(term: string, value: Map<number, Map<number, number>>): unknown;
    [Symbol.iterator](): Iterator<[string, Map<number, Map<number, number>>]>;
  };
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, Record<string, unknown>>;
  _dirtCount: number;
  _options: {
    fields: string[];
    tokenize: (text: string) => string[];
    processTerm: (term: string) => string | null;
  };
  removeTerm(fieldId: number, documentId: number, term: string): void;
}

/** MiniSearch numbers fields in the order given in `fields`. */
const TEXT_FIELD_ID = 0;

/** Query options (MiniSearch's names): field boosts, fuzzy weight, and which terms are fuzzy. */
const QUERY_BOOST = { text: 1, title: 0.3 };
const QUERY_WEIGHTS = { fuzzy: 0.4, prefix: 0.3 };
const fuzzyFor = (term: string) => (term.length >= 6 ? 0.2 : false);
/** MiniSearch's defaults for what `query` does not set (maxFuzzy, BM25 parameters). */
const MAX_FUZZY = 6;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

const OPTIONS = {
  idField: "id",
  fields: ["text", "title"],
  storeFields: ["articleId", "paragraph"],
  // A hyphenated word is indexed whole and by its parts: "R-Utah" must be found by "Utah".
  tokenize: (text: string) => tokenize(text).flatMap((token) => [token.raw, ...hyphenParts(token.raw)]),
  // keywordTerm is trusted to return a string or null; anything else (a lookup that hit a prototype
  // key such as "constructor") is dropped rather than allowed to break the index mid-article.
  processTerm: (term: string) => {
    const processed: unknown = keywordTerm(term);
    return typeof processed === "string" && processed !== "" ? processed : null;
  },
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 2000, batchWait: 10 },
};

/**
 * BM25 over paragraphs (MiniSearch: incremental add/remove, JSON snapshots). The snapshot is a cache:
 * it records which articles it holds, and loading reconciles it with the manifest, so a crash between
 * writing an article and writing the snapshot only costs re-indexing that article.
 */
export class KeywordIndex {
  private readonly search: MiniSearch<KeywordDoc>;
  private readonly articles: Map<string, { hash: string; docIds: string[] }> = new Map();

  private constructor(search: MiniSearch<KeywordDoc>) {
    this.search = search;
  }

  static empty(): KeywordIndex {
    return new KeywordIndex(new MiniSearch<KeywordDoc>(OPTIONS));
  }

  /** Loads a snapshot, or returns undefined when it is from another schema or unreadable. */
  static fromSnapshot(snapshot: KeywordSnapshot | undefined): KeywordIndex | undefined {
    if (!snapshot || snapshot.schema !== SCHEMA) return undefined;
    try {
      let search: MiniSearch<KeywordDoc>;
      if (snapshot.compact) search = restoreCompact(snapshot.compact);
      else if (snapshot.index) search = MiniSearch.loadJS<KeywordDoc>(snapshot.index, OPTIONS);
      else return undefined;
      const index = new KeywordIndex(search);
      for (const [articleId, [hash, paragraphs]] of Object.entries(snapshot.articles)) {
        index.articles.set(articleId, { hash, docIds: paragraphs.map((n) => docId(articleId, n)) });
      }
      return index;
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.articles.size;
  }

  holds(articleId: string, contentHash: string): boolean {
    return this.articles.get(articleId)?.hash === contentHash;
  }

  articleIds(): string[] {
    return [...this.articles.keys()];
  }

  add(article: Article): void {
    if (this.articles.has(article.id)) this.remove(article.id);
    const docs: KeywordDoc[] = article.paragraphs
      .filter((paragraph) => paragraph.kind !== "teaser")
      .map((paragraph) => ({
        id: docId(article.id, paragraph.n),
        articleId: article.id,
        paragraph: paragraph.n,
        text: paragraph.text,
        title: article.title,
      }));
    // All or nothing: a document that fails half way must not stay half indexed.
    try {
      this.search.addAll(docs);
    } catch (error) {
      for (const doc of docs) if (this.search.has(doc.id)) this.search.discard(doc.id);
      throw error;
    }
    this.articles.set(article.id, { hash: article.contentHash, docIds: docs.map((doc) => doc.id) });
  }

  remove(articleId: string): void {
    const entry = this.articles.get(articleId);
    if (!entry) return;
    for (const id of entry.docIds) if (this.search.has(id)) this.search.discard(id);
    this.articles.delete(articleId);
  }

  /**
   * The `limit` best paragraphs for `text` by BM25 (text field, title at 0.3), terms OR-ed, with fuzzy
   * matching of terms of 6+ letters when asked. Exactly MiniSearch's search with these options
   * (same scores to the bit, same order, ties included: `queryWithMiniSearch` is the reference and
   * the keyword proof suite compares them), computed without MiniSearch's per-match objects: scores
   * accumulate in typed arrays and only the top `limit` are ranked, so a query over 50k paragraphs
   * costs milliseconds instead of the hundreds MiniSearch spends building and sorting every match.
   */
  query(text: string, limit: number, options: { fuzzy?: boolean } = {}): KeywordHit[] {
    return (
      fastQuery(internals(this.search), text, limit, options.fuzzy === true) ??
      this.queryWithMiniSearch(text, limit, options)
    );
  }

  /** The same query through MiniSearch's own search (the reference for `query`). */
  queryWithMiniSearch(text: string, limit: number, options: { fuzzy?: boolean } = {}): KeywordHit[] {
    const results: SearchResult[] = this.search.search(text, {
      boost: QUERY_BOOST,
      combineWith: "OR",
      fuzzy: options.fuzzy ? fuzzyFor : false,
      weights: QUERY_WEIGHTS,
    });
    return results.slice(0, limit).map((result) => ({
      articleId: result.articleId as string,
      paragraph: result.paragraph as number,
      score: result.score,
      terms: result.queryTerms,
    }));
  }

  /** Number of indexed paragraphs. */
  documentCount(): number {
    return this.search.documentCount;
  }

  /**
   * Number of paragraphs whose text holds `stem` (a keywordTerm), for idf weighting in the ranker.
   * MiniSearch keeps exactly this in its postings but has no public accessor; reading it avoids a
   * second, duplicated index. The version is pinned and keyword-index.test.ts guards the shape.
   */
  documentFrequency(stem: string): number {
    if (typeof stem !== "string") return 0; // see processTerm: a prototype-key "stem" matches nothing
    const postings = (
      this.search as unknown as {
        _index: { get(term: string): Map<number, Map<number, number>> | undefined };
      }
    )._index.get(stem);
    return postings?.get(TEXT_FIELD_ID)?.size ?? 0;
  }

  /**
   * The indexed term nearest to `stem` within `maxDistance` edits (fewest edits, then most paragraphs),
   * for questions with typos ("Skripl" → "skripal"); undefined when there is none.
   */
  closestTerm(stem: string, maxDistance: number): { term: string; distance: number } | undefined {
    if (typeof stem !== "string") return undefined;
    const index = (
      this.search as unknown as {
        _index: {
          fuzzyGet(term: string, distance: number): Map<string, [Map<number, Map<number, number>>, number]>;
        };
      }
    )._index;
    let best: { term: string; distance: number; df: number } | undefined;
    for (const [term, [postings, distance]] of index.fuzzyGet(stem, maxDistance)) {
      const df = postings.get(TEXT_FIELD_ID)?.size ?? 0;
      if (df === 0 || term === stem) continue;
      if (!best || distance < best.distance || (distance === best.distance && df > best.df))
        best = { term, distance, df };
    }
    return best && { term: best.term, distance: best.distance };
  }

  snapshot(): KeywordSnapshot {
    const articles: KeywordSnapshot["articles"] = {};
    for (const [id, entry] of this.articles) {
      articles[id] = [entry.hash, entry.docIds.map((doc) => Number(doc.slice(doc.lastIndexOf("#") + 1)))];
    }
    return { schema: SCHEMA, articles, compact: compactState(this.search) };
  }

  /** MiniSearch's own serialisation of the index (tests compare it across a snapshot round trip). */
  toJSON(): ReturnType<MiniSearch["toJSON"]> {
    return this.search.toJSON();
  }
}

function internals(search: MiniSearch<KeywordDoc>): MiniSearchState {
  return search as unknown as MiniSearchState;
}

/** Reusable per-document accumulators for fastQuery (grown to the index's id range). */
let scratch:
  | {
      size: number;
      total: Float64Array;
      partial: Float64Array;
      seen: Int32Array;
      touched: Int32Array;
      specs: Uint32Array;
    }
  | undefined;
let generation = 0;

/**
 * MiniSearch 7.2.0's `search` (executeQuery → executeQuerySpec → termResults → OR combinator →
 * score × quality → stable sort by score) replayed step for step with the same arithmetic in the same
 * order, on typed arrays. Undefined (the caller then asks MiniSearch itself) for what it does not
 * replay: more than 31 query terms, or a score that is not a number.
 */
function fastQuery(
  state: MiniSearchState,
  text: string,
  limit: number,
  fuzzy: boolean,
): KeywordHit[] | undefined {
  const options = state._options;
  const terms = options
    .tokenize(text)
    .flatMap((term) => options.processTerm(term))
    .filter((term): term is string => !!term);
  if (terms.length > 31) return undefined;
  if (terms.length === 0 || limit <= 0) return [];
  const size = state._nextId;
  if (!scratch || scratch.size < size) {
    const n = Math.max(size, 1024, (scratch?.size ?? 0) * 2);
    scratch = {
      size: n,
      total: new Float64Array(n),
      partial: new Float64Array(n),
      seen: new Int32Array(n),
      touched: new Int32Array(n),
      specs: new Uint32Array(n),
    };
  }
  const { total, partial, seen, touched, specs } = scratch;
  // seen[doc] = generation when first reached by this query; -generation… for the current spec.
  const queryGeneration = ++generation;
  const order: number[] = [];
  let broken = false;
  const documents = state._documentCount;
  const fields = options.fields.map((field) => ({
    id: state._fieldIds[field]!,
    boost: (QUERY_BOOST as Record<string, number>)[field] || 1,
  }));
  for (let spec = 0; spec < terms.length; spec++) {
    const term = terms[spec]!;
    const specGeneration = ++generation;
    let count = 0;
    const termResults = (
      postings: Map<number, Map<number, number>> | undefined,
      derived: string,
      weight: number,
    ) => {
      if (postings == null) return;
      for (const field of fields) {
        const frequencies = postings.get(field.id);
        if (frequencies == null) continue;
        let matching = frequencies.size;
        const average = state._avgFieldLength[field.id]!;
        // MiniSearch computes the idf per posting; it only changes when `matching` does.
        let idfFor = -1;
        let invDocFreq = 0;
        for (const [doc, frequency] of frequencies) {
          // A document is live iff it has field lengths (add sets both, discard deletes both).
          const lengths = state._fieldLength.get(doc);
          if (lengths === undefined) {
            if (state._documentIds.has(doc)) {
              broken = true; // MiniSearch would throw here: let it
              return;
            }
            state.removeTerm(field.id, doc, derived);
            matching -= 1;
            continue;
          }
          const length = lengths[field.id]!;
          if (matching !== idfFor) {
            invDocFreq = Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
            idfFor = matching;
          }
          const raw =
            invDocFreq *
            (BM25.d +
              (frequency * (BM25.k + 1)) / (frequency + BM25.k * (1 - BM25.b + (BM25.b * length) / average)));
          const weighted = weight * 1 * field.boost * 1 * raw;
          if (seen[doc] === specGeneration) {
            partial[doc] = partial[doc]! + weighted;
          } else {
            // First reached by this spec (seen may hold the query generation: reached by an earlier spec).
            if (seen[doc] !== queryGeneration) specs[doc] = 0;
            else specs[doc] = specs[doc]! | 0x80000000; // marks "already in the combined results"
            seen[doc] = specGeneration;
            partial[doc] = weighted;
            touched[count++] = doc;
          }
        }
      }
    };
    termResults(state._index.get(term), term, 1);
    if (broken) return undefined;
    const level = fuzzy ? fuzzyFor(term) : false;
    if (level) {
      const maxDistance = Math.min(MAX_FUZZY, Math.round(term.length * level));
      if (maxDistance) {
        const matches = state._index.fuzzyGet(term, maxDistance);
        for (const derived of matches.keys()) {
          const [postings, distance] = matches.get(derived)!;
          if (!distance) continue;
          termResults(
            postings,
            derived,
            (QUERY_WEIGHTS.fuzzy * derived.length) / (derived.length + distance),
          );
        }
      }
    }
    // OR: combine this spec's results into the running ones, in this spec's insertion order.
    for (let i = 0; i < count; i++) {
      const doc = touched[i]!;
      const before = specs[doc]!;
      if (before & 0x80000000) {
        total[doc] = total[doc]! + partial[doc]!;
        specs[doc] = (before & 0x7fffffff) | (1 << spec);
      } else {
        total[doc] = partial[doc]!;
        specs[doc] = 1 << spec;
        order.push(doc);
      }
      seen[doc] = queryGeneration;
    }
  }
  // score × quality (distinct query terms matched), then the best `limit` by score, ties by arrival.
  const top: { doc: number; score: number; rank: number }[] = [];
  for (let rank = 0; rank < order.length; rank++) {
    const doc = order[rank]!;
    const mask = specs[doc]!;
    const matched = new Set<string>();
    for (let spec = 0; spec < terms.length; spec++) if (mask & (1 << spec)) matched.add(terms[spec]!);
    const score = total[doc]! * (matched.size || 1);
    if (Number.isNaN(score)) return undefined;
    insertTop(top, { doc, score, rank }, limit);
  }
  return top.map(({ doc, score }) => {
    const stored = state._storedFields.get(doc) as { articleId: string; paragraph: number };
    const mask = specs[doc]!;
    const queryTerms: string[] = [];
    for (let spec = 0; spec < terms.length; spec++) {
      if (mask & (1 << spec) && !queryTerms.includes(terms[spec]!)) queryTerms.push(terms[spec]!);
    }
    return { articleId: stored.articleId, paragraph: stored.paragraph, score, terms: queryTerms };
  });
}

/** Keeps `top` sorted best first (score desc, then arrival), at most `limit` long. */
function insertTop(
  top: { doc: number; score: number; rank: number }[],
  entry: { doc: number; score: number; rank: number },
  limit: number,
): void {
  if (top.length === limit && !(entry.score > top[limit - 1]!.score)) return;
  let at = top.length;
  while (at > 0 && top[at - 1]!.score < entry.score) at--;
  top.splice(at, 0, entry);
  if (top.length > limit) top.pop();
}

function compactState(search: MiniSearch<KeywordDoc>): CompactState {
  const state = internals(search);
  const fieldCount = Object.keys(state._fieldIds).length;
  const shortIds = new Int32Builder();
  const ids: string[] = [];
  const fieldLength = new Int32Builder();
  for (const [shortId, id] of state._documentIds) {
    shortIds.push(shortId);
    ids.push(id);
    const lengths = state._fieldLength.get(shortId) ?? [];
    for (let field = 0; field < fieldCount; field++) fieldLength.push(lengths[field] ?? 0);
  }
  const terms: string[] = [];
  const postings = new ByteBuilder();
  const termOffsets = new Int32Builder();
  for (const [term, fields] of state._index) {
    terms.push(term);
    termOffsets.push(postings.length);
    // Postings never touched since loading are copied encoded, without building their maps.
    const encoded = fields instanceof LazyPostings ? fields.encoded() : undefined;
    if (encoded) {
      postings.pushBytes(encoded);
      continue;
    }
    postings.pushVarint(fields.size);
    for (const [fieldId, docs] of fields) {
      postings.pushVarint(fieldId);
      postings.pushVarint(docs.size);
      let previous = 0;
      for (const [shortId, frequency] of docs) {
        postings.pushVarint(zigzag(shortId - previous));
        postings.pushVarint(frequency);
        previous = shortId;
      }
    }
  }
  termOffsets.push(postings.length);
  return {
    documentCount: state._documentCount,
    nextId: state._nextId,
    fieldIds: state._fieldIds,
    averageFieldLength: state._avgFieldLength,
    dirtCount: state._dirtCount,
    shortIds: shortIds.base64(),
    ids: joinLines(ids, "document id"),
    fieldLength: fieldLength.base64(),
    terms: joinLines(terms, "term"),
    postings: postings.base64(),
    termOffsets: termOffsets.base64(),
  };
}

function restoreCompact(compact: CompactState): MiniSearch<KeywordDoc> {
  const search = new MiniSearch<KeywordDoc>(OPTIONS);
  const state = internals(search);
  const fieldCount = Object.keys(compact.fieldIds).length;
  const shortIds = fromBase64(compact.shortIds);
  const ids = compact.ids === "" ? [] : compact.ids.split("\n");
  const fieldLength = fromBase64(compact.fieldLength);
  if (ids.length !== shortIds.length || fieldLength.length !== ids.length * fieldCount) {
    throw new Error("keyword snapshot: document arrays disagree");
  }
  state._documentCount = compact.documentCount;
  state._nextId = compact.nextId;
  state._fieldIds = compact.fieldIds;
  state._avgFieldLength = compact.averageFieldLength;
  state._dirtCount = compact.dirtCount || 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const shortId = shortIds[i]!;
    state._documentIds.set(shortId, id);
    state._idToShortId.set(id, shortId);
    const lengths = new Array<number>(fieldCount);
    for (let field = 0; field < fieldCount; field++) lengths[field] = fieldLength[i * fieldCount + field]!;
    state._fieldLength.set(shortId, lengths);
    const hash = id.lastIndexOf("#");
    state._storedFields.set(shortId, { articleId: id.slice(0, hash), paragraph: Number(id.slice(hash + 1)) });
  }
  const postings = Buffer.from(compact.postings, "base64");
  const offsets = fromBase64(compact.termOffsets);
  const terms = compact.terms === "" ? [] : compact.terms.split("\n");
  if (offsets.length !== terms.length + 1 || offsets[terms.length] !== postings.length) {
    throw new Error("keyword snapshot: postings are truncated or padded");
  }
  for (let i = 0; i < terms.length; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (!(start <= end)) throw new Error("keyword snapshot: corrupt term offsets");
    state._index.set(terms[i]!, new LazyPostings(postings, start, end));
  }
  return search;
}

/**
 * One term's postings (field id → short id → frequency), as MiniSearch keeps them, built from the
 * snapshot's encoding on first use. A cold start then builds maps only for the terms its queries
 * touch, instead of ~1.7 million map entries (≈100 MB) at 50k paragraphs. Every Map method MiniSearch
 * uses (get, set, has, delete, size, iteration) first materialises the term, so it sees a plain Map.
 */
class LazyPostings extends Map<number, Map<number, number>> {
  /** The snapshot's whole postings bytes (shared by every term) while this term is untouched. */
  private pending: Uint8Array | undefined;

  constructor(
    encoded: Uint8Array,
    private readonly start: number,
    private readonly end: number,
  ) {
    super();
    this.pending = encoded;
  }

  /** The encoding, while the term is untouched (the snapshot copies it as is). */
  encoded(): Uint8Array | undefined {
    return this.pending?.subarray(this.start, this.end);
  }

  private materialise(): void {
    const bytes = this.pending;
    if (!bytes) return;
    this.pending = undefined;
    const reader = { at: this.start };
    const fieldTotal = readVarint(bytes, reader);
    for (let f = 0; f < fieldTotal; f++) {
      const fieldId = readVarint(bytes, reader);
      const count = readVarint(bytes, reader);
      const docs = new Map<number, number>();
      let shortId = 0;
      for (let n = 0; n < count; n++) {
        shortId += unzigzag(readVarint(bytes, reader));
        docs.set(shortId, readVarint(bytes, reader));
      }
      super.set(fieldId, docs);
    }
    if (reader.at !== this.end) throw new Error("keyword snapshot: a term's postings are corrupt");
  }

  override get size(): number {
    this.materialise();
    return super.size;
  }
  override get(key: number): Map<number, number> | undefined {
    this.materialise();
    return super.get(key);
  }
  override set(key: number, value: Map<number, number>): this {
    this.materialise();
    return super.set(key, value);
  }
  override has(key: number): boolean {
    this.materialise();
    return super.has(key);
  }
  override delete(key: number): boolean {
    this.materialise();
    return super.delete(key);
  }
  override clear(): void {
    this.pending = undefined;
    super.clear();
  }
  override forEach(
    callback: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void,
    thisArg?: unknown,
  ): void {
    this.materialise();
    super.forEach(callback, thisArg);
  }
  override keys(): MapIterator<number> {
    this.materialise();
    return super.keys();
  }
  override values(): MapIterator<Map<number, number>> {
    this.materialise();
    return super.values();
  }
  override entries(): MapIterator<[number, Map<number, number>]> {
    this.materialise();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    this.materialise();
    return super[Symbol.iterator]();
  }
}

/** A growable byte array with unsigned LEB128 varints. */
class ByteBuilder {
  private data = new Uint8Array(4096);
  length = 0;

  pushVarint(value: number): void {
    if (!(value >= 0 && value <= 0xffffffff) || !Number.isInteger(value)) {
      throw new Error(`keyword snapshot: ${value} is not a uint32`);
    }
    this.reserve(5);
    let rest = value;
    while (rest >= 0x80) {
      this.data[this.length++] = (rest & 0x7f) | 0x80;
      rest = Math.floor(rest / 128);
    }
    this.data[this.length++] = rest;
  }

  pushBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.data.set(bytes, this.length);
    this.length += bytes.length;
  }

  base64(): string {
    return Buffer.from(this.data.buffer, 0, this.length).toString("base64");
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let capacity = this.data.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}

function readVarint(bytes: Uint8Array, reader: { at: number }): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 5; i++) {
    if (reader.at >= bytes.length) throw new Error("keyword snapshot: postings end mid-number");
    const byte = bytes[reader.at++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
  throw new Error("keyword snapshot: a number is too long");
}

const zigzag = (n: number) => (n >= 0 ? 2 * n : -2 * n - 1);
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

/** A growable int32 array. */
class Int32Builder {
  private data = new Int32Array(1024);
  private length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  base64(): string {
    return Buffer.from(this.data.buffer, 0, this.length * 4).toString("base64");
  }

  private grow(needed: number): void {
    let capacity = this.data.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Int32Array(capacity);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}

function fromBase64(text: string): Int32Array {
  const bytes = Buffer.from(text, "base64");
  if (bytes.byteLength % 4 !== 0) throw new Error("keyword snapshot: int32 array has a ragged end");
  // Copied into its own aligned buffer (Buffer.from may return a slice of a shared pool).
  const out = new Int32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function joinLines(values: string[], what: string): string {
  for (const value of values) if (value.includes("\n")) throw new Error(`a ${what} holds a line break`);
  return values.join("\n");
}

function docId(articleId: string, paragraph: number): string {
  return `${articleId}#${paragraph}`;
}
