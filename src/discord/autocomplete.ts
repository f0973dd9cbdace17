import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from "discord.js";
import { LIMITS, truncate } from "./limits.ts";

/**
 * Autocomplete must answer within 3 s and cannot defer. Suggestions come from in-memory manifests and
 * quote records, normally in milliseconds; if a cold store is slow anyway, answer with nothing at
 * 2 s rather than let Discord show "loading options failed".
 */
export const AUTOCOMPLETE_DEADLINE_MS = 2000;

export async function respondWithin(
  interaction: AutocompleteInteraction,
  choices: Promise<ApplicationCommandOptionChoiceData<string>[]>,
): Promise<void> {
  // Once the deadline has answered, a late failure must not surface as an unhandled rejection.
  choices.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ApplicationCommandOptionChoiceData<string>[]>((resolve) => {
    timer = setTimeout(() => resolve([]), AUTOCOMPLETE_DEADLINE_MS);
  });
  try {
    const result = await Promise.race([choices, late]);
    await interaction.respond(fitChoices(result));
  } finally {
    clearTimeout(timer);
  }
}

/** At most 25 choices, names and values within 100 characters (a longer value can't be sent back). */
export function fitChoices(
  choices: ApplicationCommandOptionChoiceData<string>[],
): ApplicationCommandOptionChoiceData<string>[] {
  return choices
    .filter((choice) => choice.value.length > 0 && choice.value.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((choice) => ({
      name: truncate(choice.name, LIMITS.choiceName) || choice.value,
      value: choice.value,
    }));
}
