//===- AttentionForwardSm80.cuh - FlashAttention-2 forward, sm_80+ --------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The attention forward template accel-translate instantiates. One thread
// block computes kBlockM query rows of one (batch, query head): each warp
// owns 16 rows, Q.K^T and P.V run on tensor cores (mma.sync m16n8k16,
// operands from ldmatrix), K and V tiles of kBlockN keys stream through
// shared memory with cp.async (K of the next tile loads during P.V), and
// the softmax is the online one of FlashAttention-2 in the exp2 domain.
//
// Semantics are the IR contract's: bottom-right causal alignment, GQA head
// mapping h / (Hq / Hkv), S2-Attention head sharding, an optional additive
// bias (any broadcast, f32 or the input type); key tiles that no
// row of the block can see (beyond the causal edge, or outside every
// visible shard/local block) are skipped, never loaded or computed. A row
// that sees no key gets out = 0 and lse = -inf. Shared-memory rows are
// XOR-swizzled by 16-byte chunk so that ldmatrix is conflict free.
//
// Self-contained (CUDA runtime headers only): generated sources include it
// verbatim.
//
//===----------------------------------------------------------------------===//

// Guarded, not #pragma once: generated sources include the text inline.
#ifndef ACCEL_ATTENTION_FORWARD_SM80_CUH
#define ACCEL_ATTENTION_FORWARD_SM80_CUH

#ifndef ACCEL_TENSOR_CORE_SM80_CUH
// Generated sources carry the primitives' text above this one.
#include "../Common/TensorCoreSm80.cuh"
#endif

namespace accelkern_attention {

/// Run-time arguments of one attention forward. Strides are in elements;
/// the last dim of every tensor is contiguous.
struct ForwardParams {
  const void *q, *k, *v;
  void *out;
  float *lse; ///< may be null when the kernel is built without lse
  int batch, headsQ, headsKV, seqQ, seqK;
  long long qStrides[3], kStrides[3], vStrides[3], oStrides[3]; ///< batch, head, row
  long long lseStrides[2];                                      ///< batch, head
  float scaleLog2; ///< softmax scale * log2(e)
  int shardCount, shardBlock, shardLocal; ///< #accel.head_shard (count 0: none)
  /// Optional additive bias (null: none), f32 or the input type, read at
  /// [batch, head, row, key] through strides (0 for a broadcast dim).
  const void *bias;
  bool biasIsFloat;
  long long biasStrides[4];
};

namespace detail {

using namespace ::accelkern_tc;

/// Element offset of (row, 16-byte chunk) in a swizzled [rows][HeadDim] tile.
template <int HeadDim>
__device__ __forceinline__ int swizzled(int row, int chunk) {
  return row * HeadDim + ((chunk ^ (row & 7)) << 3);
}

/// Copies rows [first, first + Rows) of a [seq][HeadDim] matrix (row
/// stride `rowStride`) into a swizzled tile; rows >= `limit` become zeros.
template <typename T, int Rows, int HeadDim, int Threads>
__device__ __forceinline__ void loadTile(T *tile, const T *base,
                                         long long rowStride, int first,
                                         int limit) {
  constexpr int kChunksPerRow = HeadDim / 8;
  constexpr int kChunks = Rows * kChunksPerRow;
  for (int c = threadIdx.x; c < kChunks; c += Threads) {
    int row = c / kChunksPerRow, chunk = c % kChunksPerRow;
    bool valid = first + row < limit;
    const T *src = valid ? base + (first + row) * rowStride + chunk * 8 : base;
    copyAsync16(tile + swizzled<HeadDim>(row, chunk), src, valid);
  }
}

/// floor(a / b) for b > 0, also for negative a (C++ division truncates
/// toward zero and leaves a negative remainder).
__device__ __forceinline__ int floorDiv(int a, int b) {
  return a / b - (a % b < 0 ? 1 : 0);
}

/// The S2 query block of query row `row`. Positions are aligned
/// bottom-right (contract v1.1): row i stands at key position
/// i + (Sk - Sq), so qb = floor((i + Sk - Sq) / Bk), negative for rows
/// before the first key when Sq > Sk (Params: the forward's or the
/// backward's arguments). 32-bit on purpose (64-bit division is a call and
/// the masks are register-bound): for a row < Sq, |i + Sk - Sq| < 2^31;
/// padding rows past Sq (never stored) wrap instead of overflowing.
template <typename Params>
__device__ __forceinline__ int queryBlockOf(const Params &p, int row) {
  return floorDiv((int)((unsigned)row + (unsigned)(p.seqK - p.seqQ)),
                  p.shardBlock);
}

/// Whether head `head` sees key block `kb` from query block `qb`.
template <typename Params>
__device__ __forceinline__ bool shardVisible(const Params &p, int head,
                                             int qb, int kb) {
  int distance = qb - kb;
  return kb % p.shardCount == head % p.shardCount ||
         (distance >= 0 && distance < p.shardLocal);
}

/// Whether any query row in [mStart, mEnd) of `head` sees any key in
/// [kStart, kEnd) under the sharding rule (block granularity): some query
/// block qb in [qb0, qb1] has kb <= qb < kb + L, or kb is the head's shard.
template <typename Params>
__device__ __forceinline__ bool tileVisible(const Params &p, int head,
                                            int mStart, int mEnd, int kStart,
                                            int kEnd) {
  int qb0 = queryBlockOf(p, mStart), qb1 = queryBlockOf(p, mEnd - 1);
  int kb0 = kStart / p.shardBlock, kb1 = (kEnd - 1) / p.shardBlock;
  for (int kb = kb0; kb <= kb1; ++kb)
    if (kb % p.shardCount == head % p.shardCount ||
        (qb1 >= kb && qb0 - kb < p.shardLocal))
      return true;
  return false;
}

/// Scales a tile of scores into the exp2 domain, adds the bias and masks
/// what the row may not see (sequence end, causality, shards). `s[nt][e]`
/// is the accumulator layout of mma.sync m16n8 (and of wgmma m64nN per
/// warp): rows row0 (e < 2) and row0 + 8, key kStart + 8 nt + colInTile +
/// (e & 1). `edge` false promises that every key of the tile is inside the
/// sequence and causally visible to every row, `shardEdge` false that the
/// shard rule hides none of it (tileNeedsMask, tileNeedsShardMask):
/// interior tiles skip the per-element tests. The bias is a template flag:
/// without one the loop carries no bias code at all.
template <typename T, int KeyTiles, bool Causal, bool Sharded, bool HasBias>
__device__ __forceinline__ void scaleAndMask(float (&s)[KeyTiles][4],
                                             const ForwardParams &p, int head,
                                             int batch, int row0, int kStart,
                                             int colInTile, bool edge,
                                             bool shardEdge) {
  // Shard visibility is per (query block, key block): the key block's own
  // shard test is shared by both rows, the rows' blocks by every column.
  int queryBlock[2] = {0, 0};
  if constexpr (Sharded) {
    if (shardEdge) {
      queryBlock[0] = queryBlockOf(p, row0);
      queryBlock[1] = queryBlockOf(p, row0 + 8);
    }
  }
  const int causalOffset = p.seqK - p.seqQ;
#pragma unroll
  for (int nt = 0; nt < KeyTiles; ++nt) {
#pragma unroll
    for (int c = 0; c < 2; ++c) {
      const int col = kStart + nt * 8 + colInTile + c;
      int keyBlock = 0;
      bool ownShard = false;
      if (Sharded && shardEdge) {
        keyBlock = col / p.shardBlock;
        ownShard = keyBlock % p.shardCount == head % p.shardCount;
      }
#pragma unroll
      for (int r = 0; r < 2; ++r) {
        const int e = 2 * r + c, row = row0 + 8 * r;
        bool masked = false;
        if (edge) {
          masked = col >= p.seqK;
          if constexpr (Causal)
            masked |= col > row + causalOffset;
        }
        if constexpr (Sharded) {
          if (shardEdge) {
            int distance = queryBlock[r] - keyBlock;
            masked |= !(ownShard || (distance >= 0 && distance < p.shardLocal));
          }
        }
        float bias = 0.f;
        if (HasBias && !masked && row < p.seqQ) {
          long long at = batch * p.biasStrides[0] + head * p.biasStrides[1] +
                         row * p.biasStrides[2] + col * p.biasStrides[3];
          bias = p.biasIsFloat
                     ? static_cast<const float *>(p.bias)[at]
                     : loadFloat<T>(static_cast<const T *>(p.bias) + at);
        }
        // scale * q.k + bias, in the exp2 domain.
        s[nt][e] = masked ? negativeInfinity()
                          : s[nt][e] * p.scaleLog2 + bias * 1.44269504088896341f;
      }
    }
  }
}

/// Whether a key tile [kStart, kStart + BlockN) needs per-element masking
/// of the sequence end or the causal edge for query rows from rowFirst on.
template <int BlockN, bool Causal>
__device__ __forceinline__ bool tileNeedsMask(const ForwardParams &p,
                                              int rowFirst, int kStart) {
  if (kStart + BlockN > p.seqK)
    return true;
  return Causal && kStart + BlockN - 1 > rowFirst + (p.seqK - p.seqQ);
}

/// Whether the shard rule may hide part of a key tile from query rows
/// [rowFirst, rowLast] of `head`: false when the tile's keys lie in one key
/// block that every query block of those rows sees (the head's own shard,
/// or local to all of them). Then the tile is masked as without sharding,
/// and the per-column block arithmetic (two divisions by run-time values a
/// column) is skipped: with blocks a multiple of the tiles, that is every
/// tile but the few that straddle a local window's edge.
template <int BlockN>
__device__ __forceinline__ bool tileNeedsShardMask(const ForwardParams &p,
                                                   int head, int rowFirst,
                                                   int rowLast, int kStart) {
  const int kb = kStart / p.shardBlock;
  if ((min(kStart + BlockN, p.seqK) - 1) / p.shardBlock != kb)
    return true;
  if (kb % p.shardCount == head % p.shardCount)
    return false;
  const int qb0 = queryBlockOf(p, rowFirst), qb1 = queryBlockOf(p, rowLast);
  return !(qb0 >= kb && qb1 - kb < p.shardLocal);
}

/// The online softmax step of FlashAttention-2 for one thread's two rows:
/// new row max (over the 4 threads that share a row), rescale of the
/// running sum and of O, s := exp2(s - max) (P, unnormalized).
template <int KeyTiles, int DimTiles>
__device__ __forceinline__ void onlineSoftmax(float (&s)[KeyTiles][4],
                                              float (&o)[DimTiles][4],
                                              float (&rowMax)[2],
                                              float (&rowSum)[2]) {
#pragma unroll
  for (int r = 0; r < 2; ++r) {
    float mx = rowMax[r];
#pragma unroll
    for (int nt = 0; nt < KeyTiles; ++nt)
      mx = fmaxf(mx, fmaxf(s[nt][2 * r], s[nt][2 * r + 1]));
    mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
    mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
    // A row that has seen only masked keys keeps max -inf; subtract 0
    // then so that exp2 gives exact zeros instead of NaN.
    float base = mx == negativeInfinity() ? 0.f : mx;
    float alpha = exp2Fast(rowMax[r] - base);
    rowMax[r] = mx;
    rowSum[r] *= alpha;
#pragma unroll
    for (int dt = 0; dt < DimTiles; ++dt) {
      o[dt][2 * r] *= alpha;
      o[dt][2 * r + 1] *= alpha;
    }
#pragma unroll
    for (int nt = 0; nt < KeyTiles; ++nt) {
      s[nt][2 * r] = exp2Fast(s[nt][2 * r] - base);
      s[nt][2 * r + 1] = exp2Fast(s[nt][2 * r + 1] - base);
      rowSum[r] += s[nt][2 * r] + s[nt][2 * r + 1];
    }
  }
}

/// P for k-step `ks` (keys 16 ks .. 16 ks + 15) as the A operand of a
/// 16-wide k step: the accumulator layout of two n8 tiles is the A layout.
template <typename T, int KeyTiles>
__device__ __forceinline__ void packP(uint32_t (&a)[4],
                                      const float (&s)[KeyTiles][4], int ks) {
  a[0] = pack2<T>(s[2 * ks][0], s[2 * ks][1]);
  a[1] = pack2<T>(s[2 * ks][2], s[2 * ks][3]);
  a[2] = pack2<T>(s[2 * ks + 1][0], s[2 * ks + 1][1]);
  a[3] = pack2<T>(s[2 * ks + 1][2], s[2 * ks + 1][3]);
}

/// Normalizes O, rounds it once, stores this thread's two rows; lse in
/// natural log (-inf for a row that saw no key).
template <typename T, int DimTiles, bool WithLse>
__device__ __forceinline__ void storeOutput(const ForwardParams &p,
                                            const float (&o)[DimTiles][4],
                                            const float (&rowMax)[2],
                                            const float (&rowSum)[2],
                                            T *oBase, int head, int batch,
                                            int row0, int colInTile, int lane) {
#pragma unroll
  for (int r = 0; r < 2; ++r) {
    float sum = rowSum[r];
    sum += __shfl_xor_sync(0xffffffffu, sum, 1);
    sum += __shfl_xor_sync(0xffffffffu, sum, 2);
    float inv = sum > 0.f ? 1.f / sum : 0.f;
    int row = row0 + 8 * r;
    if (row >= p.seqQ)
      continue;
    T *outRow = oBase + row * p.oStrides[2];
#pragma unroll
    for (int dt = 0; dt < DimTiles; ++dt)
      *reinterpret_cast<uint32_t *>(outRow + dt * 8 + colInTile) =
          pack2<T>(o[dt][2 * r] * inv, o[dt][2 * r + 1] * inv);
    if constexpr (WithLse) {
      if (lane % 4 == 0)
        p.lse[batch * p.lseStrides[0] + head * p.lseStrides[1] + row] =
            sum > 0.f ? (rowMax[r] + log2f(sum)) * 0.69314718055994531f
                      : negativeInfinity();
    }
  }
}

/// Key tiles of BlockN keys that query rows [mStart, mEnd) of `head` may
/// see: [0, end) cut by causality; next(t) skips tiles no row sees under
/// the sharding rule.
template <int BlockN, bool Causal, bool Sharded> struct KeyTileRange {
  const ForwardParams &p;
  int head, mStart, mEnd, end;

  __device__ __forceinline__ KeyTileRange(const ForwardParams &p, int head,
                                          int mStart, int mEnd)
      : p(p), head(head), mStart(mStart), mEnd(mEnd) {
    const int numTiles = (p.seqK + BlockN - 1) / BlockN;
    end = numTiles;
    if constexpr (Causal) {
      long long lastKey = (long long)(mEnd - 1) + (p.seqK - p.seqQ);
      end = lastKey < 0 ? 0 : min(numTiles, (int)(lastKey / BlockN) + 1);
    }
  }
  /// The first tile at or after `tile` that some row of the block sees.
  __device__ __forceinline__ int next(int tile) const {
    if constexpr (Sharded) {
      while (tile < end &&
             !tileVisible(p, head, mStart, mEnd, tile * BlockN,
                          min((tile + 1) * BlockN, p.seqK)))
        ++tile;
    }
    return tile;
  }
};

} // namespace detail

template <typename T, int HeadDim, int BlockM, int BlockN, int NumWarps,
          bool Causal, bool Sharded, bool WithLse, bool HasBias>
// One block per SM is enough occupancy for this kernel: let ptxas use up
// to 255 registers rather than spill to fit more blocks.
__global__ void __launch_bounds__(NumWarps * 32, 1)
    attentionForwardKernel(const ForwardParams p) {
  static_assert(BlockM == 16 * NumWarps, "each warp owns 16 query rows");
  static_assert(HeadDim % 64 == 0 && BlockN % 16 == 0, "tile shapes");
  using namespace detail;
  constexpr int kThreads = NumWarps * 32;
  alignas(128) __shared__ T smem[(BlockM + 2 * BlockN) * HeadDim];
  T *sQ = smem, *sK = sQ + BlockM * HeadDim, *sV = sK + BlockN * HeadDim;

  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int head = blockIdx.y, batch = blockIdx.z;
  const int kvHead = head / (p.headsQ / p.headsKV);
  const int mStart = blockIdx.x * BlockM;
  const int mEnd = min(mStart + BlockM, p.seqQ);
  const T *qBase = static_cast<const T *>(p.q) + batch * p.qStrides[0] +
                   head * p.qStrides[1];
  const T *kBase = static_cast<const T *>(p.k) + batch * p.kStrides[0] +
                   kvHead * p.kStrides[1];
  const T *vBase = static_cast<const T *>(p.v) + batch * p.vStrides[0] +
                   kvHead * p.vStrides[1];
  T *oBase = static_cast<T *>(p.out) + batch * p.oStrides[0] +
             head * p.oStrides[1];

  const KeyTileRange<BlockN, Causal, Sharded> tiles(p, head, mStart, mEnd);
  const int tileEnd = tiles.end;

  loadTile<T, BlockM, HeadDim, kThreads>(sQ, qBase, p.qStrides[2], mStart,
                                         p.seqQ);
  commitAsync();
  int tile = tiles.next(0);
  if (tile < tileEnd)
    loadTile<T, BlockN, HeadDim, kThreads>(sK, kBase, p.kStrides[2],
                                           tile * BlockN, p.seqK);
  commitAsync();

  constexpr int kDimTiles = HeadDim / 8, kKeyTiles = BlockN / 8;
  float o[kDimTiles][4];
#pragma unroll
  for (int i = 0; i < kDimTiles; ++i)
    o[i][0] = o[i][1] = o[i][2] = o[i][3] = 0.f;
  float rowMax[2] = {negativeInfinity(), negativeInfinity()}, rowSum[2] = {0.f, 0.f};
  // This thread's rows (in the sequence) and first key column in a tile.
  const int row0 = mStart + warp * 16 + lane / 4;
  const int colInTile = (lane % 4) * 2;

  while (tile < tileEnd) {
    waitAsync<0>(); // Q (first time) and this tile's K
    __syncthreads();
    const int kStart = tile * BlockN;
    loadTile<T, BlockN, HeadDim, kThreads>(sV, vBase, p.vStrides[2], kStart,
                                           p.seqK);
    commitAsync();

    // S = Q K^T for this warp's 16 rows.
    float s[kKeyTiles][4];
#pragma unroll
    for (int i = 0; i < kKeyTiles; ++i)
      s[i][0] = s[i][1] = s[i][2] = s[i][3] = 0.f;
#pragma unroll
    for (int ks = 0; ks < HeadDim / 16; ++ks) {
      uint32_t a[4];
      ldmatrixX4(a, sQ + swizzled<HeadDim>(warp * 16 + lane % 16,
                                           ks * 2 + lane / 16));
#pragma unroll
      for (int n2 = 0; n2 < BlockN / 16; ++n2) {
        int matrix = lane / 8;
        uint32_t b[4];
        ldmatrixX4(b, sK + swizzled<HeadDim>(n2 * 16 + (matrix / 2) * 8 +
                                                 lane % 8,
                                             ks * 2 + matrix % 2));
        mma16816<T>(s[2 * n2], a, b[0], b[1]);
        mma16816<T>(s[2 * n2 + 1], a, b[2], b[3]);
      }
    }

    scaleAndMask<T, kKeyTiles, Causal, Sharded, HasBias>(
        s, p, head, batch, row0, kStart, colInTile,
        tileNeedsMask<BlockN, Causal>(p, mStart, kStart),
        Sharded && tileNeedsShardMask<BlockN>(p, head, mStart, mEnd - 1, kStart));
    onlineSoftmax(s, o, rowMax, rowSum);

    // Every warp is done with K: prefetch the next visible tile's K while
    // P.V runs, then wait for this tile's V (all but the newest group).
    __syncthreads();
    int next = tiles.next(tile + 1);
    if (next < tileEnd)
      loadTile<T, BlockN, HeadDim, kThreads>(sK, kBase, p.kStrides[2],
                                             next * BlockN, p.seqK);
    commitAsync();
    waitAsync<1>();
    __syncthreads();

    // O += P V, P straight from the S registers (the accumulator layout of
    // two n-tiles is the A-operand layout of one k-step).
#pragma unroll
    for (int ks = 0; ks < BlockN / 16; ++ks) {
      uint32_t a[4];
      packP<T>(a, s, ks);
#pragma unroll
      for (int d2 = 0; d2 < HeadDim / 16; ++d2) {
        int matrix = lane / 8;
        uint32_t b[4];
        ldmatrixX4Trans(b, sV + swizzled<HeadDim>(ks * 16 + (matrix % 2) * 8 +
                                                      lane % 8,
                                                  d2 * 2 + matrix / 2));
        mma16816<T>(o[2 * d2], a, b[0], b[1]);
        mma16816<T>(o[2 * d2 + 1], a, b[2], b[3]);
      }
    }
    __syncthreads(); // V is free for the next tile's load
    tile = next;
  }
  waitAsync<0>();

  storeOutput<T, kDimTiles, WithLse>(p, o, rowMax, rowSum, oBase, head, batch,
                                     row0, colInTile, lane);
}

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// Launches one attention forward on `stream`.
template <typename T, int HeadDim, int BlockM, int BlockN, int NumWarps,
          bool Causal, bool Sharded, bool WithLse, bool HasBias>
cudaError_t launchAttentionForward(const ForwardParams &p,
                                   cudaStream_t stream) {
  if (p.batch == 0 || p.headsQ == 0 || p.seqQ == 0)
    return cudaSuccess;
  dim3 grid((p.seqQ + BlockM - 1) / BlockM, p.headsQ, p.batch);
  attentionForwardKernel<T, HeadDim, BlockM, BlockN, NumWarps, Causal, Sharded,
                         WithLse, HasBias><<<grid, NumWarps * 32, 0, stream>>>(p);
  return cudaGetLastError();
}
#endif // host launcher

} // namespace accelkern_attention

#endif // ACCEL_ATTENTION_FORWARD_SM80_CUH
