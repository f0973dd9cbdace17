import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/library/errors.ts";
import { decodeDocument, sniffMetaCharset } from "../../../src/library/ingest/charset.ts";

const latin1 = (text: string) => Buffer.from(text, "latin1");

describe("decodeDocument", () => {
  it("reads Windows-1252 punctuation (0x80–0x9F) as curly quotes, dashes and the euro sign", () => {
    const { text, encoding } = decodeDocument(latin1("\x93Quote\x94 \x96 \x97 \x80 5 \x85"), { what: "x" });
    expect(encoding).toBe("windows-1252");
    expect(text).toBe("“Quote” – — € 5 …");
  });

  it("uses a declared charset over detection", () => {
    const koi8 = Uint8Array.from([0xed, 0xcf, 0xd3, 0xcb, 0xd7, 0xc1]); // "Москва" in KOI8-R
    expect(decodeDocument(koi8, { charset: "koi8-r", what: "x" }).text).toBe("Москва");
  });

  it("lets a byte-order mark win over a declared charset", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("café", "utf8")]);
    expect(decodeDocument(bytes, { charset: "windows-1252", what: "x" }).text).toBe("café");
  });

  it("reads invalid UTF-8 declared as UTF-8 as Windows-1252 rather than with replacement characters", () => {
    expect(decodeDocument(latin1("caf\xe9"), { charset: "utf-8", what: "x" }).text).toBe("café");
  });

  it("ignores an unknown charset label", () => {
    expect(decodeDocument(Buffer.from("café"), { charset: "no-such-charset", what: "x" }).text).toBe("café");
  });

  it("refuses binary data even when a charset is declared", () => {
    expect(() =>
      decodeDocument(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), {
        charset: "iso-8859-2",
        what: "The page",
      }),
    ).toThrow(UserError);
  });

  it("finds <meta charset> and <meta http-equiv> declarations in the first 1024 bytes", () => {
    expect(sniffMetaCharset(Buffer.from('<html><head><meta charset="windows-1251">'))).toBe("windows-1251");
    expect(
      sniffMetaCharset(
        Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">'),
      ),
    ).toBe("ISO-8859-2");
    expect(sniffMetaCharset(Buffer.from(`${" ".repeat(1100)}<meta charset="koi8-r">`))).toBeUndefined();
  });
});
