/**
 * Disk full and permission errors while writing: each fails with a clear UserError (code STORAGE,
 * saying what is wrong), leaves the library exactly as it was (same manifest bytes, same articles,
 * verify clean, no debris that survives the next write), and the library works again once the fault
 * is gone. Faults are injected on node:fs (the store calls it through the promises namespace), at
 * every step of an add, a remove and a model re-embedding; a real read-only folder is used too, in a
 * child process that runs as an unprivileged user when the tests run as root (root ignores
 * permission bits).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import type { Logger } from "../../src/library/log.ts";
import { verifyLibrary } from "../../src/library/store/verify.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";
import { recordingLogger } from "../helpers/recording-logger.ts";
import { REPO_ROOT, tempDir } from "../helpers/temp.ts";

/** The unprivileged user the read-only case runs as under root (Debian's "nobody"). */
const NOBODY = 65534;

function nobodyCanRead(dir: string): boolean {
  const probe = spawnSync(
    process.execPath,
    ["-e", `require("fs").accessSync(${JSON.stringify(path.join(dir, "package.json"))})`],
    { uid: NOBODY, gid: NOBODY },
  );
  return probe.status === 0;
}

type Operation = "open" | "mkdir" | "rename" | "writeFile";
type Fault = { code: "ENOSPC" | "EACCES" | "EROFS" | "EDQUOT"; operation: Operation; path: RegExp };

const messages: Record<Fault["code"], RegExp> = {
  ENOSPC: /disk is full/,
  EDQUOT: /quota/,
  EACCES: /permission denied/,
  EROFS: /read-only/,
};

const originals = { open: fs.open, mkdir: fs.mkdir, rename: fs.rename, writeFile: fs.writeFile };

/** Makes `operation` on paths matching `path` fail with `code` (writes only: opens for reading pass). */
function inject(fault: Fault): void {
  const patched = fs as unknown as Record<Operation, (...args: unknown[]) => unknown>;
  const original = originals[fault.operation] as (...args: unknown[]) => unknown;
  patched[fault.operation] = (...args: unknown[]) => {
    const target = String(args[fault.operation === "rename" ? 1 : 0]);
    const writing = fault.operation !== "open" || /[wa+]/.test(String(args[1] ?? "r"));
    if (writing && fault.path.test(target)) {
      return Promise.reject(
        Object.assign(new Error(`${fault.code}: injected, ${fault.operation} '${target}'`), {
          code: fault.code,
          syscall: fault.operation,
          path: target,
        }),
      );
    }
    return original.apply(fs, args);
  };
}

function heal(): void {
  Object.assign(fs, originals);
}

afterEach(heal);

const story = (n: number) => ({
  input: {
    kind: "text" as const,
    text: `Story ${n}\n\nThe council met on day ${n}.\n\nIt voted on item ${n * 3}.`,
  },
  addedBy: "tester",
});

async function snapshot(dataDir: string) {
  const manifest = await fs.readFile(path.join(dataDir, "scopes", "local", "manifest.json"), "utf8");
  const report = await verifyLibrary(dataDir);
  return { manifest, ok: report.ok, problems: report.scopes.flatMap((s) => s.problems) };
}

async function openLibrary(dataDir: string, fingerprint = "hash-v1", logger?: Logger) {
  return Library.open({
    dataDir,
    samples: false,
    loadEmbedder: async () => hashEmbedder(fingerprint),
    ...(logger ? { logger } : {}),
  });
}

/** Every write step of an add: segment files, the staging and segments folders, the rename, the manifest. */
const addFaults: Omit<Fault, "code">[] = [
  { operation: "mkdir", path: /staging/ },
  { operation: "open", path: /staging.*article\.json$/ },
  { operation: "open", path: /staging.*vectors\.bin$/ },
  { operation: "open", path: /staging.*index\.json$/ },
  { operation: "rename", path: /segments/ },
  { operation: "open", path: /manifest\.json\..*\.tmp$/ },
  { operation: "rename", path: /manifest\.json$/ },
];

describe("storage faults during writes", () => {
  for (const code of ["ENOSPC", "EACCES", "EROFS", "EDQUOT"] as const) {
    it(`GIVEN ${code} at any step of an add THEN a STORAGE error says so and the library is unchanged`, async () => {
      const dataDir = await tempDir();
      const library = await openLibrary(dataDir);
      await library.add("local", story(1));
      await library.add("local", story(2));
      const before = await snapshot(dataDir);
      for (const [i, fault] of addFaults.entries()) {
        inject({ ...fault, code });
        const attempt = library.add("local", story(100 + i));
        await expect(attempt, `${fault.operation} ${fault.path}`).rejects.toMatchObject({
          name: "UserError",
          code: "STORAGE",
          message: expect.stringMatching(messages[code]),
        });
        heal();
        expect(await snapshot(dataDir), `${fault.operation} ${fault.path}`).toEqual(before);
        const reopened = await openLibrary(dataDir);
        expect((await reopened.list("local")).map((a) => a.title)).toEqual(["Story 1", "Story 2"]);
      }
      // Once the fault is gone, the same library takes writes again and stays whole.
      await library.add("local", story(3));
      expect((await library.list("local")).map((a) => a.title)).toEqual(["Story 1", "Story 2", "Story 3"]);
      expect((await verifyLibrary(dataDir)).ok).toBe(true);
      expect(await fs.readdir(path.join(dataDir, "scopes", "local", "staging")).catch(() => [])).toEqual([]);
    });
  }

  it("GIVEN a read-only filesystem during a remove THEN the article stays, whole", async () => {
    const dataDir = await tempDir();
    const library = await openLibrary(dataDir);
    const kept = await library.add("local", story(1));
    const before = await snapshot(dataDir);
    inject({ code: "EROFS", operation: "open", path: /manifest\.json/ });
    await expect(library.remove("local", kept.articleId)).rejects.toMatchObject({
      code: "STORAGE",
      message: expect.stringMatching(/read-only/),
    });
    heal();
    expect(await snapshot(dataDir)).toEqual(before);
    expect((await library.list("local")).map((a) => a.articleId)).toEqual([kept.articleId]);
    expect((await library.ask("local", "council voted")).results[0]?.articleId).toBe(kept.articleId);
  });

  it("GIVEN the disk fills during a model re-embedding THEN the old library stays intact and answers", async () => {
    const dataDir = await tempDir();
    const v1 = await openLibrary(dataDir, "model-one");
    for (let n = 0; n < 4; n++) await v1.add("local", story(n));
    const before = await snapshot(dataDir);
    inject({ code: "ENOSPC", operation: "open", path: /staging.*vectors\.bin$/ });
    const v2 = await openLibrary(dataDir, "model-two");
    await expect(v2.ask("local", "council")).rejects.toMatchObject({
      code: "STORAGE",
      message: expect.stringMatching(/disk is full/),
    });
    heal();
    expect(await snapshot(dataDir)).toEqual(before);
    const again = await openLibrary(dataDir, "model-one");
    expect(await again.list("local")).toHaveLength(4);
    // And the re-embedding succeeds once there is room.
    const v2b = await openLibrary(dataDir, "model-two");
    expect((await v2b.ask("local", "council")).results.length).toBeGreaterThan(0);
    expect((await verifyLibrary(dataDir)).ok).toBe(true);
  });

  it("GIVEN the caches (pack, keyword snapshot) cannot be written THEN adds still succeed and the next start is correct", async () => {
    const dataDir = await tempDir();
    const { logger, warnings } = recordingLogger();
    const library = await openLibrary(dataDir, "hash-v1", logger);
    await library.add("local", story(1));
    inject({ code: "ENOSPC", operation: "open", path: /(pack\.bin|keywords\.json)\..*\.tmp$/ });
    await library.add("local", story(2));
    await library.close(); // the caches are saved at close at the latest (at most once a second before)
    heal();
    expect(warnings.map((w) => w.message).join("\n")).toMatch(/caches/);
    const reopened = await openLibrary(dataDir);
    expect((await reopened.list("local")).map((a) => a.title)).toEqual(["Story 1", "Story 2"]);
    expect((await reopened.ask("local", "day 2 council")).results[0]?.title).toBe("Story 2");
    expect((await verifyLibrary(dataDir)).ok).toBe(true);
  });

  it("GIVEN a data folder the process may not write THEN adds fail with STORAGE and nothing changes", async () => {
    // Root ignores permission bits, and CI runs as root. So under root the case runs in a child
    // process started as "nobody"; where nobody cannot read this checkout (a clone in a private
    // folder), the folder is made immutable instead (chattr +i binds root too).
    const dataDir = await tempDir();
    const root = process.getuid?.() === 0;
    const mode = !root ? "self" : nobodyCanRead(REPO_ROOT) ? "nobody" : "immutable";
    if (mode === "immutable") {
      const library = await openLibrary(dataDir);
      await library.add("local", story(1));
      const before = await snapshot(dataDir);
      const scope = path.join(dataDir, "scopes", "local");
      execFileSync("chattr", ["+i", scope]);
      try {
        await expect(library.add("local", story(2))).rejects.toMatchObject({ code: "STORAGE" });
      } finally {
        execFileSync("chattr", ["-i", scope]);
      }
      expect(await snapshot(dataDir)).toEqual(before);
      return;
    }
    if (mode === "nobody") await fs.chown(dataDir, NOBODY, NOBODY);
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "fixtures", "read-only-child.ts"), dataDir],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { ...process.env, HOME: dataDir },
        ...(mode === "nobody" ? { uid: NOBODY, gid: NOBODY } : {}),
      },
    );
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!);
    expect(result).toMatchObject({ code: "STORAGE", unchanged: true });
    expect(result.uid).not.toBe(0);
  }, 60_000);

  // A read-only or full disk while taking the write lock is the operator's to fix: a STORAGE UserError.
  it("GIVEN the write lock cannot be created (read-only disk) THEN the add fails with a STORAGE UserError", async () => {
    const dataDir = await tempDir();
    const library = await openLibrary(dataDir);
    await library.add("local", story(1));
    inject({ code: "EROFS", operation: "writeFile", path: /write\.lock$/ });
    await expect(library.add("local", story(2))).rejects.toMatchObject({
      name: "UserError",
      code: "STORAGE",
    });
  });
});
