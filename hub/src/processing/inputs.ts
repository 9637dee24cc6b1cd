import { OPERATION_INPUTS, type OperationName } from '@pixport/shared';
import { AppError } from '../errors.js';
import type { OperationInput } from './operation.js';

/** The one file of a single-input operation. */
export function singleInput(input: OperationInput): Buffer {
  const files = Array.isArray(input) ? input : [input];
  if (files.length !== 1) {
    throw new AppError('invalid_parameter', `file: this operation takes exactly one file, got ${files.length}.`, {
      errors: [{ field: 'file', message: 'exactly one file' }],
    });
  }
  return files[0]!;
}

export function inputList(input: OperationInput): Buffer[] {
  return Array.isArray(input) ? input : [input];
}

/** Files (in the operation's field order) as the engine takes them: one Buffer for single-file operations, else the list. */
export function engineInput(operation: OperationName, files: Buffer[]): OperationInput {
  const specs = OPERATION_INPUTS[operation];
  return specs.length === 1 && !specs[0]!.count ? files[0]! : files;
}
