import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parsePlainText, structureArticle } from "../../../src/library/ingest/structure.ts";
import type { ArticleDraft, Paragraph } from "../../../src/library/types.ts";

const SAMPLE = path.resolve(
  fileURLToPath(import.meta.url),
  "../../../../samples/trump-congratulates-putin.txt",
);

let story: ArticleDraft;

beforeAll(async () => {
  story = parsePlainText(await readFile(SAMPLE, "utf8"), {
    kind: "sample",
    fileName: "trump-congratulates-putin.txt",
  });
});

function paragraph(n: number): Paragraph {
  const found = story.paragraphs.find((p) => p.n === n);
  if (!found) throw new Error(`no ¶${n}`);
  return found;
}

function sentences(p: Paragraph): string[] {
  return p.sentences.map((span) => p.text.slice(span.start, span.end));
}

describe("structure of the sample story (samples/trump-congratulates-putin.txt)", () => {
  it("takes the first line as the title", () => {
    expect(story.title).toBe("Trump congratulates Putin on election win");
  });

  it("numbers paragraphs from 1 in order, split on blank lines", () => {
    expect(story.paragraphs.map((p) => p.n)).toEqual(story.paragraphs.map((_, index) => index + 1));
    expect(story.paragraphs).toHaveLength(21);
  });

  it("flags ¶1, the photo caption, as a caption (kept, not dropped)", () => {
    expect(paragraph(1).kind).toBe("caption");
    expect(paragraph(1).text).toMatch(/^US President Donald Trump \(L\) chats with .* November 11, 2017\.$/);
  });

  it('recognises ¶2\'s dateline "MOSCOW"', () => {
    const p = paragraph(2);
    expect(p.kind).toBe("body");
    expect(p.dateline?.place).toBe("MOSCOW");
    expect(p.text.slice(p.dateline!.span.start, p.dateline!.span.end)).toBe("MOSCOW - ");
  });

  it('flags ¶9, "READ: …", as a teaser, its no-break space normalised', () => {
    expect(paragraph(9)).toMatchObject({
      kind: "teaser",
      text: "READ: Re-elected Putin to address disputes with West after record vote win",
    });
  });

  it("flags nothing else", () => {
    const flagged = story.paragraphs.filter((p) => p.kind !== "body").map((p) => p.n);
    expect(flagged).toEqual([1, 9]);
  });

  it('repairs the mangled entity: "Sunday&39;s" reads "Sunday\'s"', () => {
    expect(paragraph(3).text).toContain("Sunday's presidential election");
    expect(story.paragraphs.map((p) => p.text).join("\n")).not.toContain("&39;");
  });

  it("keeps curly quotes", () => {
    expect(paragraph(12).text.startsWith("\u201cAn American president does not lead the Free World")).toBe(
      true,
    );
    expect(paragraph(13).text.endsWith("Putin's regime.\u201d")).toBe(true);
  });

  it('keeps "U.S." inside its sentence', () => {
    expect(sentences(paragraph(7))).toEqual([paragraph(7).text]);
    expect(sentences(paragraph(11))).toEqual([
      "Republican U.S. Senator John McCain chastised Trump for the congratulatory call.",
    ]);
    expect(sentences(paragraph(16))).toEqual([
      "Moscow and Washington are at odds over Ukraine and Syria, while U.S. allegations that Russia interfered in the U.S. presidential election, something Moscow denies, continue to cast a shadow over ties.",
      "Trump has said there was no collusion between his presidential campaign and Russians.",
    ]);
  });

  it("covers every non-space character of every paragraph with its sentences", () => {
    for (const p of story.paragraphs) {
      const covered = p.sentences.map((span) => p.text.slice(span.start, span.end)).join(" ");
      expect(covered.replace(/\s+/g, ""), `¶${p.n}`).toBe(p.text.replace(/\s+/g, ""));
    }
  });
});

describe("structureArticle sentences", () => {
  it('keeps "Mr" and "Mr." with the name that follows', () => {
    const draft = structureArticle({
      title: "T",
      blocks: ["Mr. Putin met Mr Trump in Danang. They spoke briefly. Mrs. May was not there."],
      source: { kind: "text" },
    });
    const p = draft.paragraphs[0]!;
    expect(sentences(p)).toEqual([
      "Mr. Putin met Mr Trump in Danang.",
      "They spoke briefly.",
      "Mrs. May was not there.",
    ]);
  });

  it('keeps a case name together: "Harlow v. Ohio"', () => {
    const draft = structureArticle({
      title: "T",
      blocks: ["In Harlow v. Ohio, the court split 6-3 on appeal. Roe v. Wade was not cited."],
      source: { kind: "text" },
    });
    expect(sentences(draft.paragraphs[0]!)).toEqual([
      "In Harlow v. Ohio, the court split 6-3 on appeal.",
      "Roe v. Wade was not cited.",
    ]);
  });

  it('ends a sentence after "U.S." when a new sentence clearly starts', () => {
    const draft = structureArticle({
      title: "T",
      blocks: ["He flew to the U.S. The trip was short."],
      source: { kind: "text" },
    });
    expect(sentences(draft.paragraphs[0]!)).toEqual(["He flew to the U.S.", "The trip was short."]);
  });
});

describe("structureArticle flags", () => {
  const kinds = (...blocks: string[]) =>
    structureArticle({ title: "T", blocks, source: { kind: "text" } }).paragraphs.map((p) => p.kind);

  it("does not take a party label for a photo position: 'Sen. John McCain (R) said' is body text", () => {
    expect(
      kinds(
        "WASHINGTON - The Senate voted on Tuesday.",
        'Sen. John McCain (R) chastised Trump. "It was wrong," he said.',
        "Rep. Nancy Pelosi (D-Calif.) said the vote was close.",
      ),
    ).toEqual(["body", "body", "body"]);
  });

  it("does not take a poll's name for a photo credit ('a Reuters/Ipsos poll')", () => {
    expect(kinds("A Reuters/Ipsos poll released on Monday found 42 percent support.")).toEqual(["body"]);
    expect(kinds("Leaders meet in Danang. REUTERS/Jorge Silva")).toEqual(["caption"]);
  });

  it("still flags a photo caption: position marker beside the photo's date", () => {
    expect(
      kinds("Leaders pose (L-R) at the summit in Danang, November 11, 2017.", "MOSCOW - Talks began."),
    ).toEqual(["caption", "body"]);
  });

  it("flags 'READ: …' teasers but not a sentence that starts with 'More -'", () => {
    expect(kinds("The talks began.", "READ: Other story", "More - than a hundred senators signed.")).toEqual([
      "body",
      "teaser",
      "body",
    ]);
  });
});

describe("structureArticle datelines", () => {
  const dateline = (text: string) =>
    structureArticle({ title: "T", blocks: [text], source: { kind: "text" } }).paragraphs[0]?.dateline;

  it("reads a place in ordinary capitals as a dateline when a wire agency follows it ('Mexico City (AFP) –')", () => {
    expect(dateline("Mexico City (AFP) – It featured drama and tension.")?.place).toBe("Mexico City");
    expect(dateline("WASHINGTON (Reuters) - The Senate voted.")?.place).toBe("WASHINGTON");
    // Without the agency, a capitalised opening word is the sentence's own.
    expect(dateline("Washington – not Ottawa – is where the deal was struck.")).toBeUndefined();
    expect(dateline("Senator Ann Cole (D) – a veteran – spoke first.")).toBeUndefined();
  });
});

describe("mojibake", () => {
  const text = (block: string) =>
    structureArticle({ title: "T", blocks: [block], source: { kind: "text" } }).paragraphs[0]?.text;

  it("mends UTF-8 read as Windows-1252 upstream ('PeÃ±a Nieto', 'FranÃ§ois', 'â€œ…â€\u009d')", () => {
    expect(text("President Enrique PeÃ±a Nieto met FranÃ§ois Hollande.")).toBe(
      "President Enrique Peña Nieto met François Hollande.",
    );
    expect(text("He said: â€œWe are ready.â€\u009d")).toBe("He said: “We are ready.”");
    // A decomposed "Ã" (A and a combining tilde) is mojibake too.
    expect(text("Enrique PeA\u0303\u00b1a Nieto")).toBe("Enrique Peña Nieto");
  });

  it("mends text mangled twice over, whether the middle step read Windows-1252 or Latin-1", () => {
    expect(text("Ambassador Arturo SarukhÃƒÂ¡n spoke.")).toBe("Ambassador Arturo Sarukhán spoke.");
    // Latin-1 leaves a control character (U+0083) where Windows-1252 has "ƒ".
    expect(text("Ambassador Arturo SarukhÃ\u0083Â¡n spoke.")).toBe("Ambassador Arturo Sarukhán spoke.");
  });

  it("leaves text without the signature alone ('SÃO PAULO', 'Â' before a letter)", () => {
    expect(text("SÃO PAULO - The vote was close.")).toBe("SÃO PAULO - The vote was close.");
    expect(text("The Âge of Reason.")).toBe("The Âge of Reason.");
    // Only the sequences are mended, not the rest of a text that has some.
    expect(text("Café BÂ opened; FranÃ§ois came.")).toBe("Café BÂ opened; François came.");
  });
});

describe("decodeBytes", () => {
  it("reads Windows-1252 punctuation (0x80–0x9F) as curly quotes, dashes and €, never dropping them", async () => {
    const { decodeBytes } = await import("../../../src/library/ingest/clean.ts");
    const bytes = Uint8Array.from([0x93, 0x6f, 0x6b, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0xe9]);
    expect(decodeBytes(bytes, "the file")).toEqual({ text: "“ok” – €5 é", encoding: "windows-1252" });
  });
});
