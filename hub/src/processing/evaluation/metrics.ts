/**
 * Cut-out quality against a ground-truth mask. `alpha` is the engine's alpha (0–255, subject at
 * ≥ 128), `truth` 1 = subject, 0 = background, both width × height.
 */
export interface CutoutScores {
  /** Intersection over union of subject pixels. */
  iou: number;
  /** Share of the true subject's pixels that came out transparent. */
  subjectLost: number;
  /** Share of the true background's pixels that stayed opaque. */
  backgroundKept: number;
  /** F-score of boundary pixels matched within `tolerance` pixels (precision and recall of the outline). */
  boundaryF: number;
}

/** Pixels of `mask` on its outline (a set pixel with an unset 4-neighbour or on the image edge). */
function outline(mask: Uint8Array, width: number, height: number): Uint8Array {
  const edge = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      if (!mask[index]) continue;
      const interior =
        x > 0 && x < width - 1 && y > 0 && y < height - 1 && mask[index - 1] && mask[index + 1] && mask[index - width] && mask[index + width];
      if (!interior) edge[index] = 1;
    }
  }
  return edge;
}

/** Chessboard distance to the nearest set pixel, capped at `cap` (two-pass chamfer). */
function distanceTo(set: Uint8Array, width: number, height: number, cap: number): Uint8Array {
  const distance = new Uint8Array(set.length).fill(cap);
  for (let index = 0; index < set.length; index++) if (set[index]) distance[index] = 0;
  const relax = (index: number, other: number) => {
    const candidate = distance[other]! + 1;
    if (candidate < distance[index]!) distance[index] = candidate;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      if (x > 0) relax(index, index - 1);
      if (y > 0) {
        relax(index, index - width);
        if (x > 0) relax(index, index - width - 1);
        if (x < width - 1) relax(index, index - width + 1);
      }
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const index = y * width + x;
      if (x < width - 1) relax(index, index + 1);
      if (y < height - 1) {
        relax(index, index + width);
        if (x < width - 1) relax(index, index + width + 1);
        if (x > 0) relax(index, index + width - 1);
      }
    }
  }
  return distance;
}

/** Boundary F-score: outline pixels of each mask within `tolerance` px of the other's outline. */
function boundaryFScore(predicted: Uint8Array, truth: Uint8Array, width: number, height: number, tolerance: number): number {
  const predictedEdge = outline(predicted, width, height);
  const truthEdge = outline(truth, width, height);
  const toTruth = distanceTo(truthEdge, width, height, tolerance + 1);
  const toPredicted = distanceTo(predictedEdge, width, height, tolerance + 1);
  let predictedCount = 0;
  let predictedHit = 0;
  let truthCount = 0;
  let truthHit = 0;
  for (let index = 0; index < predicted.length; index++) {
    if (predictedEdge[index]) {
      predictedCount++;
      if (toTruth[index]! <= tolerance) predictedHit++;
    }
    if (truthEdge[index]) {
      truthCount++;
      if (toPredicted[index]! <= tolerance) truthHit++;
    }
  }
  if (predictedCount === 0 || truthCount === 0) return predictedCount === truthCount ? 1 : 0;
  const precision = predictedHit / predictedCount;
  const recall = truthHit / truthCount;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Scores one cut-out. The boundary tolerance defaults to 0.75 % of the image diagonal (≥ 2 px), the
 * usual choice for salient-object boundary F-scores; hand-traced truth is itself ±2–3 px.
 */
export function scoreCutout(alpha: Uint8Array, truth: Uint8Array, width: number, height: number, tolerance?: number): CutoutScores {
  if (alpha.length !== truth.length || truth.length !== width * height) throw new Error('scoreCutout: mask sizes differ');
  const predicted = new Uint8Array(alpha.length);
  let intersection = 0;
  let union = 0;
  let subject = 0;
  let lost = 0;
  let background = 0;
  let kept = 0;
  for (let index = 0; index < alpha.length; index++) {
    const isSubject = alpha[index]! >= 128;
    predicted[index] = isSubject ? 1 : 0;
    const actual = truth[index] === 1;
    if (isSubject && actual) intersection++;
    if (isSubject || actual) union++;
    if (actual) {
      subject++;
      if (!isSubject) lost++;
    } else {
      background++;
      if (isSubject) kept++;
    }
  }
  const boundaryTolerance = tolerance ?? Math.max(2, Math.round(0.0075 * Math.hypot(width, height)));
  return {
    iou: union === 0 ? 1 : intersection / union,
    subjectLost: subject === 0 ? 0 : lost / subject,
    backgroundKept: background === 0 ? 0 : kept / background,
    boundaryF: boundaryFScore(predicted, truth, width, height, boundaryTolerance),
  };
}
