import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../helpers/temp.ts";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a process (`tsx src/cli/main.ts …`), as in cli-contract.test.ts. */
export function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(REPO_ROOT, "src", "cli", "main.ts"), ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, EMBEDDING_MODEL: "all-MiniLM-L6-v2", LOG_LEVEL: "warn" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
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
  });
}
