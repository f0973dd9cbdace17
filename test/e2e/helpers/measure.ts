import type { SentBody, SentComponent } from "../../discord/helpers/discord-stub.ts";

/** Every button in a message body's action rows. */
export function buttons(body: SentBody): SentComponent[] {
  return (body.components ?? []).flatMap((row) => row.components ?? []);
}

export function buttonLabelled(body: SentBody, label: string | RegExp): SentComponent {
  const found = buttons(body).find((b) =>
    typeof label === "string" ? b.label === label : label.test(b.label ?? ""),
  );
  if (!found) throw new Error(`no button labelled ${label} in ${JSON.stringify(body.components)}`);
  return found;
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const ms = (value: number) => Math.round(value);
