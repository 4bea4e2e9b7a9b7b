import { describe, expect, it } from 'vitest';
import { barLayout, fitText, rowHeight } from './bar-layout';

/** A monospace measure: 7 px a character. */
const measure = (s: string) => s.length * 7;

describe('bar layout', () => {
  it('cuts long labels with an ellipsis', () => {
    expect(fitText('Piano', 100, measure)).toBe('Piano');
    expect(fitText('Acoustic Grand Piano', 70, measure)).toBe('Acoustic…');
    expect(fitText('Acoustic', 5, measure)).toBe('…');
  });

  it('scales the bars to the longest row and stacks segments', () => {
    const layout = barLayout(
      [
        { label: 'A', segments: [{ value: 2, color: 'g', label: 'kept' }, { value: 2, color: 'r', label: 'discarded' }], text: '50%' },
        { label: 'Bee', segments: [{ value: 1, color: 'g', label: 'kept' }, { value: 0, color: 'r', label: 'discarded' }], text: '100%' },
      ],
      400,
      measure,
    );
    expect(layout.labelWidth).toBe(21);
    expect(layout.barX).toBe(31);
    expect(layout.barWidth).toBe(400 - 31 - 10 - 28);
    const [a, b] = layout.rows;
    expect(a?.segments).toHaveLength(2);
    expect(a?.segments[1]?.x).toBeCloseTo(31 + layout.barWidth / 2);
    expect((a?.segments[0]?.width ?? 0) + (a?.segments[1]?.width ?? 0)).toBeCloseTo(layout.barWidth);
    expect(b?.segments).toHaveLength(1);
    expect(b?.segments[0]?.width).toBeCloseTo(layout.barWidth / 4);
    expect(b?.y).toBe((a?.y ?? 0) + rowHeight);
    expect(layout.height).toBe(12 + 2 * rowHeight);
  });
});
