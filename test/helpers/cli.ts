import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "./temp.ts";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI exactly as users and the automated checks do (`npm run --silent cli -- …`). */
export function cli(
  args: string[],
  options: { stdin?: string; npm?: boolean; env?: Record<string, string> } = {},
): Promise<Run> {
  const command = options.npm ? "npm" : process.execPath;
  const argv = options.npm
    ? ["run", "--silent", "cli", "--", ...args]
    : ["--import", "tsx", path.join(REPO_ROOT, "src", "cli", "main.ts"), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      cwd: REPO_ROOT,
      env: { ...process.env, EMBEDDING_MODEL: "all-MiniLM-L6-v2", LOG_LEVEL: "warn", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

export const jsonLines = (text: string) =>
  text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
