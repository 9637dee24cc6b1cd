/**
 * Binary-mask helpers on Uint8Array masks (1 = set). 4-connectivity throughout, iterative so a
 * 4-megapixel mask needs no recursion.
 */

/** Labels the connected regions of `mask`; returns a label per pixel (0 = unset) and region sizes. */
export function labelRegions(mask: Uint8Array, width: number) {
  const labels = new Int32Array(mask.length);
  const sizes: number[] = [0];
  const stack = new Int32Array(mask.length);
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = sizes.length;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    const visit = (next: number) => {
      if (mask[next] && !labels[next]) {
        labels[next] = label;
        stack[top++] = next;
      }
    };
    while (top > 0) {
      const index = stack[--top]!;
      size++;
      const x = index % width;
      if (x > 0) visit(index - 1);
      if (x < width - 1) visit(index + 1);
      if (index >= width) visit(index - width);
      if (index + width < mask.length) visit(index + width);
    }
    sizes.push(size);
  }
  return { labels, sizes };
}

/** Clears set regions smaller than `minSize` pixels. */
export function removeSmallRegions(mask: Uint8Array, width: number, minSize: number): void {
  const { labels, sizes } = labelRegions(mask, width);
  for (let index = 0; index < mask.length; index++) {
    if (mask[index] && sizes[labels[index]!]! < minSize) mask[index] = 0;
  }
}

/** Box erosion (shrink) or dilation (grow) by `radius`, separable: two passes of a running count. */
function boxMorph(mask: Uint8Array, width: number, height: number, radius: number, grow: boolean): Uint8Array {
  const pass = (source: Uint8Array, along: 'x' | 'y') => {
    const out = new Uint8Array(source.length);
    const lines = along === 'x' ? height : width;
    const length = along === 'x' ? width : height;
    const step = along === 'x' ? 1 : width;
    for (let line = 0; line < lines; line++) {
      const base = along === 'x' ? line * width : line;
      let count = 0;
      for (let i = 0; i < Math.min(radius, length); i++) count += source[base + i * step]!;
      for (let i = 0; i < length; i++) {
        const enter = i + radius;
        const leave = i - radius - 1;
        if (enter < length) count += source[base + enter * step]!;
        if (leave >= 0) count -= source[base + leave * step]!;
        const window = Math.min(length - 1, i + radius) - Math.max(0, i - radius) + 1;
        out[base + i * step] = grow ? (count > 0 ? 1 : 0) : count === window ? 1 : 0;
      }
    }
    return out;
  };
  return pass(pass(mask, 'x'), 'y');
}

/** Opening: removes specks and hair-thin spurs narrower than 2·radius+1 without shrinking the rest. */
export function open(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return boxMorph(boxMorph(mask, width, height, radius, false), width, height, radius, true);
}

/** Dilation: grows set regions by `radius` (box neighbourhood). */
export function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return boxMorph(mask, width, height, radius, true);
}
