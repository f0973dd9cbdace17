/**
 * What a shard process tells its ShardingManager (over the IPC channel) when it cannot start, so the
 * manager can stop with that reason instead of discord.js's "disconnected before becoming ready".
 */
export interface ShardStartupFailure {
  message: string;
  /** A ConfigError: a setting to fix (printed without a stack, exit 2). */
  config: boolean;
}

export function isStartupFailure(value: unknown): value is { bylineStartupFailure: ShardStartupFailure } {
  const failure = (value as { bylineStartupFailure?: Partial<ShardStartupFailure> } | null)
    ?.bylineStartupFailure;
  return typeof failure?.message === "string" && typeof failure.config === "boolean";
}

/** Sends the failure to the manager (when there is one) and resolves once it is on its way. */
export function reportStartupFailure(failure: ShardStartupFailure): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      resolve();
      return;
    }
    process.send({ bylineStartupFailure: failure }, () => resolve());
  });
}
