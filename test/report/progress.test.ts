// The simulate() progress bar: formatting, and never shown under tests or without a TTY.
import { describe, it, expect, vi } from 'vitest';
import { formatProgress, startProgress } from '../../src/runtime/progress.js';
import { Network, Neuron, setup, clear } from '../../src/index.js';

describe('progress bar', () => {
  it('formats steps, simulated time and the real-time factor', () => {
    const line = formatProgress(500, 1000, 0.1, 25, 10);
    expect(line).toContain('[#####-----]');
    expect(line).toContain(' 50%');
    expect(line).toContain('step 500/1000');
    expect(line).toContain('50.0 ms simulated');
    expect(line).toContain('2.00× real time');
  });

  it('is never started under tests, even with a TTY', () => {
    const stderr = process.stderr as { isTTY?: boolean };
    const was = stderr.isTTY;
    stderr.isTTY = true;
    try {
      expect(startProgress(1000, 0.1)).toBeUndefined();
    } finally {
      stderr.isTTY = was;
    }
  });

  it('draws on a TTY outside tests after a second, and simulate() writes nothing here', async () => {
    const stderr = process.stderr as { isTTY?: boolean };
    const was = stderr.isTTY;
    const env = { VITEST: process.env.VITEST, NODE_ENV: process.env.NODE_ENV, CI: process.env.CI };
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const now = vi.spyOn(performance, 'now');
    try {
      stderr.isTTY = true;
      delete process.env.VITEST; delete process.env.NODE_ENV; delete process.env.CI;
      now.mockReturnValue(0);
      const bar = startProgress(100, 1)!;
      expect(bar).toBeDefined();
      bar.update(10); // before 1 s: nothing
      expect(write).not.toHaveBeenCalled();
      now.mockReturnValue(2000);
      bar.update(100);
      bar.finish();
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toContain('step 100/100');
    } finally {
      Object.assign(process.env, Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)));
      stderr.isTTY = was;
      write.mockRestore();
      now.mockRestore();
    }
  });

  it('setup({ progress: false }) switches it off, also after compile', async () => {
    clear();
    const net = new Network({ progress: false });
    expect(net.progress).toBe(false);
    net.create(3, new Neuron({ equations: 'r = 1' }));
    await net.compile();
    net.config({ progress: true });
    expect(net.progress).toBe(true);
    await net.simulate(10);
    setup({ progress: false });
  });
});
