// The BOLD examples (examples/annarchy/bold_*.ts) print what their headers say.
import { it, expect, describe } from 'vitest';
import { run as balloon } from '../../../examples/annarchy/bold_balloon.js';
import { run as twoInputs } from '../../../examples/annarchy/bold_two_inputs.js';

describe('BOLD examples', () => {
  it('bold_balloon: input 1.000 during the pulse, peak 1.720 % at 3.34 s, undershoot -0.350 % at 9.65 s after the onset', async () => {
    const s = await balloon({ T: 16000 });
    expect(s.input).toBeCloseTo(1.0, 6);
    expect(100 * s.peak).toBeCloseTo(1.720, 3);
    expect(s.peakTime).toBe(3337);
    expect(100 * s.undershoot).toBeCloseTo(-0.350, 3);
    expect(Math.round(s.undershootTime / 10) / 100).toBe(9.65);
  });

  it('bold_two_inputs (spiking, seed 1): 18.1 → 41.7 Hz, input 2.02, BOLD peak 1.558 % at 4.40 s, undershoot -1.436 % at 9.37 s', async () => {
    const s = await twoInputs({ T: 16000 });
    expect(s.rateBefore).toBeCloseTo(18.1, 1);
    expect(s.rateDuring).toBeCloseTo(41.7, 1);
    expect(s.input).toBeCloseTo(2.02, 2);
    expect(100 * s.peak).toBeCloseTo(1.558, 3);
    expect(s.peakTime / 1000).toBeCloseTo(4.40, 2);
    expect(100 * s.undershoot).toBeCloseTo(-1.436, 3);
    expect(s.undershootTime / 1000).toBeCloseTo(9.37, 2);
  }, 60000);
});
