import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { preset } from '../jest.preset.js';

export default preset(path.dirname(fileURLToPath(import.meta.url)));
