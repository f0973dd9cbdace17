import { describe, expect, it } from "vitest";
import { quoteValue, redactCredentials } from "../../src/library/errors.ts";

describe("values echoed in messages", () => {
  it("lose any user name or password in a URL, wherever it sits in the text", () => {
    expect(redactCredentials("see https://ann:s3cret@example.com/a?b=c")).toBe(
      "see https://…@example.com/a?b=c",
    );
    expect(redactCredentials("ftp://token@host/x and http://u:p@h/")).toBe("ftp://…@host/x and http://…@h/");
    expect(redactCredentials("mail me at ann@example.com")).toBe("mail me at ann@example.com");
    expect(redactCredentials("https://example.com/@handle")).toBe("https://example.com/@handle");
  });

  it("are quoted on one line, cut with an ellipsis, and redacted", () => {
    expect(quoteValue("http://u:p@host/path")).toBe('"http://…@host/path"');
    expect(quoteValue(`a\n${"b".repeat(200)}`, 10)).toBe('"a bbbbbbb…"');
  });
});
