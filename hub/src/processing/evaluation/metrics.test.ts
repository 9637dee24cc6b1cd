import { describe, expect, it } from '@jest/globals';
import { renderGroundTruth } from './ground-truth.js';
import { scoreCutout } from './metrics.js';
import { groundTruthEntries } from './photo-set.js';

const toAlpha = (mask: Uint8Array) => Uint8Array.from(mask, (value) => (value ? 255 : 0));

describe('cut-out metrics and hand-traced ground truth', () => {
  it('renders polygons and ellipses at pixel centres, with cuts applied in order', () => {
    const square = renderGroundTruth({ width: 10, height: 10, shapes: [{ polygon: [[2, 2], [8, 2], [8, 8], [2, 8]] }] });
    expect(square.reduce((sum, value) => sum + value, 0)).toBe(36);
    const ring = renderGroundTruth({ width: 41, height: 41, shapes: [{ ellipse: [20.5, 20.5, 20, 20] }, { op: 'cut', ellipse: [20.5, 20.5, 10, 10] }] });
    const area = ring.reduce((sum, value) => sum + value, 0);
    expect(area).toBeGreaterThan(Math.PI * (400 - 100) * 0.97);
    expect(area).toBeLessThan(Math.PI * (400 - 100) * 1.03);
    expect(ring[20 * 41 + 20]).toBe(0);
  });

  it('scores a perfect cut-out 1 and measures what is lost and kept', () => {
    const truth = renderGroundTruth({ width: 100, height: 80, shapes: [{ polygon: [[20, 20], [80, 20], [80, 60], [20, 60]] }] });
    expect(scoreCutout(toAlpha(truth), truth, 100, 80)).toEqual({ iou: 1, subjectLost: 0, backgroundKept: 0, boundaryF: 1 });
    const half = renderGroundTruth({ width: 100, height: 80, shapes: [{ polygon: [[20, 20], [50, 20], [50, 60], [20, 60]] }] });
    const scores = scoreCutout(toAlpha(half), truth, 100, 80);
    expect(scores.iou).toBeCloseTo(0.5, 5);
    expect(scores.subjectLost).toBeCloseTo(0.5, 5);
    expect(scores.backgroundKept).toBe(0);
    expect(scores.boundaryF).toBeLessThan(0.8);
    const everything = scoreCutout(new Uint8Array(8000).fill(255), truth, 100, 80);
    expect(everything.backgroundKept).toBe(1);
    // An outline 1 px off still matches within the tolerance; 10 px off does not.
    const shifted = renderGroundTruth({ width: 100, height: 80, shapes: [{ polygon: [[21, 21], [81, 21], [81, 61], [21, 61]] }] });
    expect(scoreCutout(toAlpha(shifted), truth, 100, 80).boundaryF).toBe(1);
    const far = renderGroundTruth({ width: 100, height: 80, shapes: [{ polygon: [[30, 30], [90, 30], [90, 70], [30, 70]] }] });
    expect(scoreCutout(toAlpha(far), truth, 100, 80).boundaryF).toBeLessThan(0.2);
  });

  it('has at least 12 traced photos covering every kind of background, each shape inside its photo', () => {
    const entries = groundTruthEntries();
    expect(entries.length).toBeGreaterThanOrEqual(12);
    expect(new Set(entries.map((entry) => entry.background))).toEqual(new Set(['white', 'grey', 'colour', 'textured', 'busy']));
    for (const entry of entries) {
      expect(entry.width * entry.height).toBeLessThanOrEqual(1_000_000);
      const mask = renderGroundTruth(entry);
      const share = mask.reduce((sum, value) => sum + value, 0) / mask.length;
      expect(share).toBeGreaterThan(0.02);
      expect(share).toBeLessThan(0.98);
      expect(entry.holes.length).toBeGreaterThan(3);
    }
  });
});
