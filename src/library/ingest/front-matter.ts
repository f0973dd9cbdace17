/**
 * YAML front matter (`---` … `---` at the top of a Markdown file, as Jekyll, Hugo and most static-site
 * tools write it). Only top-level scalar fields are read (title, date, author, canonical URL): that is all
 * an article needs, and it keeps a full YAML parser (and its attack surface) out of ingestion. Nested
 * values and lists are ignored.
 */

export interface FrontMatter {
  /** Top-level `key: value` scalars, keys lower-cased. */
  fields: Map<string, string>;
  /** The text after the closing delimiter. */
  body: string;
}

/** Front matter longer than this is not front matter (a text that happens to open with "---"). */
const MAX_LINES = 200;

/** Splits front matter off the top of a text; undefined when the text has none. */
export function splitFrontMatter(text: string): FrontMatter | undefined {
  const source = text.replace(/^\ufeff/, "");
  const lines = source.split(/\r?\n/, MAX_LINES + 2);
  if (lines[0]?.trimEnd() !== "---") return undefined;
  const end = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)\s*$/.test(line));
  if (end < 0) return undefined;
  const fields = new Map<string, string>();
  for (const line of lines.slice(1, end)) {
    const match = /^([A-Za-z_][\w-]*)[^\S\n]*:(?:[^\S\n]+(.*))?$/.exec(line);
    if (match?.[1] && match[2] !== undefined) {
      const value = unquote(match[2].trim());
      if (value) fields.set(match[1].toLowerCase(), value);
    } else if (match?.[1]) {
      fields.set(match[1].toLowerCase(), "");
    }
  }
  if (fields.size === 0) return undefined;
  // Skip the delimiter lines by position rather than re-joining, so the body keeps its own line endings.
  let offset = 0;
  for (let index = 0; index <= end; index++) {
    const newline = source.indexOf("\n", offset);
    offset = newline < 0 ? source.length : newline + 1;
  }
  return { fields, body: source.slice(offset) };
}

/** The first of `keys` that has a non-empty value. */
export function firstField(matter: FrontMatter | undefined, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = matter?.fields.get(key);
    if (value) return value;
  }
  return undefined;
}

/** YAML scalar quoting: 'it''s' and "say \"hi\"". Block scalars, lists and maps are not values here. */
function unquote(value: string): string {
  if (/^[|>[{]/.test(value)) return "";
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
    return value.slice(1, -1).replace(/''/g, "'");
  }
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return String(JSON.parse(value));
    } catch {
      return value.slice(1, -1);
    }
  }
  // A plain scalar ends at " #" (a comment).
  return value.replace(/\s+#.*$/, "");
}
