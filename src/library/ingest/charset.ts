/**
 * Bytes → text for documents that may declare their encoding (a Content-Type charset, an HTML
 * <meta charset>). Without a declaration, `decodeBytes` decides (UTF-8, UTF-16 BOM, else Windows-1252).
 */
import { TextDecoder } from "node:util";
import { type DecodedText, decodeBytes, repairC1 } from "./clean.ts";

export interface DecodeOptions {
  /** The charset the transport declared (a Content-Type parameter), if any. */
  charset?: string;
  /** Look for <meta charset> / <meta http-equiv=Content-Type> in the first 1024 bytes. Default false. */
  html?: boolean;
  /** How to name the input in an error message ("the file \"a.txt\""). */
  what: string;
}

export interface DecodedDocument {
  text: string;
  /** The WHATWG name of the encoding used ("utf-8", "windows-1251", …). */
  encoding: string;
}

/**
 * Decodes a document following the HTML precedence rules: a byte-order mark wins, then the transport's
 * charset, then (for HTML) a <meta> declaration, then detection. Binary data is refused whatever the
 * declaration says. Declared UTF-8 that is not valid UTF-8 is read as Windows-1252 rather than stored
 * with replacement characters (servers that mislabel Latin-1 as UTF-8 are common).
 */
export function decodeDocument(bytes: Uint8Array, options: DecodeOptions): DecodedDocument {
  const decoded = decodeDeclared(bytes, options);
  return decoded.encoding === "windows-1252" ? { ...decoded, text: repairC1(decoded.text) } : decoded;
}

function decodeDeclared(bytes: Uint8Array, options: DecodeOptions): DecodedDocument {
  if (hasByteOrderMark(bytes)) return fromDecoded(decodeBytes(bytes, options.what));
  const fromTransport = textDecoderFor(options.charset);
  // A <meta> cannot honestly declare UTF-16: the bytes it was read from were ASCII (HTML spec).
  let declared = fromTransport;
  if (!declared && options.html) {
    const fromMeta = textDecoderFor(sniffMetaCharset(bytes));
    declared = fromMeta?.encoding.startsWith("utf-16") ? undefined : fromMeta;
  }
  if (declared?.encoding.startsWith("utf-16"))
    return { text: declared.decode(bytes), encoding: declared.encoding };
  // decodeBytes refuses binary input; its UTF-8-or-Windows-1252 answer is right unless a charset was declared.
  const detected = decodeBytes(bytes, options.what);
  if (!declared || declared.encoding === "utf-8") return fromDecoded(detected);
  return { text: declared.decode(bytes), encoding: declared.encoding };
}

/** The charset a <meta> tag declares in the first 1024 bytes (the HTML prescan window), if any. */
export function sniffMetaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString("latin1");
  // Matches <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
  return /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:+-]+)/i.exec(head)?.[1];
}

/** A TextDecoder for a charset label, or undefined when there is none or the label is unknown. */
function textDecoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim());
  } catch {
    return undefined; // An unknown label is ignored, as browsers do; detection takes over.
  }
}

function hasByteOrderMark(bytes: Uint8Array): boolean {
  return (
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff)
  );
}

function fromDecoded(decoded: DecodedText): DecodedDocument {
  return { text: decoded.text, encoding: decoded.encoding };
}
