import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.ts";

/**
 * Writes a file so that readers (and a process killed mid-write) see either the old content or the
 * new, never a mix: write a temp file beside it, fsync it, rename over the target, fsync the folder.
 */
export async function writeFileAtomic(file: string, data: FileData): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeAndSync(temp, data);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw storageError(`Could not write ${file}`, error);
  }
  await syncDir(path.dirname(file));
}

/** A file's content: text, bytes, or byte runs written one after another (produced lazily if need be). */
export type FileData = string | Uint8Array | Iterable<Uint8Array>;

/** Writes and fsyncs one file (not atomic on its own: used inside a folder that is renamed into place). */
export async function writeAndSync(file: string, data: FileData, sync = true): Promise<void> {
  const handle = await fs.open(file, "w");
  try {
    if (typeof data === "string" || data instanceof Uint8Array) await handle.writeFile(data);
    else for (const part of data) await handle.writeFile(part);
    if (sync) await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename or create inside `dir` durable. Some filesystems refuse fsync on folders: harmless. */
export async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch {
    // EISDIR/EINVAL/EPERM on platforms without directory fsync; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}

export async function readJsonFile<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${text.length} bytes)`, { cause: error });
  }
}

/**
 * Disk full, permissions and read-only filesystems are things an operator can fix: report them as
 * UserErrors that say so. Anything else stays a bug, with the original as cause.
 */
export function storageError(what: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const hint: Record<string, string> = {
    ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is exceeded",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "the filesystem is read-only",
    EMFILE: "too many open files",
  };
  if (code && hint[code]) {
    return new UserError(
      "STORAGE",
      `${what}: ${hint[code]} (${code}). Nothing was changed; free space or fix permissions and try again.`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof UserError) return error;
  return new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
