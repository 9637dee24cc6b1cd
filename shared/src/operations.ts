/**
 * Image operations the hub runs. `name` is the canonical id used in the v1 API, usage logs and
 * tasks; `aliases` are the seed contract's endpoint names (e.g. the WordPress plugin's `rm-bg`).
 */
export const OPERATIONS = {
  process: { heavy: false, aliases: ['fit'], title: 'Fit to size / marketplace preset' },
  compliance: { heavy: false, aliases: [], title: 'Marketplace compliance check' },
  'remove-background': { heavy: true, aliases: ['rm-bg'], title: 'Background removal' },
  upscale: { heavy: true, aliases: [], title: 'Upscale' },
  'backgrounds-generate': { heavy: true, aliases: ['backgrounds/generate'], title: 'Generated background' },
  'relight-shadow': { heavy: true, aliases: ['relight/shadow', 'shadow'], title: 'Shadows and relight' },
  ocr: { heavy: true, aliases: [], title: 'OCR text extraction' },
  gif: { heavy: false, aliases: ['gif-maker'], title: 'GIF maker (frames to animated GIF)' },
  'gif-from-video': { heavy: true, aliases: [], title: 'GIF from video' },
} as const;

export type OperationName = keyof typeof OPERATIONS;
export const operationNames = Object.keys(OPERATIONS) as [OperationName, ...OperationName[]];

/** Resolves a canonical name or a seed alias (`rm-bg`, `gif-maker`) to the canonical name. */
export function resolveOperation(nameOrAlias: string): OperationName | undefined {
  if (Object.hasOwn(OPERATIONS, nameOrAlias)) return nameOrAlias as OperationName;
  for (const name of operationNames) {
    if ((OPERATIONS[name].aliases as readonly string[]).includes(nameOrAlias)) return name;
  }
  return undefined;
}

/** Every accepted spelling: canonical names first, then aliases. */
export const operationSpellings: string[] = [
  ...operationNames,
  ...operationNames.flatMap((name) => [...OPERATIONS[name].aliases]),
];
