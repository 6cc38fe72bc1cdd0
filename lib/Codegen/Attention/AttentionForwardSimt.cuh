//===- AttentionForwardSimt.cuh - FlashAttention-2 forward, CUDA cores ----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The attention forward for what the tensor-core kernels do not take: f32
// q/k/v (f32 products and accumulation, as the IR's f32 means: TF32 would
// keep 10 mantissa bits of each input), and bf16/f16 with a head dim other
// than 64 or 128, or a value head dim Dv that differs from it (elements
// widened to f32 as they are loaded, outputs rounded once). Any static
// head dims from 1 to 256.
//
// One block of 256 threads (16 x 16) owns BlockM query rows of one (batch,
// query head) and walks key tiles of BlockN keys with FlashAttention-2's
// online softmax in the exp2 domain. Thread (ty, tx) owns rows ty + 16 i,
// the tile's keys tx + 16 j and the output columns tx + 16 c, so the 16
// threads of a row are one half-warp (its max and sum are four xor
// shuffles). Q (once), then each tile's K, P and V live in dynamic shared
// memory as f32; K and V take turns in one buffer. Rows are padded to an
// odd number of floats: the 16 rows a half-warp reads at one head-dim
// index fall on 16 distinct banks.
//
// Semantics are the sm_80 forward's (AttentionForwardSm80.cuh, whose
// parameters and tile-visibility helpers it shares): bottom-right causal
// alignment, GQA head mapping h / (Hq / Hkv), S2-Attention head sharding
// with invisible tiles skipped, an optional additive bias (f32 or the input
// type, any broadcast), out = 0 and lse = -inf for a row that sees no key.
//
//===----------------------------------------------------------------------===//

// Guarded, not #pragma once: generated sources include the text inline.
#ifndef ACCEL_ATTENTION_FORWARD_SIMT_CUH
#define ACCEL_ATTENTION_FORWARD_SIMT_CUH

#ifndef ACCEL_ATTENTION_FORWARD_SM80_CUH
// Generated sources carry the sm_80 forward's text above this one.
#include "AttentionForwardSm80.cuh"
#endif

namespace accelkern_attention {

namespace simt {

using namespace ::accelkern_tc;

constexpr int kThreads = 256;

/// n floats padded to an odd count (a variable, not a function: device
/// code may read it without --expt-relaxed-constexpr).
template <int N> constexpr int kOddStride = N % 2 == 0 ? N + 1 : N;

/// Where Q, the K/V tile and P sit in the block's dynamic shared memory
/// (in floats); kBytes is what the launch asks for.
template <int HeadDim, int ValueDim, int BlockM, int BlockN> struct Layout {
  static constexpr int kQStride = kOddStride<HeadDim>;
  static constexpr int kKVStride =
      kOddStride<(HeadDim > ValueDim ? HeadDim : ValueDim)>;
  static constexpr int kPStride = kOddStride<BlockN>;
  static constexpr int kKVOffset = BlockM * kQStride;
  static constexpr int kPOffset = kKVOffset + BlockN * kKVStride;
  static constexpr int kBytes = (kPOffset + BlockM * kPStride) * 4;
};

#ifdef ACCEL_CUDA_EMULATION
inline float *sharedFloats() {
  return reinterpret_cast<float *>(::accelkern_tc::dynamicSharedMemory());
}
#else
__device__ __forceinline__ float *sharedFloats() {
  extern __shared__ float4 accelSimtShared[];
  return reinterpret_cast<float *>(accelSimtShared);
}
#endif

/// Copies rows [first, first + Rows) of a [seq][Width] matrix (row stride
/// `rowStride`) into a [Rows][Stride] f32 tile; rows >= `limit` become
/// zeros (a P of 0 times a V of NaN would still be NaN).
template <typename T, int Width, int Stride, int Rows>
__device__ __forceinline__ void loadRows(float *tile, const T *base,
                                         long long rowStride, int first,
                                         int limit) {
  for (int e = threadIdx.x; e < Rows * Width; e += kThreads) {
    int row = e / Width, col = e % Width;
    tile[row * Stride + col] =
        first + row < limit
            ? loadAsFloat(base + (long long)(first + row) * rowStride + col)
            : 0.f;
  }
}

/// The sum (or max) of a value over the 16 threads of a half-warp.
__device__ __forceinline__ float rowSum16(float v) {
#pragma unroll
  for (int mask = 1; mask < 16; mask *= 2)
    v += __shfl_xor_sync(0xffffffffu, v, mask);
  return v;
}
__device__ __forceinline__ float rowMax16(float v) {
#pragma unroll
  for (int mask = 1; mask < 16; mask *= 2)
    v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, mask));
  return v;
}

} // namespace simt

template <typename T, int HeadDim, int ValueDim, int BlockM, int BlockN,
          bool Causal, bool Sharded, bool WithLse, bool HasBias>
__global__ void __launch_bounds__(256)
    attentionForwardSimtKernel(const ForwardParams p) {
  static_assert(BlockM % 16 == 0 && BlockN % 16 == 0 && BlockM <= 64 &&
                    BlockN <= 64,
                "tiles of 16 to 64 in steps of 16");
  static_assert(HeadDim >= 1 && HeadDim <= 256 && ValueDim >= 1 &&
                    ValueDim <= 256,
                "head dims from 1 to 256");
  using namespace simt;
  using L = Layout<HeadDim, ValueDim, BlockM, BlockN>;
  constexpr int kRows = BlockM / 16, kKeys = BlockN / 16;
  constexpr int kCols = (ValueDim + 15) / 16;
  float *sQ = sharedFloats();
  float *sKV = sQ + L::kKVOffset, *sP = sQ + L::kPOffset;

  const int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
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

  loadRows<T, HeadDim, L::kQStride, BlockM>(sQ, qBase, p.qStrides[2], mStart,
                                            p.seqQ);

  float o[kRows][kCols];
  float rowMax[kRows], rowSum[kRows]; // rowSum: this thread's keys only
#pragma unroll
  for (int i = 0; i < kRows; ++i) {
    rowMax[i] = negativeInfinity();
    rowSum[i] = 0.f;
#pragma unroll
    for (int c = 0; c < kCols; ++c)
      o[i][c] = 0.f;
  }
  const int causalOffset = p.seqK - p.seqQ;

  const detail::KeyTileRange<BlockN, Causal, Sharded> tiles(p, head, mStart,
                                                            mEnd);
  for (int tile = tiles.next(0); tile < tiles.end;
       tile = tiles.next(tile + 1)) {
    const int kStart = tile * BlockN;
    __syncthreads(); // the last tile's V and P are read (Q written, first)
    loadRows<T, HeadDim, L::kKVStride, BlockN>(sKV, kBase, p.kStrides[2],
                                               kStart, p.seqK);
    __syncthreads();

    // S = Q K^T for this thread's rows and keys.
    float s[kRows][kKeys];
#pragma unroll
    for (int i = 0; i < kRows; ++i)
#pragma unroll
      for (int j = 0; j < kKeys; ++j)
        s[i][j] = 0.f;
#pragma unroll 4
    for (int d = 0; d < HeadDim; ++d) {
      float q[kRows], k[kKeys];
#pragma unroll
      for (int i = 0; i < kRows; ++i)
        q[i] = sQ[(ty + 16 * i) * L::kQStride + d];
#pragma unroll
      for (int j = 0; j < kKeys; ++j)
        k[j] = sKV[(tx + 16 * j) * L::kKVStride + d];
#pragma unroll
      for (int i = 0; i < kRows; ++i)
#pragma unroll
        for (int j = 0; j < kKeys; ++j)
          s[i][j] = fmaf(q[i], k[j], s[i][j]);
    }

    // Scale into the exp2 domain, add the bias, mask (interior tiles skip
    // the per-element tests), then the online softmax step; P to shared.
    const bool edge = detail::tileNeedsMask<BlockN, Causal>(p, mStart, kStart);
    bool shardEdge = false;
    if constexpr (Sharded)
      shardEdge =
          detail::tileNeedsShardMask<BlockN>(p, head, mStart, mEnd - 1, kStart);
#pragma unroll
    for (int i = 0; i < kRows; ++i) {
      const int row = mStart + ty + 16 * i;
      int queryBlock = 0;
      if constexpr (Sharded)
        if (shardEdge)
          queryBlock = detail::queryBlockOf(p, row);
#pragma unroll
      for (int j = 0; j < kKeys; ++j) {
        const int col = kStart + tx + 16 * j;
        bool masked = false;
        if (edge) {
          masked = col >= p.seqK;
          if constexpr (Causal)
            masked |= col > row + causalOffset;
        }
        if constexpr (Sharded) {
          if (shardEdge) {
            int keyBlock = col / p.shardBlock;
            int distance = queryBlock - keyBlock;
            masked |= !(keyBlock % p.shardCount == head % p.shardCount ||
                        (distance >= 0 && distance < p.shardLocal));
          }
        }
        float bias = 0.f;
        if (HasBias && !masked && row < p.seqQ) {
          long long at = batch * p.biasStrides[0] + head * p.biasStrides[1] +
                         row * p.biasStrides[2] + col * p.biasStrides[3];
          bias = p.biasIsFloat
                     ? static_cast<const float *>(p.bias)[at]
                     : loadAsFloat<T>(static_cast<const T *>(p.bias) + at);
        }
        s[i][j] = masked ? negativeInfinity()
                         : s[i][j] * p.scaleLog2 + bias * 1.44269504088896341f;
      }
      float mx = rowMax[i];
#pragma unroll
      for (int j = 0; j < kKeys; ++j)
        mx = fmaxf(mx, s[i][j]);
      mx = rowMax16(mx);
      // A row that has seen only masked keys keeps max -inf; subtract 0
      // then so that exp2 gives exact zeros instead of NaN.
      const float base = mx == negativeInfinity() ? 0.f : mx;
      const float alpha = exp2Fast(rowMax[i] - base);
      rowMax[i] = mx;
      rowSum[i] *= alpha;
#pragma unroll
      for (int c = 0; c < kCols; ++c)
        o[i][c] *= alpha;
#pragma unroll
      for (int j = 0; j < kKeys; ++j) {
        float e = exp2Fast(s[i][j] - base);
        rowSum[i] += e;
        sP[(ty + 16 * i) * L::kPStride + tx + 16 * j] = e;
      }
    }

    __syncthreads(); // K is read, P complete
    loadRows<T, ValueDim, L::kKVStride, BlockN>(sKV, vBase, p.vStrides[2],
                                                kStart, p.seqK);
    __syncthreads();

    // O += P V (keys past the sequence have P = 0 and V rows of zeros).
#pragma unroll 4
    for (int key = 0; key < BlockN; ++key) {
      float pk[kRows];
#pragma unroll
      for (int i = 0; i < kRows; ++i)
        pk[i] = sP[(ty + 16 * i) * L::kPStride + key];
#pragma unroll
      for (int c = 0; c < kCols; ++c) {
        if (c < kCols - 1 || tx + 16 * c < ValueDim) {
          float v = sKV[key * L::kKVStride + tx + 16 * c];
#pragma unroll
          for (int i = 0; i < kRows; ++i)
            o[i][c] = fmaf(pk[i], v, o[i][c]);
        }
      }
    }
  }

  // Normalize, round once, store; lse in natural log (-inf for a row that
  // saw no key). The shuffles come before any row leaves.
#pragma unroll
  for (int i = 0; i < kRows; ++i) {
    const float sum = rowSum16(rowSum[i]);
    const float inv = sum > 0.f ? 1.f / sum : 0.f;
    const int row = mStart + ty + 16 * i;
    if (row >= p.seqQ)
      continue;
    T *outRow = oBase + row * p.oStrides[2];
#pragma unroll
    for (int c = 0; c < kCols; ++c)
      if (c < kCols - 1 || tx + 16 * c < ValueDim)
        storeOut<T>(outRow + tx + 16 * c, o[i][c] * inv);
    if constexpr (WithLse) {
      if (tx == 0)
        p.lse[batch * p.lseStrides[0] + head * p.lseStrides[1] + row] =
            sum > 0.f ? (rowMax[i] + log2f(sum)) * 0.69314718055994531f
                      : negativeInfinity();
    }
  }
}

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// Launches one attention forward on the CUDA cores on `stream`.
template <typename T, int HeadDim, int ValueDim, int BlockM, int BlockN,
          bool Causal, bool Sharded, bool WithLse, bool HasBias>
cudaError_t launchAttentionForwardSimt(const ForwardParams &p,
                                       cudaStream_t stream) {
  if (p.batch == 0 || p.headsQ == 0 || p.seqQ == 0)
    return cudaSuccess;
  auto kernel = attentionForwardSimtKernel<T, HeadDim, ValueDim, BlockM,
                                           BlockN, Causal, Sharded, WithLse,
                                           HasBias>;
  constexpr int bytes =
      simt::Layout<HeadDim, ValueDim, BlockM, BlockN>::kBytes;
  // Above the 48 KiB every block may use, the kernel opts in (the config
  // verifier checked the target's limit).
  if (bytes > 48 * 1024)
    if (cudaError_t status = cudaFuncSetAttribute(
            kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, bytes))
      return status;
  dim3 grid((p.seqQ + BlockM - 1) / BlockM, p.headsQ, p.batch);
  kernel<<<grid, simt::kThreads, bytes, stream>>>(p);
  return cudaGetLastError();
}
#endif // host launcher

} // namespace accelkern_attention

#endif // ACCEL_ATTENTION_FORWARD_SIMT_CUH
