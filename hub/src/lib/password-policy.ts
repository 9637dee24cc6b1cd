import zxcvbnCore from '@zxcvbn-ts/core';
import zxcvbnCommon from '@zxcvbn-ts/language-common';
import zxcvbnEnglish from '@zxcvbn-ts/language-en';

/** zxcvbn's scale: 3 = "safely unguessable: moderate protection from offline slow-hash scenario" (≥ 10^8 guesses). */
export const MIN_PASSWORD_SCORE = 3;

let estimator: InstanceType<typeof zxcvbnCore.ZxcvbnFactory> | undefined;

/**
 * Why a new password is too easy to guess, or undefined when it is not: zxcvbn-ts with its common
 * and English dictionaries (breached and frequent passwords, names, words, keyboard patterns,
 * repeats, dates) and the account's own details (email, its parts, the name) as extra words, so
 * `password12`, ten spaces and the user's email are refused. Dictionaries load on first use.
 */
export function passwordWeakness(password: string, context: readonly string[]): string | undefined {
  estimator ??= new zxcvbnCore.ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEnglish.translations,
  });
  const words = context.flatMap((value) => [value, ...value.split(/[@.+_\-\s]+/)]).filter((word) => word.length >= 3);
  const { score, feedback } = estimator.check(password, words);
  if (score >= MIN_PASSWORD_SCORE) return undefined;
  const hint = feedback.warning ?? feedback.suggestions[0] ?? 'Add more words or characters that do not follow a pattern.';
  return `is too easy to guess (${hint.replace(/\.$/, '')}); use a longer passphrase`;
}
