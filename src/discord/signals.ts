/**
 * The first SIGINT/SIGTERM. Later ones are ignored rather than left to kill the process mid-shutdown:
 * Ctrl-C reaches every shard and then the manager passes a SIGTERM on; run.ts still bounds
 * how long shutdown can take.
 */
export function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const on = (signal: NodeJS.Signals) => {
      if (received) return;
      received = true;
      resolve(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}
