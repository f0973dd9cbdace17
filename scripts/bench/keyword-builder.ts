/**
 * The benchmark's keyword-index builder (a child of build-library.ts): feeds synthetic articles
 * 0, 1, 2, … to one KeywordIndex, exactly as the store indexes added articles, and saves the store's
 * snapshot format whenever the count reaches one of the target libraries' sizes.
 *
 * argv: '{"scope":"local","targets":[{"articles":50,"file":".../keywords.json"},…]}'
 */
import { writeFileAtomic } from "../../src/library/store/atomic-fs.ts";
import { KeywordIndex } from "../../src/library/store/keyword-index.ts";
import { syntheticArticle, Vocabulary } from "./synthetic.ts";

const { scope, targets } = JSON.parse(process.argv[2] ?? "{}") as {
  scope: string;
  targets: { articles: number; file: string }[];
};
const vocabulary = new Vocabulary();
const index = KeywordIndex.empty();
const sorted = [...targets].sort((a, b) => a.articles - b.articles);
let n = 0;
for (const target of sorted) {
  for (; n < target.articles; n++) index.add(syntheticArticle(vocabulary, n, scope));
  await writeFileAtomic(target.file, JSON.stringify(index.snapshot()));
}
