import { readFileSync } from "node:fs";
import path from "node:path";
import { LOCAL_MODELS_DIR } from "../../paths.ts";
import { DEFAULT_MODEL_ID } from "../embed/transformers-embedder.ts";

let words: Set<string> | undefined;

/**
 * Whether a lower-cased word is a common English word: one the bundled model's uncased WordPiece
 * vocabulary holds whole (about 21,000 words: BERT's, which covers everyday English and common names).
 * Tells a typo or a foreign word ("skripl", "qué") from a word that the articles just don't use.
 */
export function isEnglishWord(word: string): boolean {
  words ??= loadVocabulary();
  return words.has(word);
}

function loadVocabulary(): Set<string> {
  const file = path.join(LOCAL_MODELS_DIR, DEFAULT_MODEL_ID, "tokenizer.json");
  const tokenizer = JSON.parse(readFileSync(file, "utf8")) as { model: { vocab: Record<string, number> } };
  return new Set(Object.keys(tokenizer.model.vocab).filter((w) => /^[a-z][a-z'-]+$/.test(w)));
}
