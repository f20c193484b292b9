import { describe, expect, it } from 'vitest';
import { coordinatesFromRank, normalizedCoordinates, rankFromCoordinates, squaredDistance } from '../../src/connectors/index.js';
import { NetworkError } from '../../src/errors.js';

describe('coordinate helpers (A17, C order)', () => {
  it('(3,3): rank 2 is (0,2), rank 6 is (2,0), and back', () => {
    expect(coordinatesFromRank([3, 3], 2)).toEqual([0, 2]);
    expect(coordinatesFromRank([3, 3], 6)).toEqual([2, 0]);
    expect(rankFromCoordinates([3, 3], [2, 0])).toBe(6);
    expect(rankFromCoordinates([3, 3], [0, 2])).toBe(2);
  });

  it('(8,8): column 4 and row 2 ranks, neuron (2,4) is 20', () => {
    expect(Array.from({ length: 8 }, (_, x) => rankFromCoordinates([8, 8], [x, 4]))).toEqual([4, 12, 20, 28, 36, 44, 52, 60]);
    expect(Array.from({ length: 8 }, (_, y) => rankFromCoordinates([8, 8], [2, y]))).toEqual([16, 17, 18, 19, 20, 21, 22, 23]);
    expect(rankFromCoordinates([8, 8], [2, 4])).toBe(20);
  });

  it('round-trips every rank of a 3-D geometry', () => {
    const g = [2, 3, 4];
    for (let r = 0; r < 24; r++) expect(rankFromCoordinates(g, coordinatesFromRank(g, r))).toBe(r);
    expect(coordinatesFromRank(g, 23)).toEqual([1, 2, 3]);
    expect(coordinatesFromRank([5], 3)).toEqual([3]);
  });

  it('normalises to [0,1]^d with coord/(dim-1), 0 for a dimension of size 1', () => {
    expect(normalizedCoordinates([3, 5], rankFromCoordinates([3, 5], [1, 4]))).toEqual([0.5, 1]);
    expect(normalizedCoordinates([1, 5], 2)).toEqual([0, 0.5]);
    expect(normalizedCoordinates([3, 3], 8, 2)).toEqual([2, 2]);
    expect(squaredDistance([0, 0.5], [1, 0])).toBeCloseTo(1.25);
  });

  it('rejects out-of-range ranks and coordinates', () => {
    expect(() => coordinatesFromRank([3, 3], 9)).toThrow(NetworkError);
    expect(() => coordinatesFromRank([3, 3], -1)).toThrow(/out of range/);
    expect(() => rankFromCoordinates([3, 3], [3, 0])).toThrow(/out of range/);
    expect(() => rankFromCoordinates([3, 3], [1])).toThrow(/dimension/);
  });
});
