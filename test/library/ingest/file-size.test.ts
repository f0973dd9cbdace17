/**
 * "Refused before reading": every open() is recorded (the real one still runs), so the test can show
 * that an oversized file was measured with stat and never opened.
 */
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const opened = vi.hoisted(() => [] as string[]);

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof actual.open = (file, ...rest) => {
    opened.push(String(file));
    return actual.open(file, ...rest);
  };
  return { ...actual, default: { ...actual, open }, open };
});

const { ingest } = await import("../../../src/library/ingest/index.ts");

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "byline-size-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ingest: the file size cap", () => {
  it("refuses a 50 MB file with TOO_LARGE without opening it", async () => {
    const big = path.join(dir, "huge.txt");
    await writeFile(big, "");
    await truncate(big, 50 * 1024 * 1024); // sparse: instant, and no 50 MB written to the disk
    await expect(ingest({ kind: "file", path: big })).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: expect.stringContaining("50 MB; the limit is 5 MB"),
    });
    expect(opened).not.toContain(big);
  });

  it("opens a file under the cap (the control for the test above)", async () => {
    const small = path.join(dir, "small.txt");
    await writeFile(small, "Title\n\nBody.");
    await ingest({ kind: "file", path: small });
    expect(opened).toContain(small);
  });
});
