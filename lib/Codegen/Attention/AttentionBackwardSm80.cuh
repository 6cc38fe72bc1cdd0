//===- AttentionBackwardSm80.cuh - FlashAttention-2 backward, sm_80+ ------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The attention backward template (FlashAttention-2, Algorithm 2). Needs the
// forward template's helpers (AttentionForwardSm80.cuh comes first).
//
//   1. preprocess: Delta[i] = rowsum(dO[i] * O[i]) in f32;
//   2. main: one block per (key tile, query head, batch); each warp owns 16
//      keys. K and V of the tile stay in shared memory while the visible
//      query tiles stream through: P^T = exp(scale K Q^T - lse) (masked
//      entries 0), dV += P^T dO, dP^T = V dO^T, dS^T = P^T (dP^T - Delta),
//      dK += dS^T Q, and dQ += scale dS K through dS^T staged in shared
//      memory, added atomically to an f32 dQ. dK and dV are added
//      atomically too, which sums GQA's query heads per kv head;
//   3. convert: dQ, dK (times scale), dV rounded once to the output type.
//
// Query tiles no key of the tile can see (causality, head sharding) are
// skipped. Tiles: BlockN = BlockM = 16 * NumWarps. Every shared tile, dS^T
// included, is XOR-swizzled by 16-byte chunk (conflict-free ldmatrix).
//
//===----------------------------------------------------------------------===//

// Guarded, not #pragma once: generated sources include the text inline.
#ifndef ACCEL_ATTENTION_BACKWARD_SM80_CUH
#define ACCEL_ATTENTION_BACKWARD_SM80_CUH

namespace accelkern_attention {

/// Run-time arguments of one attention backward. Strides are in elements
/// (batch, head, row); every tensor's last dim is contiguous. The f32
/// workspaces (dQ/dK/dV accumulators, Delta) are contiguous and zeroed.
struct BackwardParams {
  const void *q, *k, *v, *out, *dout;
  const float *lse;
  void *dq, *dk, *dv;
  float *dqAccum, *dkAccum, *dvAccum, *delta;
  int batch, headsQ, headsKV, seqQ, seqK;
  long long qStrides[3], kStrides[3], vStrides[3], oStrides[3], doStrides[3];
  long long dqStrides[3], dkStrides[3], dvStrides[3];
  long long lseStrides[2];
  float scale, scaleLog2;
  int shardCount, shardBlock, shardLocal;
};

namespace detail {
/// Element offset of (row, col) in the dS^T tile ([keys][queries], `Cols`
/// 16-bit elements a row): 16-byte chunks XOR-swizzled by row, like the
/// K/V tiles, so that the 8 rows one ldmatrix phase reads (and the 8 rows a
/// warp's staging stores write) fall in 8 different 16-byte bank groups.
/// Rows narrower than 128 bytes share a 128-byte line: the swizzle then
/// steps once per line (row / (8 / chunks)).
template <int Cols>
__device__ __forceinline__ int dsSwizzled(int row, int col) {
  static_assert(Cols % 16 == 0, "dS^T rows hold whole 16-byte chunks");
  constexpr int kChunks = Cols / 8;
  constexpr int kRowsPerLine = kChunks >= 8 ? 1 : 8 / kChunks;
  constexpr int kMask = (kChunks >= 8 ? 8 : kChunks) - 1;
  int chunk = (col / 8) ^ ((row / kRowsPerLine) & kMask);
  return row * Cols + chunk * 8 + col % 8;
}
} // namespace detail

/// Delta[b, h, i] = sum_d dO[b, h, i, d] * O[b, h, i, d]: one thread a row.
template <typename T, int HeadDim>
__global__ void attentionBackwardPreprocessKernel(const BackwardParams p) {
  using namespace detail;
  long long row = (long long)blockIdx.x * blockDim.x + threadIdx.x;
  long long rows = (long long)p.batch * p.headsQ * p.seqQ;
  if (row >= rows)
    return;
  int i = row % p.seqQ;
  int h = (row / p.seqQ) % p.headsQ;
  int b = row / ((long long)p.seqQ * p.headsQ);
  const T *o = static_cast<const T *>(p.out) + b * p.oStrides[0] +
               h * p.oStrides[1] + i * p.oStrides[2];
  const T *dO = static_cast<const T *>(p.dout) + b * p.doStrides[0] +
                h * p.doStrides[1] + i * p.doStrides[2];
  float sum = 0.f;
  for (int d = 0; d < HeadDim; ++d)
    sum += loadFloat<T>(o + d) * loadFloat<T>(dO + d);
  p.delta[row] = sum;
}

template <typename T, int HeadDim, int NumWarps, bool Causal, bool Sharded>
__global__ void __launch_bounds__(NumWarps * 32, 1)
    attentionBackwardKernel(const BackwardParams p) {
  using namespace detail;
  constexpr int kBlock = 16 * NumWarps; // keys per block = queries per tile
  constexpr int kThreads = NumWarps * 32;
  constexpr int kDimTiles = HeadDim / 8, kQueryTiles = kBlock / 8;
  // K, V (the block's keys), Q, dO (one query tile), dS^T, lse and Delta.
  alignas(128) __shared__ T smem[4 * kBlock * HeadDim + kBlock * kBlock];
  __shared__ float sLse[kBlock], sDelta[kBlock];
  T *sK = smem, *sV = sK + kBlock * HeadDim, *sQ = sV + kBlock * HeadDim;
  T *sDo = sQ + kBlock * HeadDim, *sDs = sDo + kBlock * HeadDim;

  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int head = blockIdx.y, batch = blockIdx.z;
  const int kvHead = head / (p.headsQ / p.headsKV);
  const int kStart = blockIdx.x * kBlock;
  const int kEnd = min(kStart + kBlock, p.seqK);
  const T *kBase = static_cast<const T *>(p.k) + batch * p.kStrides[0] +
                   kvHead * p.kStrides[1];
  const T *vBase = static_cast<const T *>(p.v) + batch * p.vStrides[0] +
                   kvHead * p.vStrides[1];
  const T *qBase = static_cast<const T *>(p.q) + batch * p.qStrides[0] +
                   head * p.qStrides[1];
  const T *doBase = static_cast<const T *>(p.dout) + batch * p.doStrides[0] +
                    head * p.doStrides[1];
  const float *lseBase = p.lse + batch * p.lseStrides[0] + head * p.lseStrides[1];
  const long long rowBase = ((long long)batch * p.headsQ + head) * p.seqQ;

  loadTile<T, kBlock, HeadDim, kThreads>(sK, kBase, p.kStrides[2], kStart, p.seqK);
  loadTile<T, kBlock, HeadDim, kThreads>(sV, vBase, p.vStrides[2], kStart, p.seqK);
  commitAsync();

  // Query tiles that can see a key of this block.
  const int numTiles = (p.seqQ + kBlock - 1) / kBlock;
  int firstTile = 0;
  if constexpr (Causal) {
    // Query i sees key j iff j <= i + (Sk - Sq): the first query that sees
    // kStart is kStart - (Sk - Sq).
    long long firstQuery = (long long)kStart - (p.seqK - p.seqQ);
    firstTile = firstQuery <= 0 ? 0 : (int)(firstQuery / kBlock);
    if (firstTile > numTiles)
      firstTile = numTiles;
  }

  float dK[kDimTiles][4], dV[kDimTiles][4];
#pragma unroll
  for (int i = 0; i < kDimTiles; ++i)
#pragma unroll
    for (int e = 0; e < 4; ++e)
      dK[i][e] = dV[i][e] = 0.f;
  // This thread's keys (rows of S^T) and first query column of a tile.
  const int key0 = kStart + warp * 16 + lane / 4;
  const int colInTile = (lane % 4) * 2;

  for (int tile = firstTile; tile < numTiles; ++tile) {
    const int mStart = tile * kBlock, mEnd = min(mStart + kBlock, p.seqQ);
    if constexpr (Sharded) {
      if (!tileVisible(p, head, mStart, mEnd, kStart, kEnd))
        continue;
    }
    loadTile<T, kBlock, HeadDim, kThreads>(sQ, qBase, p.qStrides[2], mStart, p.seqQ);
    loadTile<T, kBlock, HeadDim, kThreads>(sDo, doBase, p.doStrides[2], mStart, p.seqQ);
    commitAsync();
    for (int i = threadIdx.x; i < kBlock; i += kThreads) {
      bool valid = mStart + i < p.seqQ;
      sLse[i] = valid ? lseBase[mStart + i] : negativeInfinity();
      sDelta[i] = valid ? p.delta[rowBase + mStart + i] : 0.f;
    }
    waitAsync<0>();
    __syncthreads();

    // S^T = K Q^T and dP^T = V dO^T for this warp's 16 keys.
    float s[kQueryTiles][4], dp[kQueryTiles][4];
#pragma unroll
    for (int i = 0; i < kQueryTiles; ++i)
#pragma unroll
      for (int e = 0; e < 4; ++e)
        s[i][e] = dp[i][e] = 0.f;
    // Not unrolled: with dK and dV live, unrolling the head dim spills.
#pragma unroll 1
    for (int ks = 0; ks < HeadDim / 16; ++ks) {
      uint32_t aK[4], aV[4];
      ldmatrixX4(aK, sK + swizzled<HeadDim>(warp * 16 + lane % 16, ks * 2 + lane / 16));
      ldmatrixX4(aV, sV + swizzled<HeadDim>(warp * 16 + lane % 16, ks * 2 + lane / 16));
#pragma unroll
      for (int n2 = 0; n2 < kBlock / 16; ++n2) {
        int matrix = lane / 8;
        int row = n2 * 16 + (matrix / 2) * 8 + lane % 8, chunk = ks * 2 + matrix % 2;
        uint32_t bQ[4], bDo[4];
        ldmatrixX4(bQ, sQ + swizzled<HeadDim>(row, chunk));
        ldmatrixX4(bDo, sDo + swizzled<HeadDim>(row, chunk));
        mma16816<T>(s[2 * n2], aK, bQ[0], bQ[1]);
        mma16816<T>(s[2 * n2 + 1], aK, bQ[2], bQ[3]);
        mma16816<T>(dp[2 * n2], aV, bDo[0], bDo[1]);
        mma16816<T>(dp[2 * n2 + 1], aV, bDo[2], bDo[3]);
      }
    }

    // P^T = exp(scale s - lse) where visible, dS^T = P^T (dP^T - Delta).
#pragma unroll
    for (int nt = 0; nt < kQueryTiles; ++nt) {
#pragma unroll
      for (int e = 0; e < 4; ++e) {
        int key = key0 + (e >= 2 ? 8 : 0);
        int local = nt * 8 + colInTile + (e & 1), query = mStart + local;
        bool visible = key < p.seqK && query < p.seqQ;
        if constexpr (Causal)
          visible &= key <= query + (p.seqK - p.seqQ);
        if constexpr (Sharded)
          visible &= shardVisible(p, head, queryBlockOf(p, query),
                                  key / p.shardBlock);
        float lse = sLse[local];
        float prob = visible && lse != negativeInfinity()
                         ? exp2f(s[nt][e] * p.scaleLog2 - lse * 1.44269504088896341f)
                         : 0.f;
        s[nt][e] = prob;
        dp[nt][e] = prob * (dp[nt][e] - sDelta[local]);
      }
    }

    // dV += P^T dO and dK += dS^T Q (A straight from the registers).
#pragma unroll
    for (int ks = 0; ks < kBlock / 16; ++ks) {
      uint32_t aP[4] = {pack2<T>(s[2 * ks][0], s[2 * ks][1]),
                        pack2<T>(s[2 * ks][2], s[2 * ks][3]),
                        pack2<T>(s[2 * ks + 1][0], s[2 * ks + 1][1]),
                        pack2<T>(s[2 * ks + 1][2], s[2 * ks + 1][3])};
      uint32_t aS[4] = {pack2<T>(dp[2 * ks][0], dp[2 * ks][1]),
                        pack2<T>(dp[2 * ks][2], dp[2 * ks][3]),
                        pack2<T>(dp[2 * ks + 1][0], dp[2 * ks + 1][1]),
                        pack2<T>(dp[2 * ks + 1][2], dp[2 * ks + 1][3])};
#pragma unroll
      for (int d2 = 0; d2 < HeadDim / 16; ++d2) {
        int matrix = lane / 8;
        int row = ks * 16 + (matrix % 2) * 8 + lane % 8, chunk = d2 * 2 + matrix / 2;
        uint32_t bDo[4], bQ[4];
        ldmatrixX4Trans(bDo, sDo + swizzled<HeadDim>(row, chunk));
        ldmatrixX4Trans(bQ, sQ + swizzled<HeadDim>(row, chunk));
        mma16816<T>(dV[2 * d2], aP, bDo[0], bDo[1]);
        mma16816<T>(dV[2 * d2 + 1], aP, bDo[2], bDo[3]);
        mma16816<T>(dK[2 * d2], aS, bQ[0], bQ[1]);
        mma16816<T>(dK[2 * d2 + 1], aS, bQ[2], bQ[3]);
      }
      // Stage dS^T ([key][query], swizzled rows of kBlock) for dQ.
#pragma unroll
      for (int half = 0; half < 2; ++half) {
        int keyRow = warp * 16 + lane / 4;
        int query = ks * 16 + half * 8 + colInTile;
        *reinterpret_cast<uint32_t *>(sDs + dsSwizzled<kBlock>(keyRow, query)) =
            aS[2 * half];
        *reinterpret_cast<uint32_t *>(sDs + dsSwizzled<kBlock>(keyRow + 8, query)) =
            aS[2 * half + 1];
      }
    }
    __syncthreads();

    // dQ (this warp's 16 queries) += scale dS K, 32 head-dim columns at a
    // time, added atomically to the f32 accumulator.
    const int queryRow0 = mStart + warp * 16 + lane / 4;
#pragma unroll
    for (int dc = 0; dc < HeadDim / 32; ++dc) {
      float acc[4][4];
#pragma unroll
      for (int i = 0; i < 4; ++i)
        acc[i][0] = acc[i][1] = acc[i][2] = acc[i][3] = 0.f;
#pragma unroll
      for (int ks = 0; ks < kBlock / 16; ++ks) {
        // A = dS (queries x keys) read transposed from dS^T.
        int matrix = lane / 8;
        uint32_t a[4];
        ldmatrixX4Trans(a, sDs + dsSwizzled<kBlock>(ks * 16 + (matrix / 2) * 8 +
                                                        lane % 8,
                                                    warp * 16 + (matrix % 2) * 8));
#pragma unroll
        for (int d2 = 0; d2 < 2; ++d2) {
          int row = ks * 16 + (matrix % 2) * 8 + lane % 8;
          int chunk = dc * 4 + d2 * 2 + matrix / 2;
          uint32_t b[4];
          ldmatrixX4Trans(b, sK + swizzled<HeadDim>(row, chunk));
          mma16816<T>(acc[2 * d2], a, b[0], b[1]);
          mma16816<T>(acc[2 * d2 + 1], a, b[2], b[3]);
        }
      }
#pragma unroll
      for (int nt = 0; nt < 4; ++nt)
#pragma unroll
        for (int e = 0; e < 4; ++e) {
          int query = queryRow0 + (e >= 2 ? 8 : 0);
          int d = dc * 32 + nt * 8 + colInTile + (e & 1);
          if (query < p.seqQ)
            atomicAdd(p.dqAccum + (rowBase + query) * HeadDim + d,
                      acc[nt][e] * p.scale);
        }
    }
    __syncthreads(); // Q, dO and dS^T are reloaded for the next tile
  }

  // dK and dV of this warp's keys (GQA: summed over query heads).
  const long long kvRowBase = ((long long)batch * p.headsKV + kvHead) * p.seqK;
#pragma unroll
  for (int r = 0; r < 2; ++r) {
    int key = key0 + 8 * r;
    if (key >= p.seqK)
      continue;
#pragma unroll
    for (int dt = 0; dt < kDimTiles; ++dt)
#pragma unroll
      for (int e = 0; e < 2; ++e) {
        long long at = (kvRowBase + key) * HeadDim + dt * 8 + colInTile + e;
        atomicAdd(p.dkAccum + at, dK[dt][2 * r + e] * p.scale);
        atomicAdd(p.dvAccum + at, dV[dt][2 * r + e]);
      }
  }
}

/// Rounds an f32 accumulator [rows][HeadDim] (contiguous) once into a
/// strided [B, H, S, HeadDim] output: one thread an element.
template <typename T, int HeadDim>
__global__ void attentionBackwardConvertKernel(const float *accum, void *out,
                                               long long elements, int heads,
                                               int seq, long long batchStride,
                                               long long headStride,
                                               long long rowStride) {
  using namespace detail;
  long long index = (long long)blockIdx.x * blockDim.x + threadIdx.x;
  if (index >= elements)
    return;
  int d = index % HeadDim;
  long long row = index / HeadDim;
  int i = row % seq;
  int h = (row / seq) % heads;
  long long b = row / ((long long)seq * heads);
  uint32_t packed = pack2<T>(accum[index], 0.f);
  *reinterpret_cast<uint16_t *>(static_cast<T *>(out) + b * batchStride +
                                h * headStride + i * rowStride + d) =
      uint16_t(packed & 0xffff);
}

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// Launches one attention backward on `stream`: zeroed f32 workspaces
/// (stream-ordered), preprocess, main, convert. `p`'s workspace pointers
/// are filled here.
template <typename T, int HeadDim, int NumWarps, bool Causal, bool Sharded>
cudaError_t launchAttentionBackward(BackwardParams p, cudaStream_t stream) {
  constexpr int kBlock = 16 * NumWarps;
  long long rows = (long long)p.batch * p.headsQ * p.seqQ;
  long long qElements = rows * HeadDim;
  long long kElements = (long long)p.batch * p.headsKV * p.seqK * HeadDim;
  if (qElements == 0 && kElements == 0)
    return cudaSuccess;
  size_t bytes = sizeof(float) * (qElements + 2 * kElements + rows);
  float *workspace = nullptr;
  if (cudaError_t e = cudaMallocAsync(&workspace, bytes, stream))
    return e;
  // From here every return frees the workspace (one exit below).
  cudaError_t status = cudaMemsetAsync(workspace, 0, bytes, stream);
  if (status != cudaSuccess) {
    cudaFreeAsync(workspace, stream);
    return status;
  }
  p.dqAccum = workspace;
  p.dkAccum = p.dqAccum + qElements;
  p.dvAccum = p.dkAccum + kElements;
  p.delta = p.dvAccum + kElements;
  if (rows > 0)
    attentionBackwardPreprocessKernel<T, HeadDim>
        <<<(unsigned)((rows + 255) / 256), 256, 0, stream>>>(p);
  if (p.seqK > 0 && rows > 0) {
    dim3 grid((p.seqK + kBlock - 1) / kBlock, p.headsQ, p.batch);
    attentionBackwardKernel<T, HeadDim, NumWarps, Causal, Sharded>
        <<<grid, NumWarps * 32, 0, stream>>>(p);
  }
  auto convert = [&](const float *accum, void *out, long long elements,
                     int heads, int seq, const long long *strides) {
    if (elements > 0)
      attentionBackwardConvertKernel<T, HeadDim>
          <<<(unsigned)((elements + 255) / 256), 256, 0, stream>>>(
              accum, out, elements, heads, seq, strides[0], strides[1],
              strides[2]);
  };
  convert(p.dqAccum, p.dq, qElements, p.headsQ, p.seqQ, p.dqStrides);
  convert(p.dkAccum, p.dk, kElements, p.headsKV, p.seqK, p.dkStrides);
  convert(p.dvAccum, p.dv, kElements, p.headsKV, p.seqK, p.dvStrides);
  status = cudaGetLastError();
  cudaError_t freed = cudaFreeAsync(workspace, stream);
  return status != cudaSuccess ? status : freed;
}
#endif // host launcher

} // namespace accelkern_attention

#endif // ACCEL_ATTENTION_BACKWARD_SM80_CUH
