//===- GemmSm80.cuh - batched GEMM with a fused epilogue, sm_80+ ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The GEMM template accel-translate instantiates for accel.matmul and the
// elementwise epilogue fused into its dispatch (docs/codegen.md, "The GEMM
// family"). One thread block computes a kBlockM x kBlockN tile of one
// batch entry of out = epilogue(a . b); kWarpsM x kWarpsN warps split it,
// each warp's (kBlockM / kWarpsM) x (kBlockN / kWarpsN) sub-tile runs on
// mma.sync m16n8k16 with f32 accumulators, operands from ldmatrix. Tiles of
// kBlockK along k stream through a ring of kStages shared-memory buffers
// with cp.async (kStages - 1 tiles in flight while one is consumed).
//
// T is bf16 or f16 (m16n8k16, f32 accumulators) or an 8-bit type for
// accel.quantized_matmul: signed char (m16n8k32, exact i32 accumulators)
// or Float8E4M3 (m16n8k32, f32; sm_89 and up). A tile row is the same
// bytes either way (kBlockK elements of T), so the 8-bit kernel differs
// only in how many elements a 16-byte chunk and an mma step hold.
//
// b is [K, N] (ldmatrix.trans reads its fragments) or, with kTransB,
// [N, K] (plain ldmatrix). ldmatrix.trans transposes 16-bit elements, so
// an 8-bit b of [K, N] is transposed on its way into shared memory
// instead (4 x 4 byte blocks through registers, loadTransposedBytes): its
// stage holds [N][K] as with kTransB. Every operand has its own row stride and batch
// strides (0: broadcast), so slices, transposed views and broadcast batch
// dims need no copy; the innermost dim is contiguous. Any M, N, K works:
// 16-byte chunks that are in range and aligned are copied with cp.async,
// the rest element by element with zero fill, so odd sizes and unaligned
// views are correct and only slower.
//
// The epilogue is a type the backend generates from the dispatch's ops:
// `Epilogue::apply(p, acc, at)` gets the f32 accumulator of one output
// element and its coordinates and returns the value to store (bias,
// residuals, activations and the rounding of every intermediate are its
// business). Self-contained apart from TensorCoreSm80.cuh.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_GEMM_SM80_CUH
#define ACCEL_GEMM_SM80_CUH

#ifndef ACCEL_TENSOR_CORE_SM80_CUH
// Generated sources carry the primitives' text above this one.
#include "../Common/TensorCoreSm80.cuh"
#endif

namespace accelkern_gemm {

/// Batch dims the kernel indexes (the output's leading dims, numpy
/// broadcast; more are refused by the backend).
constexpr int kMaxBatchDims = 4;
/// Tensors besides a and b the epilogue reads (bias, residuals, ...).
constexpr int kMaxExtras = 8;
/// Coordinates of an output element: the batch dims, row and column.
constexpr int kExtraRank = kMaxBatchDims + 2;

/// Run-time arguments of one GEMM. Strides are in elements.
struct GemmParams {
  const void *a, *b;
  void *out;
  int m, n, k;
  /// The output's batch dims (unused ones 1) and their product.
  int batchSizes[kMaxBatchDims];
  int batchCount;
  /// Per batch dim (0 for a dim the operand broadcasts), then the row
  /// stride: a [.., M, K], b [.., K, N] or [.., N, K], out [.., M, N].
  long long aBatchStrides[kMaxBatchDims], bBatchStrides[kMaxBatchDims],
      outBatchStrides[kMaxBatchDims];
  long long aRowStride, bRowStride, outRowStride;
  /// The epilogue's tensors: pointer and strides over the output's
  /// coordinates (batch dims, row, column; 0 where it broadcasts), extra i
  /// at extraStrides[i * kExtraRank ...].
  const void *extras[kMaxExtras];
  long long extraStrides[kMaxExtras * (kMaxBatchDims + 2)];
  /// Read only under an epilogue that permutes columns (PermutesColumns:
  /// the Monarch family's factors, one batch dim): element (batch entry z,
  /// row, column j) is stored at row * outRowStride + c of the output
  /// (outBatchStrides are 0), c = (f % colSplit) * colLoStride +
  /// (f / colSplit) * colHiStride for the flat column f = z * n + j, and
  /// the epilogue sees (0, row, c).
  int colSplit, colLoStride, colHiStride;
};

/// Where an output element is, for the epilogue.
struct EpilogueCoord {
  int batch[kMaxBatchDims];
  int row, col;
};

namespace detail {

using namespace ::accelkern_tc;

/// Element offset of (row, 16-byte chunk) in a tile of `Chunks` chunks per
/// row of `ChunkElems` elements each (8 of 16 bits, 16 of 8): the chunk
/// index is XORed with the row's position among the rows of 128 bytes (8
/// chunks), so that the 8 rows one ldmatrix phase reads fall on distinct
/// banks for rows of 64, 128 or more bytes alike.
template <int Chunks, int ChunkElems = 8>
__device__ __forceinline__ int swizzledOffset(int row, int chunk) {
  constexpr int kRowsPerLine = Chunks >= 8 ? 1 : 8 / Chunks;
  constexpr int kPhases = Chunks >= 8 ? 8 : Chunks;
  return row * Chunks * ChunkElems +
         (chunk ^ ((row / kRowsPerLine) % kPhases)) * ChunkElems;
}

/// Elements of T in a 16-byte chunk (a variable, not a function: device
/// code may read it without --expt-relaxed-constexpr).
template <typename T> constexpr int kChunkElemsOf = 16 / int(sizeof(T));

/// Whether epilogue type E permutes the output's columns (it declares
/// `static constexpr bool kPermutesColumns = true`; GemmParams::colSplit).
template <typename E, typename = void> struct PermutesColumns {
  static constexpr bool value = false;
};
template <typename E>
struct PermutesColumns<E, decltype(void(E::kPermutesColumns))> {
  static constexpr bool value = E::kPermutesColumns;
};

/// Applies the epilogue to the accumulator of element `at` of the batch
/// entry whose output starts at `out`, and stores the result where it
/// goes (every kernel template's one store path).
template <typename Epilogue, typename OutT>
__device__ __forceinline__ void storeEpilogue(const GemmParams &p, OutT *out,
                                              float acc,
                                              const EpilogueCoord &at) {
  if constexpr (PermutesColumns<Epilogue>::value) {
    EpilogueCoord to = at;
    int flat = at.batch[kMaxBatchDims - 1] * p.n + at.col;
    to.col = (flat % p.colSplit) * p.colLoStride +
             (flat / p.colSplit) * p.colHiStride;
    to.batch[kMaxBatchDims - 1] = 0;
    storeOut(out + to.row * p.outRowStride + to.col,
             Epilogue::apply(p, acc, to));
  } else {
    storeOut(out + at.row * p.outRowStride + at.col,
             Epilogue::apply(p, acc, at));
  }
}

/// Copies the rows [row0, row0 + Rows) x columns [col0, col0 + Cols) of a
/// row-major matrix (`rows` x `cols` valid, row stride `ld`) into a
/// swizzled [Rows][Cols] tile, zero outside; `vector` says whether every
/// in-range 16-byte chunk is 16-byte aligned in global memory.
template <typename T, int Rows, int Cols, int Threads>
__device__ __forceinline__ void loadTile(T *tile, const T *base, long long ld,
                                         int row0, int col0, int rows,
                                         int cols, bool vector) {
  constexpr int kElems = kChunkElemsOf<T>;
  constexpr int kChunksPerRow = Cols / kElems;
  for (int c = threadIdx.x; c < Rows * kChunksPerRow; c += Threads) {
    int r = c / kChunksPerRow, chunk = c % kChunksPerRow;
    int row = row0 + r, col = col0 + chunk * kElems;
    T *dst = tile + swizzledOffset<kChunksPerRow, kElems>(r, chunk);
    bool rowValid = row < rows;
    if (vector && (!rowValid || col + kElems <= cols || col >= cols)) {
      bool valid = rowValid && col < cols;
      copyAsync16(dst, valid ? base + row * ld + col : base, valid);
      continue;
    }
    // A partial or unaligned chunk: element by element, zeros past the
    // edge (these are plain stores, complete at the next barrier).
    for (int e = 0; e < kElems; ++e) {
      bool valid = rowValid && col + e < cols;
      dst[e] = valid ? base[row * ld + col + e] : T{};
    }
  }
}

/// Copies the rows [k0, k0 + KRows) x columns [n0, n0 + NCols) of a
/// row-major [K, N] matrix of bytes (`k` x `n` valid, row stride `ld`)
/// transposed into a swizzled [NCols][KRows] tile, zero outside: each
/// thread reads a 4 x 4 block (four 4-byte words where `words` says rows
/// are 4-byte aligned and the block is in range, else byte by byte) and
/// writes its columns as four words. Plain loads and stores: the stage is
/// complete at the next barrier.
template <typename T, int KRows, int NCols, int Threads>
__device__ __forceinline__ void loadTransposedBytes(T *tile, const T *base,
                                                    long long ld, int k0,
                                                    int n0, int k, int n,
                                                    bool words) {
  static_assert(sizeof(T) == 1, "byte elements");
  constexpr int kBlocksN = NCols / 4;
  constexpr int kChunksPerRow = KRows / 16;
  const unsigned char *src = reinterpret_cast<const unsigned char *>(base);
  for (int c = threadIdx.x; c < (KRows / 4) * kBlocksN; c += Threads) {
    // Consecutive threads take consecutive column blocks (coalesced rows).
    int kb = c / kBlocksN, nb = c % kBlocksN;
    int row = k0 + kb * 4, col = n0 + nb * 4;
    uint32_t rows[4];
    #pragma unroll
    for (int i = 0; i < 4; ++i) {
      if (words && row + i < k && col + 4 <= n) {
        rows[i] = *reinterpret_cast<const uint32_t *>(src + (row + i) * ld + col);
        continue;
      }
      rows[i] = 0;
      #pragma unroll
      for (int j = 0; j < 4; ++j)
        if (row + i < k && col + j < n)
          rows[i] |= uint32_t(src[(row + i) * ld + col + j]) << (8 * j);
    }
    #pragma unroll
    for (int j = 0; j < 4; ++j) {
      // Column j of the block: byte i from row i.
      uint32_t column = ((rows[0] >> (8 * j)) & 0xffu) |
                        (((rows[1] >> (8 * j)) & 0xffu) << 8) |
                        (((rows[2] >> (8 * j)) & 0xffu) << 16) |
                        (((rows[3] >> (8 * j)) & 0xffu) << 24);
      int r = nb * 4 + j, kk = kb * 4;
      *reinterpret_cast<uint32_t *>(
          tile + swizzledOffset<kChunksPerRow, 16>(r, kk / 16) + kk % 16) =
          column;
    }
  }
}

/// Batch entry `z` of the grid: its coordinates (into `at.batch`) and the
/// element offsets of a, b and the output in it (broadcast dims have
/// stride 0).
__device__ __forceinline__ void locateBatchEntry(const GemmParams &p, int z,
                                                 EpilogueCoord &at,
                                                 long long &aOffset,
                                                 long long &bOffset,
                                                 long long &outOffset) {
  aOffset = bOffset = outOffset = 0;
  for (int d = kMaxBatchDims - 1; d >= 0; --d) {
    int i = z % p.batchSizes[d];
    z /= p.batchSizes[d];
    at.batch[d] = i;
    aOffset += i * p.aBatchStrides[d];
    bOffset += i * p.bBatchStrides[d];
    outOffset += i * p.outBatchStrides[d];
  }
}

} // namespace detail

template <typename T, typename OutT, typename Epilogue, int kBlockM,
          int kBlockN, int kBlockK, int kWarpsM, int kWarpsN, int kStages,
          bool kTransB>
__global__ void __launch_bounds__(32 * kWarpsM *kWarpsN)
    gemmKernel(const GemmParams p) {
  using namespace detail;
  using Acc = typename AccumulatorOf<T>::type;
  constexpr int kThreads = 32 * kWarpsM * kWarpsN;
  constexpr int kWarpM = kBlockM / kWarpsM, kWarpN = kBlockN / kWarpsN;
  constexpr int kTilesM = kWarpM / 16, kTilesN = kWarpN / 8;
  // A 16-byte chunk's elements, and an mma step's k (two chunks).
  constexpr int kElems = kChunkElemsOf<T>, kStepK = 2 * kElems;
  constexpr bool kBytes = sizeof(T) == 1;
  // b's stage is [N][K] with kTransB, and for 8-bit b (transposed on load).
  constexpr bool kBNK = kTransB || kBytes;
  static_assert(kWarpM % 16 == 0 && kWarpN % 16 == 0,
                "a warp's tile is a multiple of 16 x 16");
  static_assert(kBlockK % kStepK == 0 && kBlockK >= kStepK,
                "k tiles of whole mma steps");
  static_assert(kBNK || kBlockN % 8 == 0, "whole chunks of n");
  static_assert(kStages >= 2, "at least double buffering");
  // A stage: a [kBlockM][kBlockK] tile and b as [kBlockN][kBlockK] (kBNK)
  // or [kBlockK][kBlockN].
  constexpr int kATile = kBlockM * kBlockK, kBTile = kBlockN * kBlockK;
  alignas(128) __shared__ T smem[kStages * (kATile + kBTile)];
  T *aTiles = smem, *bTiles = smem + kStages * kATile;

  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int warpRow = warp / kWarpsN, warpCol = warp % kWarpsN;
  const int row0 = blockIdx.x * kBlockM, col0 = blockIdx.y * kBlockN;

  // This block's batch entry: its coordinates and the operands' offsets.
  EpilogueCoord at;
  long long aOffset, bOffset, outOffset;
  locateBatchEntry(p, blockIdx.z, at, aOffset, bOffset, outOffset);
  const T *a = static_cast<const T *>(p.a) + aOffset;
  const T *b = static_cast<const T *>(p.b) + bOffset;
  // cp.async needs every in-range chunk 16-byte aligned: the base, and the
  // row stride a multiple of a chunk. (An 8-bit b of [K, N] reads words:
  // 4-byte alignment.)
  auto aligned = [](const T *base, long long ld, int bytes) {
    return (reinterpret_cast<unsigned long long>(base) % bytes) == 0 &&
           (ld * (long long)sizeof(T)) % bytes == 0;
  };
  const bool aVector = aligned(a, p.aRowStride, 16);
  const bool bVector = aligned(b, p.bRowStride, kBytes && !kTransB ? 4 : 16);

  auto loadStage = [&](int stage, int kTile) {
    int k0 = kTile * kBlockK;
    loadTile<T, kBlockM, kBlockK, kThreads>(aTiles + stage * kATile, a,
                                            p.aRowStride, row0, k0, p.m, p.k,
                                            aVector);
    if constexpr (kTransB)
      loadTile<T, kBlockN, kBlockK, kThreads>(bTiles + stage * kBTile, b,
                                              p.bRowStride, col0, k0, p.n,
                                              p.k, bVector);
    else if constexpr (kBytes)
      loadTransposedBytes<T, kBlockK, kBlockN, kThreads>(
          bTiles + stage * kBTile, b, p.bRowStride, k0, col0, p.k, p.n,
          bVector);
    else
      loadTile<T, kBlockK, kBlockN, kThreads>(bTiles + stage * kBTile, b,
                                              p.bRowStride, k0, col0, p.k,
                                              p.n, bVector);
  };

  Acc acc[kTilesM][kTilesN][4];
  #pragma unroll
  for (int i = 0; i < kTilesM; ++i)
    #pragma unroll
    for (int j = 0; j < kTilesN; ++j)
      #pragma unroll
      for (int e = 0; e < 4; ++e)
        acc[i][j][e] = Acc(0);

  const int kTiles = (p.k + kBlockK - 1) / kBlockK;
  for (int s = 0; s < kStages - 1; ++s) {
    if (s < kTiles)
      loadStage(s, s);
    commitAsync();
  }
  for (int kt = 0; kt < kTiles; ++kt) {
    waitAsync<kStages - 2>();
    // Tile kt is in; every warp is done with the buffer refilled next
    // (the one tile kt - 1 used).
    __syncthreads();
    int next = kt + kStages - 1;
    if (next < kTiles)
      loadStage(next % kStages, next);
    commitAsync();

    const T *aTile = aTiles + (kt % kStages) * kATile;
    const T *bTile = bTiles + (kt % kStages) * kBTile;
    #pragma unroll
    for (int ks = 0; ks < kBlockK / kStepK; ++ks) {
      uint32_t af[kTilesM][4];
      #pragma unroll
      for (int i = 0; i < kTilesM; ++i) {
        // Lanes 0-15 address rows 0-15 at the step's first chunk (k 0-7 of
        // 16-bit elements), lanes 16-31 at its second.
        int r = warpRow * kWarpM + i * 16 + lane % 16;
        ldmatrixX4(af[i], aTile + swizzledOffset<kBlockK / kElems, kElems>(
                                      r, ks * 2 + lane / 16));
      }
      uint32_t bf[kTilesN][2];
      #pragma unroll
      for (int j = 0; j < kTilesN; j += 2) {
        uint32_t r[4];
        if constexpr (kBNK) {
          // [n][k]: matrices (n 0-7, first chunk), (n 0-7, second chunk),
          // (n 8-15, first), (n 8-15, second).
          int n = warpCol * kWarpN + j * 8 + lane % 8 + 8 * (lane / 16);
          ldmatrixX4(r, bTile + swizzledOffset<kBlockK / kElems, kElems>(
                                    n, ks * 2 + (lane / 8) % 2));
        } else {
          // [k][n], transposed: matrices (k 0-7, n 0-7), (k 8-15, n 0-7),
          // (k 0-7, n 8-15), (k 8-15, n 8-15).
          int kr = ks * 16 + lane % 16;
          int chunk = (warpCol * kWarpN + j * 8) / 8 + lane / 16;
          ldmatrixX4Trans(r, bTile + swizzledOffset<kBlockN / 8>(kr, chunk));
        }
        bf[j][0] = r[0];
        bf[j][1] = r[1];
        bf[j + 1][0] = r[2];
        bf[j + 1][1] = r[3];
      }
      #pragma unroll
      for (int i = 0; i < kTilesM; ++i)
        #pragma unroll
        for (int j = 0; j < kTilesN; ++j) {
          if constexpr (kBytes)
            mma16832<T>(acc[i][j], af[i], bf[j][0], bf[j][1]);
          else
            mma16816<T>(acc[i][j], af[i], bf[j][0], bf[j][1]);
        }
    }
  }
  // No cp.async may still target shared memory when the block exits.
  waitAsync<0>();

  OutT *out = static_cast<OutT *>(p.out) + outOffset;
  #pragma unroll
  for (int i = 0; i < kTilesM; ++i)
    #pragma unroll
    for (int j = 0; j < kTilesN; ++j)
      #pragma unroll
      for (int e = 0; e < 4; ++e) {
        // The m16n8 accumulator: c0, c1 at row lane / 4, columns
        // 2 * (lane % 4) + {0, 1}; c2, c3 eight rows below.
        at.row = row0 + warpRow * kWarpM + i * 16 + lane / 4 + 8 * (e / 2);
        at.col = col0 + warpCol * kWarpN + j * 8 + 2 * (lane % 4) + e % 2;
        // (An i32 sum becomes f32 rounded to nearest, as the reference's
        // sitofp does.)
        if (at.row < p.m && at.col < p.n)
          storeEpilogue<Epilogue>(p, out, float(acc[i][j][e]), at);
      }
}

/// The element offset of `at` in epilogue tensor `Index`. The index is a
/// template argument so that every stride is a constant offset into the
/// kernel's parameters (a run-time index would copy them to local memory).
template <int Index>
__device__ __forceinline__ long long extraOffset(const GemmParams &p,
                                                 const EpilogueCoord &at) {
  static_assert(Index >= 0 && Index < kMaxExtras, "an epilogue tensor");
  long long offset = at.row * p.extraStrides[Index * kExtraRank + kMaxBatchDims] +
                     at.col * p.extraStrides[Index * kExtraRank + kMaxBatchDims + 1];
#pragma unroll
  for (int d = 0; d < kMaxBatchDims; ++d)
    offset += at.batch[d] * p.extraStrides[Index * kExtraRank + d];
  return offset;
}

/// Reads element `at` of epilogue tensor `Index` as f32.
template <typename E, int Index>
__device__ __forceinline__ float loadExtra(const GemmParams &p,
                                           const EpilogueCoord &at) {
  return detail::loadAsFloat(static_cast<const E *>(p.extras[Index]) +
                             extraOffset<Index>(p, at));
}

/// Reads element `at` of i1 epilogue tensor `Index` (a mask: one byte an
/// element, nonzero true).
template <int Index>
__device__ __forceinline__ bool loadExtraBool(const GemmParams &p,
                                              const EpilogueCoord &at) {
  return static_cast<const unsigned char *>(p.extras[Index])[extraOffset<Index>(p, at)] != 0;
}

/// arith.maximumf / arith.minimumf: NaN propagates, +0 > -0 (the epilogue
/// calls these; fmaxf / fminf are maxnumf / minnumf).
__device__ __forceinline__ float maximumF(float a, float b) {
  if (a != a || b != b)
    return a + b;
  if (a == b)
    return a == 0.f ? a + b : a; // -0 + +0 = +0
  return a > b ? a : b;
}
__device__ __forceinline__ float minimumF(float a, float b) {
  if (a != a || b != b)
    return a + b;
  if (a == b)
    return a == 0.f ? -((-a) + (-b)) : a; // -(+0 + -0) = -0
  return a < b ? a : b;
}

/// math.fpowi: x to an integer power by repeated squaring (the way
/// convert-math-to-funcs lowers it for the CPU reference), 1 / x^|n| for a
/// negative n; x^0 = 1 for every x.
__device__ __forceinline__ float powi(float x, long long n) {
  unsigned long long e =
      n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
  float result = 1.f, base = x;
  while (e) {
    if (e & 1)
      result *= base;
    e >>= 1;
    if (e)
      base *= base;
  }
  return n < 0 ? 1.f / result : result;
}

/// `v` rounded to E and back (what a value of element type E holds).
template <typename E> __device__ __forceinline__ float roundTo(float v) {
  if constexpr (std::is_same<E, float>::value) {
    return v;
  } else {
    E rounded;
    detail::storeOut(&rounded, v);
    return detail::loadFloat<E>(&rounded);
  }
}

#if !defined(__CUDACC_RTC__)
/// Whether `strides` (per batch dim) place batch entry z's `m` rows of
/// `rowStride` right after entry z - 1's, over the dims of more than one
/// entry; true for a tensor broadcast over batch and rows alike (all 0).
inline bool batchNestsOverRows(const GemmParams &p, const long long *strides,
                               long long rowStride) {
  long long expected = (long long)p.m * rowStride;
  for (int d = kMaxBatchDims - 1; d >= 0; --d) {
    if (p.batchSizes[d] == 1)
      continue;
    if (strides[d] != expected)
      return false;
    expected *= p.batchSizes[d];
  }
  return true;
}

/// Folds the batch dims into M where that changes no address: b is one
/// matrix for every batch entry, and a, the output and every epilogue
/// tensor hold consecutive entries' rows one after another (their batch
/// strides nest over M rows), or broadcast over batch and rows alike. Then
/// one GEMM of batch x M rows computes the same elements (the epilogue's
/// coordinates are the folded row and the column, which its tensors'
/// strides address identically), in fewer and fuller tiles when M is small
/// (a transformer's per-sequence projections against shared weights).
/// Returns whether it folded.
inline bool foldBatchIntoRows(GemmParams &p) {
  // The folded M must leave the kernels' int row arithmetic a tile of
  // headroom ((m + kBlockM - 1) / kBlockM and the rows of the last tile).
  if (p.batchCount <= 1 ||
      (long long)p.m * p.batchCount > 2147483647ll - 256)
    return false;
  for (int d = 0; d < kMaxBatchDims; ++d)
    if (p.batchSizes[d] != 1 && p.bBatchStrides[d] != 0)
      return false;
  if (!batchNestsOverRows(p, p.aBatchStrides, p.aRowStride) ||
      !batchNestsOverRows(p, p.outBatchStrides, p.outRowStride))
    return false;
  for (int i = 0; i < kMaxExtras; ++i)
    if (p.extras[i] &&
        !batchNestsOverRows(p, p.extraStrides + i * kExtraRank,
                            p.extraStrides[i * kExtraRank + kMaxBatchDims]))
      return false;
  p.m *= p.batchCount;
  p.batchCount = 1;
  for (int d = 0; d < kMaxBatchDims; ++d) {
    p.batchSizes[d] = 1;
    p.aBatchStrides[d] = p.bBatchStrides[d] = p.outBatchStrides[d] = 0;
    for (int i = 0; i < kMaxExtras; ++i)
      p.extraStrides[i * kExtraRank + d] = 0;
  }
  return true;
}
#endif

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// The launch of gemmKernel for `p` (grid: row tiles, column tiles, batch;
/// consecutive blocks share a column tile of b).
template <typename T, typename OutT, typename Epilogue, int kBlockM,
          int kBlockN, int kBlockK, int kWarpsM, int kWarpsN, int kStages,
          bool kTransB>
cudaError_t launchGemm(const GemmParams &params, cudaStream_t stream) {
  GemmParams p = params;
  foldBatchIntoRows(p);
  if (p.m == 0 || p.n == 0 || p.batchCount == 0)
    return cudaSuccess;
  dim3 grid((p.m + kBlockM - 1) / kBlockM, (p.n + kBlockN - 1) / kBlockN,
            p.batchCount);
  gemmKernel<T, OutT, Epilogue, kBlockM, kBlockN, kBlockK, kWarpsM, kWarpsN,
             kStages, kTransB><<<grid, 32 * kWarpsM * kWarpsN, 0, stream>>>(p);
  return cudaGetLastError();
}
#endif // host launcher

} // namespace accelkern_gemm

#endif // ACCEL_GEMM_SM80_CUH
