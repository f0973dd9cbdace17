import cliProgress from "cli-progress";
import type { DownloadProgress, ProgressEvent } from "../library/library.ts";

export interface ProgressReporter {
  download?: (progress: DownloadProgress) => void;
  library?: (event: ProgressEvent) => void;
  stop(): void;
}

/** Progress bars on stderr for model downloads and re-embedding; nothing at all when not a TTY. */
export function createProgressReporter(enabled: boolean): ProgressReporter {
  if (!enabled) return { stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  let label = "";
  const show = (name: string, value: number, total: number, unit: string) => {
    if (label !== name) {
      bar?.stop();
      label = name;
      bar = new cliProgress.SingleBar(
        {
          format: `${name} [{bar}] {percentage}% {value}/{total} ${unit}`,
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(1, total), 0);
    }
    bar?.setTotal(Math.max(1, total));
    bar?.update(value);
  };
  return {
    download: (p) =>
      show(`Downloading ${p.file}`, Math.round(p.loaded / 1024), Math.round(p.total / 1024), "KB"),
    library: (e) =>
      show(
        e.phase === "reembed" ? `Re-embedding ${e.scope}` : "Preparing sample articles",
        e.done,
        e.total,
        "articles",
      ),
    stop: () => bar?.stop(),
  };
}
