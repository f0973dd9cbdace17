import { readFileSync } from "node:fs";
import path from "node:path";
import { APP_ROOT } from "../paths.ts";

/** The app version from package.json, for /about. */
export function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(APP_ROOT, "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}
