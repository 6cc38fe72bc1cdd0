//===- GemmSimt.cuh - f32 batched GEMM with a fused epilogue, CUDA cores -===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel.matmul on f32 inputs: f32 products and f32 accumulation on the CUDA
// cores (FFMA), as the IR's f32 semantics ask. Tensor cores would change
// the numbers: TF32 keeps 10 bits of each input's mantissa, so a TF32 GEMM
// is not an f32 matmul (a 3xTF32 split would come close and is the faster
// kernel to build next; docs/codegen.md).
//
// A block of 256 threads (16 x 16) computes a kBlockM x kBlockN tile of
// one batch entry; thread (ty, tx) owns rows ty + 16 i and columns
// tx + 16 j (i < kBlockM / 16, j < kBlockN / 16): a warp's 32 threads read
// 16 consecutive columns of b's tile and two rows of a's per k, so the
// shared-memory reads are conflict-free (broadcasts for a), and the
// output's stores are coalesced along the columns. k tiles of kBlockK are
// double-buffered: the next tile's elements are loaded into registers
// while the current one is multiplied, then stored to the other buffer.
//
// Same parameters (GemmParams), batch broadcasting, strides, edges (zero
// fill) and generated epilogue as GemmSm80.cuh, whose helpers it uses.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_GEMM_SIMT_CUH
#define ACCEL_GEMM_SIMT_CUH

#ifndef ACCEL_GEMM_SM80_CUH
// Generated sources carry GemmSm80.cuh's text above this one.
#include "GemmSm80.cuh"
#endif

namespace accelkern_gemm {

template <typename OutT, typename Epilogue, int kBlockM, int kBlockN,
          int kBlockK, bool kTransB>
__global__ void __launch_bounds__(256) gemmSimtKernel(const GemmParams p) {
  using namespace detail;
  static_assert(kBlockM % 16 == 0 && kBlockN % 16 == 0 && kBlockM <= 128 &&
                    kBlockN <= 128,
                "tiles of 16 to 128 in steps of 16");
  static_assert((kBlockM * kBlockK) % 256 == 0 &&
                    (kBlockN * kBlockK) % 256 == 0,
                "every thread loads whole elements of both tiles");
  constexpr int kRows = kBlockM / 16, kCols = kBlockN / 16;
  constexpr int kALoads = kBlockM * kBlockK / 256;
  constexpr int kBLoads = kBlockN * kBlockK / 256;
  // Both tiles k-major: [k][row] and [k][column], each k's row padded by
  // 4 floats so that the stores of consecutive k (one row of a or of b^T
  // from memory) fall on distinct banks.
  constexpr int kPad = 4;
  __shared__ float aTiles[2][kBlockK][kBlockM + kPad];
  __shared__ float bTiles[2][kBlockK][kBlockN + kPad];

  const int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
  const int row0 = blockIdx.x * kBlockM, col0 = blockIdx.y * kBlockN;

  EpilogueCoord at;
  long long aOffset, bOffset, outOffset;
  locateBatchEntry(p, blockIdx.z, at, aOffset, bOffset, outOffset);
  const float *a = static_cast<const float *>(p.a) + aOffset;
  const float *b = static_cast<const float *>(p.b) + bOffset;

  // Element e of this thread's share of a k tile: consecutive threads take
  // consecutive k (a row of a, of b^T) or consecutive columns (b [K, N]),
  // the direction that is contiguous in memory.
  float aNext[kALoads], bNext[kBLoads];
  auto loadTile = [&](int k0) {
#pragma unroll
    for (int e = 0; e < kALoads; ++e) {
      int linear = threadIdx.x + 256 * e;
      int r = linear / kBlockK, k = linear % kBlockK;
      int row = row0 + r, kk = k0 + k;
      aNext[e] = row < p.m && kk < p.k ? a[row * p.aRowStride + kk] : 0.f;
    }
#pragma unroll
    for (int e = 0; e < kBLoads; ++e) {
      int linear = threadIdx.x + 256 * e;
      if constexpr (kTransB) {
        int c = linear / kBlockK, k = linear % kBlockK;
        int col = col0 + c, kk = k0 + k;
        bNext[e] = col < p.n && kk < p.k ? b[col * p.bRowStride + kk] : 0.f;
      } else {
        int k = linear / kBlockN, c = linear % kBlockN;
        int col = col0 + c, kk = k0 + k;
        bNext[e] = col < p.n && kk < p.k ? b[kk * p.bRowStride + col] : 0.f;
      }
    }
  };
  auto storeTile = [&](int buffer) {
#pragma unroll
    for (int e = 0; e < kALoads; ++e) {
      int linear = threadIdx.x + 256 * e;
      aTiles[buffer][linear % kBlockK][linear / kBlockK] = aNext[e];
    }
#pragma unroll
    for (int e = 0; e < kBLoads; ++e) {
      int linear = threadIdx.x + 256 * e;
      if constexpr (kTransB)
        bTiles[buffer][linear % kBlockK][linear / kBlockK] = bNext[e];
      else
        bTiles[buffer][linear / kBlockN][linear % kBlockN] = bNext[e];
    }
  };

  float acc[kRows][kCols];
#pragma unroll
  for (int i = 0; i < kRows; ++i)
#pragma unroll
    for (int j = 0; j < kCols; ++j)
      acc[i][j] = 0.f;

  const int kTiles = (p.k + kBlockK - 1) / kBlockK;
  if (kTiles > 0) {
    loadTile(0);
    storeTile(0);
  }
  __syncthreads();
  for (int kt = 0; kt < kTiles; ++kt) {
    const int buffer = kt % 2;
    // The next tile's global loads are in flight during this tile's math.
    if (kt + 1 < kTiles)
      loadTile((kt + 1) * kBlockK);
#pragma unroll
    for (int k = 0; k < kBlockK; ++k) {
      float x[kRows], y[kCols];
#pragma unroll
      for (int i = 0; i < kRows; ++i)
        x[i] = aTiles[buffer][k][ty + 16 * i];
#pragma unroll
      for (int j = 0; j < kCols; ++j)
        y[j] = bTiles[buffer][k][tx + 16 * j];
#pragma unroll
      for (int i = 0; i < kRows; ++i)
#pragma unroll
        for (int j = 0; j < kCols; ++j)
          acc[i][j] = fmaf(x[i], y[j], acc[i][j]);
    }
    // The other buffer was last read in iteration kt - 1, which every
    // thread finished before the barrier that ended it.
    if (kt + 1 < kTiles)
      storeTile(1 - buffer);
    __syncthreads();
  }

  OutT *out = static_cast<OutT *>(p.out) + outOffset;
#pragma unroll
  for (int i = 0; i < kRows; ++i)
#pragma unroll
    for (int j = 0; j < kCols; ++j) {
      at.row = row0 + ty + 16 * i;
      at.col = col0 + tx + 16 * j;
      if (at.row < p.m && at.col < p.n)
        storeEpilogue<Epilogue>(p, out, acc[i][j], at);
    }
}

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// The launch of gemmSimtKernel for `p` (grid: row tiles, column tiles,
/// batch).
template <typename OutT, typename Epilogue, int kBlockM, int kBlockN,
          int kBlockK, bool kTransB>
cudaError_t launchGemmSimt(const GemmParams &params, cudaStream_t stream) {
  GemmParams p = params;
  foldBatchIntoRows(p);
  if (p.m == 0 || p.n == 0 || p.batchCount == 0)
    return cudaSuccess;
  dim3 grid((p.m + kBlockM - 1) / kBlockM, (p.n + kBlockN - 1) / kBlockN,
            p.batchCount);
  gemmSimtKernel<OutT, Epilogue, kBlockM, kBlockN, kBlockK, kTransB>
      <<<grid, 256, 0, stream>>>(p);
  return cudaGetLastError();
}
#endif // host launcher

} // namespace accelkern_gemm

#endif // ACCEL_GEMM_SIMT_CUH
