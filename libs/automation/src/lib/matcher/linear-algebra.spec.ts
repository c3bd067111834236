import { choleskyInPlace, forwardSubstitute } from './linear-algebra';

describe('linear algebra', () => {
  it('factors a positive-definite matrix into L·Lᵀ and solves with L', () => {
    const matrix = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3];
    const lower = choleskyInPlace(Float64Array.from(matrix), 3);
    for (let row = 0; row < 3; row++) {
      for (let column = 0; column < 3; column++) {
        let product = 0;
        for (let k = 0; k < 3; k++) product += lower[row * 3 + k] * lower[column * 3 + k];
        expect(product).toBeCloseTo(matrix[row * 3 + column], 10);
      }
    }
    const solution = forwardSubstitute(lower, 3, [2, 1, 3], new Float64Array(3));
    const recomputed = [0, 1, 2].map((row) => [0, 1, 2].reduce((sum, k) => sum + lower[row * 3 + k] * solution[k], 0));
    expect(recomputed.map((value) => Number(value.toFixed(10)))).toEqual([2, 1, 3]);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toThrow('not positive definite');
  });
});
