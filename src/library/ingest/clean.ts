import { decodeHTML } from "entities";
import { replaceCodePoint } from "entities/decode";
import fixUtf8 from "fix-utf8";
import { UserError } from "../errors.ts";

/**
 * Numeric entities that lost their "#" somewhere upstream ("Sunday&39;s" in the sample story). A bare
 * number between & and ; is never a named entity, so restoring the "#" is safe.
 */
const MANGLED_NUMERIC_ENTITY = /&(\d{2,7});/g;
/** Entities encoded twice ("&amp;#39;", "&amp;quot;"): decode the outer layer first. */
const DOUBLE_ENCODED_ENTITY = /&amp;(#\d{1,7};|#x[\da-f]{1,6};|[a-z][a-z\d]{1,31};)/gi;
/** Control characters other than tab and newline, and zero-width/bidi marks that only confuse matching. */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/g;
/** Every horizontal space character, NBSP included ("READ:\u00a0 Re-elected" in the sample). */
const HORIZONTAL_SPACE = /[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/** Decodes HTML entities, including the mangled and double-encoded forms found in scraped news. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  const repaired = text.replace(DOUBLE_ENCODED_ENTITY, "&$1").replace(MANGLED_NUMERIC_ENTITY, "&#$1;");
  // A mangled entity behind an escaped ampersand ("&amp;39;") only shows itself after decoding.
  return repairMangledEntities(decodeHTML(repaired));
}

/**
 * For text an HTML parser already decoded: numeric references left in it are double-encoding debris
 * ("&amp;#39;" in the source) and mangled forms ("&39;") are repaired, but named ones stay literal, so
 * a page that shows "&lt;p&gt;" keeps showing it instead of turning it into a tag.
 */
export function repairMangledEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text
    .replace(MANGLED_NUMERIC_ENTITY, "&#$1;")
    .replace(/&#(\d{1,7}|x[\da-f]{1,6});/gi, (entity) => decodeHTML(entity));
}

/**
 * What a user typed (a question, a speaker's name) as Byline reads it: invisible characters out (a
 * zero-width space pasted inside "Put\u200bin" must not split the name), whitespace collapsed.
 */
export function cleanQuery(text: string): string {
  return text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim().normalize("NFC");
}

/**
 * UTF-8 that was read as Windows-1252 somewhere upstream and saved that way ("PeÃ±a Nieto",
 * "FranÃ§ois"): a lead character (Â Ã Å Æ Ë â) followed by characters from the byte range UTF-8
 * continues with.
 */
const MOJIBAKE =
  /[\u00c2\u00c3\u00c5\u00c6\u00cb\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]+/g;

const MOJIBAKE_SIGNATURE = new RegExp(MOJIBAKE.source); // not global: .test keeps no state

/**
 * Mends mojibake with fix-utf8's table of such sequences, only where the signature is: the rest of
 * the text is kept as written.
 */
export function repairMojibake(text: string): string {
  // Composed first: some sources store the "Ã" of "PeÃ±a" as "A" and a combining tilde.
  let composed = text.normalize("NFC");
  if (!MOJIBAKE_SIGNATURE.test(composed)) return text;
  // Twice at most: text mangled twice over ("SarukhÃƒÂ¡n") comes out of one pass mangled once.
  for (let pass = 0; pass < 2 && MOJIBAKE_SIGNATURE.test(composed); pass++) {
    composed = composed.replace(MOJIBAKE, (sequence) => fixUtf8(asWindows1252(sequence)));
  }
  return composed;
}

/**
 * The C1 control characters a Latin-1 decoder leaves where Windows-1252 has letters and marks
 * ("Ã\u0083" for "Ãƒ"): fix-utf8's table knows the Windows-1252 spelling only.
 */
const WINDOWS_1252_C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function asWindows1252(sequence: string): string {
  return sequence.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

export function cleanText(text: string, entities: "decode" | "repair" = "decode"): string {
  // Mojibake first: its "”" (â€ and U+009D) would lose the control character to INVISIBLE.
  return repairMojibake(entities === "decode" ? decodeEntities(text) : repairMangledEntities(text))
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(HORIZONTAL_SPACE, " ")
    .replace(/ *\n */g, "\n")
    .trim()
    .normalize("NFC"); // last: removing a zero-width space can bring a letter and its accent together
}

/** The form used for duplicate detection and hashing: case, quote marks and whitespace don't count. */
export function normalizeForComparison(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read as. */
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
}

/**
 * Turns raw bytes into text, refusing binary data. Invalid UTF-8 is read as Windows-1252 (a superset
 * of Latin-1, the usual culprit) rather than stored as mojibake; the caller reports which was used.
 */
export function decodeBytes(bytes: Uint8Array, what: string): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  if (looksBinary(bytes)) {
    throw new UserError(
      "BINARY_INPUT",
      `${what} looks like a binary file, not text: give a .txt, .md or .html article (or a URL).`,
    );
  }
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: "utf-8",
    };
  } catch {
    // Mostly valid UTF-8 with a stray bad byte (a truncated copy, a bad splice) is UTF-8: reading it
    // all as Windows-1252 would turn every "é" into "Ã©". Only text with no valid multi-byte
    // sequence at all is taken for Latin-1/Windows-1252.
    const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes);
    if (/[^\p{ASCII}\ufffd]/u.test(lenient)) {
      return { text: lenient.replace(/\ufffd/g, ""), encoding: "utf-8" };
    }
    return { text: repairC1(new TextDecoder("windows-1252").decode(bytes)), encoding: "windows-1252" };
  }
}

/**
 * Windows-1252 puts curly quotes, dashes and € at 0x80–0x9F. Node's TextDecoder("windows-1252")
 * (20.20 here) decodes those bytes as ISO-8859-1 C1 control characters instead, which cleanText then
 * strips: "\x93opened\x94" would be stored as "opened". Map them as the WHATWG encoding (and the HTML
 * spec's numeric-reference table, which entities implements) say; harmless once Node decodes correctly.
 */
export function repairC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (char) =>
    String.fromCodePoint(replaceCodePoint(char.codePointAt(0)!)),
  );
}

/** NUL bytes, or many control bytes in the first 8 KB, mean this is not a text file. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}
