/**
 * The little dense linear algebra the model needs: Cholesky factorisation, solves and the inverse
 * of a symmetric positive definite matrix, row-major in a Float64Array. Hand-written because the
 * npm candidates measured far too slow here (ml-matrix 6.15: 93 s for a 2,000 x 2,000 Cholesky
 * solve on the dev box; these loops over one typed array take about 2 s).
 */

/** Factors `a` (n x n, symmetric positive definite, row-major) in place into its lower Cholesky factor L. Returns false when `a` is not positive definite. */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let diagonal = a[rowJ + j];
    for (let k = 0; k < j; k++) diagonal -= a[rowJ + k] * a[rowJ + k];
    if (!(diagonal > 0)) return false;
    const ljj = Math.sqrt(diagonal);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let sum = a[rowI + j];
      for (let k = 0; k < j; k++) sum -= a[rowI + k] * a[rowJ + k];
      a[rowI + j] = sum / ljj;
    }
  }
  // Clear the upper triangle so the array is exactly L.
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = 0;
  return true;
}

/** Solves L Lᵀ x = b in place in `b`, given the Cholesky factor `l` (n x n, row-major). */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    const row = i * n;
    for (let k = 0; k < i; k++) sum -= l[row + k] * b[k];
    b[i] = sum / l[row + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * b[k];
    b[i] = sum / l[i * n + i];
  }
}

/**
 * Inverse of a symmetric positive definite matrix (n x n, row-major), or undefined when it is not
 * positive definite. Computed as L⁻ᵀ L⁻¹ with L⁻¹ built row by row, about n³ multiply-adds.
 */
export function inverseSpd(a: Float64Array, n: number): Float64Array | undefined {
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, n)) return undefined;
  // m = L⁻¹ (lower triangular), by forward substitution on the identity, row by row.
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const lii = l[row + i];
    m[row + i] = 1 / lii;
    for (let k = 0; k < i; k++) {
      const lik = l[row + k];
      if (lik === 0) continue;
      const rowK = k * n;
      for (let j = 0; j <= k; j++) m[row + j] -= lik * m[rowK + j];
    }
    for (let j = 0; j < i; j++) m[row + j] /= lii;
  }
  // a⁻¹ = mᵀ m: entry (i, j) = Σ_{k ≥ max(i, j)} m[k][i] m[k][j]; accumulate row k of m into the upper triangle.
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i <= k; i++) {
      const mki = m[rowK + i];
      if (mki === 0) continue;
      const rowI = i * n;
      for (let j = i; j <= k; j++) out[rowI + j] += mki * m[rowK + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i];
  return out;
}
