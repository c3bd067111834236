/** Dense vectors and the few matrix operations whitening needs; matrices are row-major Float64Arrays. */

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index] * b[index];
  return sum;
}

export function normalize(vector: Float64Array): Float64Array {
  const norm = Math.sqrt(dot(vector, vector));
  if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index] /= norm;
  return vector;
}

/**
 * Cholesky factor L (lower triangular, L·Lᵀ = matrix) of a symmetric positive-definite matrix, in place: the upper
 * triangle is zeroed. Throws if the matrix is not positive definite, which shrinkage towards the identity rules out.
 */
export function choleskyInPlace(matrix: Float64Array, size: number): Float64Array {
  for (let column = 0; column < size; column++) {
    const columnRow = column * size;
    let diagonal = matrix[columnRow + column];
    for (let k = 0; k < column; k++) diagonal -= matrix[columnRow + k] * matrix[columnRow + k];
    if (!(diagonal > 0)) throw new Error('matrix is not positive definite');
    const pivot = Math.sqrt(diagonal);
    matrix[columnRow + column] = pivot;
    for (let row = column + 1; row < size; row++) {
      const rowStart = row * size;
      let value = matrix[rowStart + column];
      for (let k = 0; k < column; k++) value -= matrix[rowStart + k] * matrix[columnRow + k];
      matrix[rowStart + column] = value / pivot;
    }
    for (let k = column + 1; k < size; k++) matrix[columnRow + k] = 0;
  }
  return matrix;
}

/** Solves L·x = b for lower-triangular L, writing x into `into`. */
export function forwardSubstitute(lower: Float64Array, size: number, b: ArrayLike<number>, into: Float64Array): Float64Array {
  for (let row = 0; row < size; row++) {
    const rowStart = row * size;
    let value = b[row];
    for (let k = 0; k < row; k++) value -= lower[rowStart + k] * into[k];
    into[row] = value / lower[rowStart + row];
  }
  return into;
}
