// ANNarchy: tests/Common/test_ITE.py
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';

describeFloat64Backends('test_ITE', (backend) => {
  it('test_works: if/else, nested if, ite() and conditionals inside ODEs after 10 steps', async () => {
    const net = new Network();
    const make = (equations: string, parameters = '') => net.create(1, new Neuron({ parameters, equations }));
    const simple = make('r = if (t is 1): 1.0 else: 0.0');
    const nested = make(`r = if (t <= 5):
                0
            else:
                if (t >= 7):
                    2
                else:
                    1`, 'state = 1.0');
    const inOde = make('dr/dt = if t > 5: 1 else: 0');
    const simple2 = make('r = ite(t is 1, 1.0, 0.0)');
    const nested2 = make('r = ite(state >= 2, 2, ite(state == 1, 1, 0))', 'state = 2.0');
    const inOde2 = make('dr/dt = ite((t > 5) and (t <20), 1, 0)');
    await net.compile(compileOptions(backend));
    await net.simulate(10);
    expect(simple.r[0]).toBe(0);
    expect(nested.r[0]).toBe(2);
    // t = 6, 7, 8, 9: four explicit Euler steps of slope 1
    expect(inOde.r[0]).toBe(4);
    expect(simple2.r[0]).toBe(0);
    expect(nested2.r[0]).toBe(2);
    expect(inOde2.r[0]).toBe(4);
  });
});
