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
