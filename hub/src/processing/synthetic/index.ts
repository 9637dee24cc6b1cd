export { generateProductShot, maskIoU, STUDIO_BACKDROPS, type BackdropKind, type SyntheticShot } from './product-shot.js';
export { seededRandom } from './random.js';
