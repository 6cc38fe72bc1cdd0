//===- GemmSm90.cuh - batched GEMM with a fused epilogue, sm_90a ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The sm_90a GEMM: the same operation, parameters and generated epilogue as
// GemmSm80.cuh, on Hopper's copy engine and asynchronous tensor cores with
// warp specialization (the structure of CUTLASS's sm90 "warp-specialized"
// mainloop, written for accel's parameters).
//
// A block of 384 threads computes a 128 x kBlockN tile of one batch entry.
// Warpgroup 0 is the producer: after giving up registers (setmaxnreg.dec)
// one thread streams k tiles of 64 (a as 128 x 64, b as kBlockN x 64 or
// 64 x kBlockN) with TMA into a ring of kStages buffers, each guarded by a
// "full" mbarrier (the copy's bytes) and an "empty" one (the consumers'
// release). Warpgroups 1 and 2 (setmaxnreg.inc) own 64 rows each: per k
// tile, four k steps of wgmma m64nNk16 with both operands in shared memory
// (N = min(kBlockN, 128), kBlockN / N chains sharing a's descriptor), one
// commit group per k tile, and the buffer of the previous k tile released
// once its group has retired (one group stays in flight while the next
// tile's copy is awaited). The epilogue runs on the accumulator registers:
// Epilogue::apply per element, stores guarded by the edge.
//
// Tiles are visited in groups of kGroupRows row tiles (all column tiles of
// a group before the next), so that a wave of blocks shares a few row
// tiles of a and column tiles of b in L2.
//
// TMA addresses what the mma.sync kernel reads through pointers only when
// every base is 16-byte aligned, every row and batch stride a multiple of
// 16 bytes, K > 0, the tiles of one batch entry fit the grid's x dim, and
// at most two batch dims are indexed (the tensor maps
// are 4-d: columns, rows and two batch dims; a broadcast batch dim is a
// dim of size 1). Anything else runs the mma.sync kernel with its default
// config (launchGemmSm90's fallback): correct everywhere, fast where TMA
// can read.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_GEMM_SM90_CUH
#define ACCEL_GEMM_SM90_CUH

#ifndef ACCEL_TENSOR_CORE_SM90_CUH
// Generated sources carry the primitives' text above this one.
#include "../Common/TensorCoreSm90.cuh"
#endif
#ifndef ACCEL_GEMM_SM80_CUH
#include "GemmSm80.cuh"
#endif

namespace accelkern_gemm {

using ::accelkern_tc::TmaDescriptor;
using ::accelkern_tc::TmaTensor;

/// Arguments of the sm_90a kernel: the GEMM's, and tensor maps of a and b.
struct GemmSm90Params {
  GemmParams p;
  TmaDescriptor a, b;
};

namespace detail {

constexpr int kSm90BlockM = 128, kSm90BlockK = 64, kGroupRows = 8;

/// The batch dims the tensor maps index: the output's two innermost
/// (kernel slots kMaxBatchDims - 2 and - 1); the outer ones must be 1.
constexpr int kSm90FirstMappedBatchDim = kMaxBatchDims - 2;

/// (row tile, column tile) of linear tile `t`: groups of kGroupRows row
/// tiles, column-major inside a group.
__device__ __forceinline__ void tileOf(int t, int tilesM, int tilesN,
                                       int &tileM, int &tileN) {
  const int perGroup = kGroupRows * tilesN;
  const int firstRow = (t / perGroup) * kGroupRows;
  const int rows = min(tilesM - firstRow, kGroupRows);
  tileM = firstRow + (t % perGroup) % rows;
  tileN = (t % perGroup) / rows;
}

} // namespace detail

template <typename T, typename OutT, typename Epilogue, int kBlockN,
          int kStages, bool kTransB>
__global__ void __launch_bounds__(384, 1)
    gemmSm90Kernel(const __grid_constant__ GemmSm90Params params) {
  using namespace detail;
  using namespace ::accelkern_tc;
  static_assert(kBlockN == 64 || kBlockN == 128 || kBlockN == 256,
                "column tile");
  static_assert(kStages >= 2 && kStages <= 8, "stages");
  constexpr int kBlockM = kSm90BlockM, kBlockK = kSm90BlockK;
  constexpr int kConsumerThreads = 256;
  constexpr int kChainN = kBlockN < 128 ? kBlockN : 128;
  constexpr int kChains = kBlockN / kChainN;
  constexpr uint32_t kATileBytes = kBlockM * kBlockK * 2;
  constexpr uint32_t kBTileBytes = kBlockN * kBlockK * 2;

  unsigned char *raw = dynamicSharedMemory();
  unsigned char *base = raw + ((1024 - (smemAddress(raw) & 1023)) & 1023);
  T *sA = reinterpret_cast<T *>(base);
  T *sB = sA + kStages * kBlockM * kBlockK;
  uint64_t *full = reinterpret_cast<uint64_t *>(sB + kStages * kBlockN * kBlockK);
  uint64_t *empty = full + kStages;

  const GemmParams &p = params.p;
  const int tilesM = (p.m + kBlockM - 1) / kBlockM;
  const int tilesN = (p.n + kBlockN - 1) / kBlockN;
  int tileM, tileN;
  tileOf(blockIdx.x, tilesM, tilesN, tileM, tileN);
  const int row0 = tileM * kBlockM, col0 = tileN * kBlockN;

  // This block's batch entry: the output's coordinates and offset, and the
  // two mapped dims' coordinates in a's and b's tensor maps (0 where the
  // operand broadcasts: its map has a dim of size 1 there). a's and b's
  // element offsets are unused: TMA addresses them through the maps.
  EpilogueCoord at;
  long long aOffset, bOffset, outOffset;
  locateBatchEntry(p, blockIdx.y, at, aOffset, bOffset, outOffset);
  int aBatch[2], bBatch[2];
  for (int i = 0; i < 2; ++i) {
    const int d = kSm90FirstMappedBatchDim + i;
    aBatch[i] = p.aBatchStrides[d] ? at.batch[d] : 0;
    bBatch[i] = p.bBatchStrides[d] ? at.batch[d] : 0;
  }
  const int kTiles = (p.k + kBlockK - 1) / kBlockK;

  if (threadIdx.x == 0) {
    for (int s = 0; s < kStages; ++s) {
      mbarrierInit(&full[s], 1);
      mbarrierInit(&empty[s], kConsumerThreads);
    }
    fenceBarrierInit();
  }
  __syncthreads();

  if (threadIdx.x < 128) {
    // Producer warpgroup: one thread drives the copy engine.
    setMaxRegistersDec<kSm90ProducerRegisters>();
    if (threadIdx.x == 0) {
      for (int kt = 0; kt < kTiles; ++kt) {
        const int stage = kt % kStages;
        // The previous use of this buffer must be released (passes at once
        // on the first round: the "previous phase" counts as complete).
        mbarrierWait(&empty[stage], ((kt / kStages) & 1) ^ 1);
        T *a = sA + stage * kBlockM * kBlockK, *b = sB + stage * kBlockN * kBlockK;
        const int k0 = kt * kBlockK;
        mbarrierArriveExpectTx(&full[stage], kATileBytes + kBTileBytes);
        tmaLoad4d(a, &params.a, &full[stage], k0, row0, aBatch[0], aBatch[1]);
        if constexpr (kTransB) {
          // b [N][K]: one box of kBlockN rows (K-major, like a).
          tmaLoad4d(b, &params.b, &full[stage], k0, col0, bBatch[0], bBatch[1]);
        } else {
          // b [K][N]: kBlockN / 64 boxes of 64 columns x 64 k rows
          // (MN-major halves).
#pragma unroll
          for (int h = 0; h < kBlockN / 64; ++h)
            tmaLoad4d(b + h * 64 * kBlockK, &params.b, &full[stage],
                      col0 + 64 * h, k0, bBatch[0], bBatch[1]);
        }
      }
    }
    return;
  }

  // Consumer warpgroups: 64 rows each.
  setMaxRegistersInc<kSm90ConsumerRegisters>();
  const int consumer = threadIdx.x / 128 - 1;
  const int warp = (threadIdx.x % 128) / 32, lane = threadIdx.x % 32;
  const uint32_t aAddress = smemAddress(sA) + consumer * 64 * 128;
  const uint32_t bAddress = smemAddress(sB);

  float acc[kChains][kChainN / 8][4];
#pragma unroll
  for (int c = 0; c < kChains; ++c)
#pragma unroll
    for (int j = 0; j < kChainN / 8; ++j)
      acc[c][j][0] = acc[c][j][1] = acc[c][j][2] = acc[c][j][3] = 0.f;

  for (int kt = 0; kt < kTiles; ++kt) {
    const int stage = kt % kStages;
    mbarrierWait(&full[stage], (kt / kStages) & 1);
#pragma unroll
    for (int c = 0; c < kChains; ++c)
      fenceOperands(acc[c]);
    wgmmaFence();
    const uint32_t aTile = aAddress + stage * kATileBytes;
    const uint32_t bTile = bAddress + stage * kBTileBytes;
#pragma unroll
    for (int ks = 0; ks < kBlockK / 16; ++ks) {
      const uint64_t descA = kMajorDescriptor<kBlockM>(aTile, ks);
#pragma unroll
      for (int c = 0; c < kChains; ++c) {
        if constexpr (kTransB) {
          // Chain c reads b rows [c N, c N + N): N rows of 128 bytes on.
          const uint64_t descB =
              kMajorDescriptor<kBlockN>(bTile + c * kChainN * 128, ks);
          wgmmaSS<T, kChainN>(acc[c], descA, descB, 1);
        } else {
          // Chain c reads columns [c N, c N + N): N / 64 halves of 64 k
          // rows on.
          const uint64_t descB =
              mnMajorDescriptor<kBlockK>(bTile + c * (kChainN / 64) * 64 * 128, ks);
          wgmmaSS<T, kChainN, true>(acc[c], descA, descB, 1);
        }
      }
    }
    wgmmaCommit();
    // The previous k tile's group has retired once at most this one is
    // pending: its buffer goes back to the producer.
    wgmmaWait<1>();
#pragma unroll
    for (int c = 0; c < kChains; ++c)
      fenceOperands(acc[c]);
    if (kt > 0)
      mbarrierArrive(&empty[(kt - 1) % kStages]);
  }
  wgmmaWait<0>();
#pragma unroll
  for (int c = 0; c < kChains; ++c)
    fenceOperands(acc[c]);

  OutT *out = static_cast<OutT *>(p.out) + outOffset;
  const int rowBase = row0 + consumer * 64 + warp * 16 + lane / 4;
#pragma unroll
  for (int c = 0; c < kChains; ++c)
#pragma unroll
    for (int j = 0; j < kChainN / 8; ++j)
#pragma unroll
      for (int e = 0; e < 4; ++e) {
        // The m64nNk16 accumulator, per warp as mma.sync's m16n8: c0, c1 at
        // row lane / 4, columns 2 * (lane % 4) + {0, 1}; c2, c3 eight rows
        // below.
        at.row = rowBase + 8 * (e / 2);
        at.col = col0 + c * kChainN + j * 8 + 2 * (lane % 4) + e % 2;
        if (at.row < p.m && at.col < p.n)
          storeEpilogue<Epilogue>(p, out, acc[c][j][e], at);
      }
}

#if !defined(__CUDACC_RTC__)
/// Dynamic shared memory of one block: 1024 bytes of alignment slack, the
/// a and b rings, the full and empty mbarriers.
template <int kBlockN, int kStages> constexpr int gemmSm90SharedBytes() {
  return 1024 +
         kStages * (detail::kSm90BlockM + kBlockN) * detail::kSm90BlockK * 2 +
         2 * kStages * 8;
}

/// Whether TMA can read `p` (the file comment's conditions), and if so the
/// descriptions of a's and b's tensor maps.
template <int kBlockN, bool kTransB>
inline bool describeGemmSm90Tensors(const GemmParams &p, bool bf16,
                                    TmaTensor &a, TmaTensor &b) {
  for (int d = 0; d < detail::kSm90FirstMappedBatchDim; ++d)
    if (p.batchSizes[d] != 1)
      return false;
  if (p.k <= 0)
    return false;
  // The grid's x dim counts every tile of one batch entry.
  const long long tiles =
      (long long)((p.m + detail::kSm90BlockM - 1) / detail::kSm90BlockM) *
      ((p.n + kBlockN - 1) / kBlockN);
  if (tiles > 2147483647ll)
    return false;
  auto describe = [&](TmaTensor &t, const void *base, unsigned long long cols,
                      unsigned long long rows, long long rowStride,
                      const long long *batchStrides, unsigned boxRows) {
    t.base = base;
    t.dims[0] = cols;
    t.dims[1] = rows;
    t.strides[0] = (unsigned long long)rowStride * 2;
    // A broadcast (stride 0) batch dim is a dim of size 1; its stride is
    // never applied and only has to be valid (a multiple of 16 bytes).
    for (int i = 0; i < 2; ++i) {
      long long stride = batchStrides[detail::kSm90FirstMappedBatchDim + i];
      int size = p.batchSizes[detail::kSm90FirstMappedBatchDim + i];
      t.dims[2 + i] = stride ? (unsigned long long)size : 1;
      t.strides[1 + i] = stride ? (unsigned long long)stride * 2 : 16;
    }
    t.box[0] = 64;
    t.box[1] = boxRows;
    t.bf16 = bf16;
    if (reinterpret_cast<uintptr_t>(base) % 16 != 0 || rowStride <= 0)
      return false;
    for (unsigned long long stride : t.strides)
      if (stride % 16 != 0 || stride >= (1ull << 40))
        return false;
    return true;
  };
  if (!describe(a, p.a, p.k, p.m, p.aRowStride, p.aBatchStrides, 128))
    return false;
  if (kTransB)
    return describe(b, p.b, p.k, p.n, p.bRowStride, p.bBatchStrides, kBlockN);
  return describe(b, p.b, p.n, p.k, p.bRowStride, p.bBatchStrides, 64);
}

/// What the host does before one sm_90a launch.
enum class GemmSm90Setup {
  Launch,       ///< params filled, tensor maps encoded
  Empty,        ///< nothing to compute: launch nothing
  Fallback,     ///< TMA cannot read the operands: the mma.sync kernel runs
};

/// The host side of one sm_90a GEMM, shared by the launcher and the
/// emulation tests: `encode(TmaDescriptor *, const TmaTensor &) -> bool`;
/// an encoder's refusal is a fallback too (the mma.sync kernel reads any
/// strides).
template <typename T, int kBlockN, bool kTransB, typename Encode>
inline GemmSm90Setup setUpGemmSm90(const GemmParams &p, GemmSm90Params &params,
                                   Encode &&encode) {
  if (p.m == 0 || p.n == 0 || p.batchCount == 0)
    return GemmSm90Setup::Empty;
  params = {};
  params.p = p;
  TmaTensor a, b;
  if (!describeGemmSm90Tensors<kBlockN, kTransB>(
          p, std::is_same<T, __nv_bfloat16>::value, a, b))
    return GemmSm90Setup::Fallback;
  if (!encode(&params.a, a) || !encode(&params.b, b))
    return GemmSm90Setup::Fallback;
  return GemmSm90Setup::Launch;
}
#endif

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// Launches one GEMM on `stream` (sm_90a): the wgmma kernel where TMA can
/// read the operands, else the mma.sync kernel with its default tiles.
template <typename T, typename OutT, typename Epilogue, int kBlockN,
          int kStages, bool kTransB>
cudaError_t launchGemmSm90(const GemmParams &original, cudaStream_t stream) {
  GemmParams p = original;
  foldBatchIntoRows(p);
  GemmSm90Params params;
  switch (setUpGemmSm90<T, kBlockN, kTransB>(
      p, params, [](TmaDescriptor *map, const TmaTensor &t) {
        return ::accelkern_tc::encodeTmaDescriptor(map, t) == cudaSuccess;
      })) {
  case GemmSm90Setup::Empty:
    return cudaSuccess;
  case GemmSm90Setup::Fallback:
    return launchGemm<T, OutT, Epilogue, 128, 128, 32, 2, 4, 3, kTransB>(
        p, stream);
  case GemmSm90Setup::Launch:
    break;
  }
  auto kernel = gemmSm90Kernel<T, OutT, Epilogue, kBlockN, kStages, kTransB>;
  constexpr int bytes = gemmSm90SharedBytes<kBlockN, kStages>();
  if (cudaError_t status = cudaFuncSetAttribute(
          kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, bytes))
    return status;
  const int tiles = ((p.m + detail::kSm90BlockM - 1) / detail::kSm90BlockM) *
                    ((p.n + kBlockN - 1) / kBlockN);
  kernel<<<dim3(tiles, p.batchCount), 384, bytes, stream>>>(params);
  return cudaGetLastError();
}
#endif // host launcher

} // namespace accelkern_gemm

#endif // ACCEL_GEMM_SM90_CUH
