//===- AttentionForwardSm90.cuh - FlashAttention forward, sm_90a ----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The sm_90a attention forward: Hopper's asynchronous tensor cores and copy
// engine with warp specialization, in the manner of FlashAttention-3.
//
// A block of 384 threads computes 128 query rows of one (batch, query
// head). Warpgroup 0 is the producer: after giving up registers
// (setmaxnreg.dec) one of its threads streams Q once and then K and V tiles
// of BlockN keys into a ring of `Stages` shared-memory buffers with TMA
// (cp.async.bulk.tensor, 128-byte swizzle), each buffer guarded by "full"
// and "empty" mbarriers. Warpgroups 1 and 2 are consumers of 64 rows each
// (setmaxnreg.inc): S = Q K^T is one wgmma chain with both operands in
// shared memory, the online softmax runs on the accumulator registers, and
// O += P V is a wgmma chain with P in registers (the accumulator layout is
// the A-fragment layout) and V read N-major from shared memory. A consumer
// releases a buffer to the producer once its P.V has completed.
//
// Semantics are the sm_80 template's (shared helpers in
// AttentionForwardSm80.cuh, which generated sources emit first): bottom-right
// causal, GQA, head_shard tile skipping in both roles, bias, lse, any
// length (TMA fills rows past the end with zeros).
//
// Shared-memory layout: the 128-byte-swizzled halves of 64 columns of
// Common/TensorCoreSm90.cuh (which holds the wgmma, TMA and mbarrier
// primitives): K-major for Q and K, N-major for V.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_ATTENTION_FORWARD_SM90_CUH
#define ACCEL_ATTENTION_FORWARD_SM90_CUH

#ifndef ACCEL_TENSOR_CORE_SM90_CUH
// Generated sources carry the primitives' text above this one.
#include "../Common/TensorCoreSm90.cuh"
#endif

namespace accelkern_attention {

using ::accelkern_tc::TmaDescriptor;
using ::accelkern_tc::TmaTensor;

/// Arguments of the sm_90a kernel: the forward's and tensor maps of q, k, v.
struct ForwardSm90Params {
  ForwardParams p;
  TmaDescriptor q, k, v;
};

namespace detail {
using namespace ::accelkern_tc;
} // namespace detail

template <typename T, int HeadDim, int BlockN, int Stages, bool Causal,
          bool Sharded, bool WithLse, bool HasBias>
__global__ void __launch_bounds__(384, 1)
    attentionForwardSm90Kernel(const __grid_constant__ ForwardSm90Params
                                   params) {
  static_assert(HeadDim == 64 || HeadDim == 128, "head dim");
  static_assert(BlockN == 64 || BlockN == 128, "key tile");
  static_assert(Stages >= 1 && Stages <= 4, "stages");
  using namespace detail;
  constexpr int kBlockM = 128, kConsumerThreads = 256;
  constexpr int kHalves = HeadDim / 64;
  constexpr uint32_t kTileBytes = BlockN * HeadDim * 2;
  constexpr int kKeyTiles = BlockN / 8, kDimTiles = HeadDim / 8;

  unsigned char *raw = dynamicSharedMemory();
  unsigned char *base = raw + ((1024 - (smemAddress(raw) & 1023)) & 1023);
  T *sQ = reinterpret_cast<T *>(base);
  T *sK = sQ + kBlockM * HeadDim;
  T *sV = sK + Stages * BlockN * HeadDim;
  uint64_t *qFull = reinterpret_cast<uint64_t *>(sV + Stages * BlockN * HeadDim);
  uint64_t *kFull = qFull + 1, *vFull = kFull + Stages, *empty = vFull + Stages;

  const ForwardParams &p = params.p;
  const int head = blockIdx.y, batch = blockIdx.z;
  const int kvHead = head / (p.headsQ / p.headsKV);
  const int mStart = blockIdx.x * kBlockM;
  const int mEnd = min(mStart + kBlockM, p.seqQ);
  const KeyTileRange<BlockN, Causal, Sharded> tiles(p, head, mStart, mEnd);

  if (threadIdx.x == 0) {
    mbarrierInit(qFull, 1);
    for (int s = 0; s < Stages; ++s) {
      mbarrierInit(&kFull[s], 1);
      mbarrierInit(&vFull[s], 1);
      mbarrierInit(&empty[s], kConsumerThreads);
    }
    fenceBarrierInit();
  }
  __syncthreads();

  if (threadIdx.x < 128) {
    // Producer warpgroup: one thread drives the copy engine.
    setMaxRegistersDec<kSm90ProducerRegisters>();
    if (threadIdx.x == 0) {
      mbarrierArriveExpectTx(qFull, kBlockM * HeadDim * 2);
#pragma unroll
      for (int h = 0; h < kHalves; ++h)
        tmaLoad4d(sQ + h * kBlockM * 64, &params.q, qFull, h * 64, mStart,
                  head, batch);
      int i = 0;
      for (int tile = tiles.next(0); tile < tiles.end;
           tile = tiles.next(tile + 1), ++i) {
        const int stage = i % Stages;
        // The previous use of this buffer must be released (passes at once
        // on the first round: the "previous phase" counts as complete).
        mbarrierWait(&empty[stage], ((i / Stages) & 1) ^ 1);
        T *k = sK + stage * BlockN * HeadDim, *v = sV + stage * BlockN * HeadDim;
        mbarrierArriveExpectTx(&kFull[stage], kTileBytes);
#pragma unroll
        for (int h = 0; h < kHalves; ++h)
          tmaLoad4d(k + h * BlockN * 64, &params.k, &kFull[stage], h * 64,
                    tile * BlockN, kvHead, batch);
        mbarrierArriveExpectTx(&vFull[stage], kTileBytes);
#pragma unroll
        for (int h = 0; h < kHalves; ++h)
          tmaLoad4d(v + h * BlockN * 64, &params.v, &vFull[stage], h * 64,
                    tile * BlockN, kvHead, batch);
      }
    }
    return;
  }

  // Consumer warpgroups: 64 query rows each.
  setMaxRegistersInc<kSm90ConsumerRegisters>();
  const int consumer = threadIdx.x / 128 - 1;
  const int warp = (threadIdx.x % 128) / 32, lane = threadIdx.x % 32;
  const int rowFirst = mStart + consumer * 64;
  const int row0 = rowFirst + warp * 16 + lane / 4;
  const int colInTile = (lane % 4) * 2;
  T *oBase = static_cast<T *>(p.out) + batch * p.oStrides[0] +
             head * p.oStrides[1];
  const uint32_t qAddress = smemAddress(sQ) + consumer * 64 * 128;
  const uint32_t kAddress = smemAddress(sK), vAddress = smemAddress(sV);

  float o[kDimTiles][4];
#pragma unroll
  for (int i = 0; i < kDimTiles; ++i)
    o[i][0] = o[i][1] = o[i][2] = o[i][3] = 0.f;
  float rowMax[2] = {negativeInfinity(), negativeInfinity()};
  float rowSum[2] = {0.f, 0.f};

  mbarrierWait(qFull, 0);
  int i = 0;
  for (int tile = tiles.next(0); tile < tiles.end;
       tile = tiles.next(tile + 1), ++i) {
    const int stage = i % Stages;
    const uint32_t parity = (i / Stages) & 1;
    const int kStart = tile * BlockN;

    // S = Q K^T: D/16 k steps; step ks is 32 bytes into half ks / 4. The
    // order is CUTLASS's and FA3's: operands fenced, wgmma.fence, the
    // chain, commit, wait, operands fenced again. S starts with scale-d = 0
    // (its first k step overwrites it): there is no earlier write of S to
    // order before the fence.
    float s[kKeyTiles][4];
    mbarrierWait(&kFull[stage], parity);
    wgmmaFence();
#pragma unroll
    for (int ks = 0; ks < HeadDim / 16; ++ks) {
      uint64_t descA = kMajorDescriptor<kBlockM>(qAddress, ks);
      uint64_t descB = kMajorDescriptor<BlockN>(kAddress + stage * kTileBytes, ks);
      wgmmaSS<T, BlockN>(s, descA, descB, ks > 0);
    }
    wgmmaCommit();
    wgmmaWait<0>();
    fenceOperands(s);

    scaleAndMask<T, kKeyTiles, Causal, Sharded, HasBias>(
        s, p, head, batch, row0, kStart, colInTile,
        tileNeedsMask<BlockN, Causal>(p, rowFirst, kStart),
        Sharded && tileNeedsShardMask<BlockN>(p, head, rowFirst, rowFirst + 63,
                                              kStart));
    onlineSoftmax(s, o, rowMax, rowSum);
    // P stays in registers until the P.V chain has completed.
    uint32_t pFragments[BlockN / 16][4];
#pragma unroll
    for (int ks = 0; ks < BlockN / 16; ++ks)
      packP<T>(pFragments[ks], s, ks);

    // O += P V: BlockN/16 k steps of 16 keys (2048 bytes apart); the
    // leading byte offset steps to the next 64 columns (the next half).
    // O (just rescaled by the softmax) and P (just packed) are register
    // operands of this chain: their writes are fenced before wgmma.fence,
    // which orders them with the asynchronous reads.
    mbarrierWait(&vFull[stage], parity);
    fenceOperands(o);
    fenceFragments(pFragments);
    wgmmaFence();
#pragma unroll
    for (int ks = 0; ks < BlockN / 16; ++ks) {
      uint64_t descV = mnMajorDescriptor<BlockN>(vAddress + stage * kTileBytes, ks);
      wgmmaRS<T, HeadDim>(o, pFragments[ks], descV, 1);
    }
    wgmmaCommit();
    wgmmaWait<0>();
    // ... and fenced again after the wait (FA3's flash::gemm for a
    // register A operand): no read of O or reuse of P's registers moves
    // above it.
    fenceOperands(o);
    fenceFragments(pFragments);
    mbarrierArrive(&empty[stage]);
  }

  storeOutput<T, kDimTiles, WithLse>(p, o, rowMax, rowSum, oBase, head, batch,
                                     row0, colInTile, lane);
}

#if !defined(__CUDACC_RTC__)
/// Dynamic shared memory of one block: 1024 bytes of alignment slack, Q,
/// the K and V rings, then the mbarriers.
template <int HeadDim, int BlockN, int Stages>
constexpr int forwardSm90SharedBytes() {
  return 1024 + (128 + 2 * Stages * BlockN) * HeadDim * 2 +
         (1 + 3 * Stages) * 8;
}

/// How many of the tensor maps q, k, v one forward encodes: k and v only
/// when there are keys. With Sk = 0 no K/V tile is ever loaded (every row
/// gets out = 0, lse = -inf, as on sm_80), and a tensor map with a zero
/// dim is what cuTensorMapEncodeTiled rejects.
inline int forwardSm90MapCount(const ForwardParams &p) {
  return p.seqK > 0 ? 3 : 1;
}

/// Whether a forward has no block to launch (B, Hq or Sq is 0): the
/// launcher returns before encoding any tensor map.
inline bool forwardSm90GridEmpty(const ForwardParams &p) {
  return p.batch == 0 || p.headsQ == 0 || p.seqQ == 0;
}

/// The tensor maps' descriptions for one forward (the first
/// forwardSm90MapCount(p) of q, k, v); false when TMA cannot address one
/// (base not 16-byte aligned, a stride not a multiple of 16 bytes).
template <typename T>
inline bool describeForwardTensors(const ForwardParams &p, int boxRowsQ,
                                   int boxRowsKV, TmaTensor (&tensors)[3],
                                   int headDim) {
  const void *bases[3] = {p.q, p.k, p.v};
  const long long *strides[3] = {p.qStrides, p.kStrides, p.vStrides};
  const int rows[3] = {p.seqQ, p.seqK, p.seqK};
  const int heads[3] = {p.headsQ, p.headsKV, p.headsKV};
  for (int t = 0; t < forwardSm90MapCount(p); ++t) {
    TmaTensor &d = tensors[t];
    d.base = bases[t];
    d.dims[0] = (unsigned long long)headDim;
    d.dims[1] = (unsigned long long)rows[t];
    d.dims[2] = (unsigned long long)heads[t];
    d.dims[3] = (unsigned long long)p.batch;
    for (int s = 0; s < 3; ++s)
      d.strides[s] = (unsigned long long)strides[t][2 - s] * 2;
    d.box[0] = 64;
    d.box[1] = (unsigned)(t == 0 ? boxRowsQ : boxRowsKV);
    d.bf16 = std::is_same<T, __nv_bfloat16>::value;
    if (reinterpret_cast<uintptr_t>(d.base) % 16 != 0)
      return false;
    for (unsigned long long stride : d.strides)
      if (stride % 16 != 0 || stride >= (1ull << 40))
        return false;
  }
  return true;
}

/// What the host does before one sm_90a launch.
enum class ForwardSm90Setup {
  Launch,       ///< params filled, tensor maps encoded
  Empty,        ///< an empty grid: launch nothing, encode nothing
  Misaligned,   ///< TMA cannot address q, k or v
  EncodeFailed, ///< the encoder refused a tensor map
};

/// The host side of one sm_90a forward, shared by the launcher and the
/// emulation tests: an empty grid launches nothing; otherwise the params
/// and the first forwardSm90MapCount(p) tensor maps, each through
/// `encode(TmaDescriptor *, const TmaTensor &) -> bool` (never a map with a
/// zero dim: Sk = 0 encodes q only).
template <typename T, int HeadDim, int BlockN, typename Encode>
inline ForwardSm90Setup setUpForwardSm90(const ForwardParams &p,
                                         ForwardSm90Params &params,
                                         Encode &&encode) {
  if (forwardSm90GridEmpty(p))
    return ForwardSm90Setup::Empty;
  params = {};
  params.p = p;
  TmaTensor tensors[3];
  if (!describeForwardTensors<T>(p, 128, BlockN, tensors, HeadDim))
    return ForwardSm90Setup::Misaligned;
  TmaDescriptor *maps[3] = {&params.q, &params.k, &params.v};
  for (int t = 0; t < forwardSm90MapCount(p); ++t)
    if (!encode(maps[t], tensors[t]))
      return ForwardSm90Setup::EncodeFailed;
  return ForwardSm90Setup::Launch;
}
#endif

#if !defined(__CUDACC_RTC__)
using ::accelkern_tc::encodeTmaDescriptor;
#endif

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// Launches one attention forward on `stream` (sm_90a).
template <typename T, int HeadDim, int BlockN, int Stages, bool Causal,
          bool Sharded, bool WithLse, bool HasBias>
cudaError_t launchAttentionForwardSm90(const ForwardParams &p,
                                       cudaStream_t stream) {
  ForwardSm90Params params;
  cudaError_t encoded = cudaSuccess;
  switch (setUpForwardSm90<T, HeadDim, BlockN>(
      p, params, [&](TmaDescriptor *map, const TmaTensor &t) {
        encoded = encodeTmaDescriptor(map, t);
        return encoded == cudaSuccess;
      })) {
  case ForwardSm90Setup::Empty:
    return cudaSuccess;
  case ForwardSm90Setup::Misaligned:
    return cudaErrorMisalignedAddress;
  case ForwardSm90Setup::EncodeFailed:
    return encoded;
  case ForwardSm90Setup::Launch:
    break;
  }
  auto kernel = attentionForwardSm90Kernel<T, HeadDim, BlockN, Stages, Causal,
                                           Sharded, WithLse, HasBias>;
  constexpr int bytes = forwardSm90SharedBytes<HeadDim, BlockN, Stages>();
  if (cudaError_t status = cudaFuncSetAttribute(
          kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, bytes))
    return status;
  dim3 grid((p.seqQ + 127) / 128, p.headsQ, p.batch);
  kernel<<<grid, 384, bytes, stream>>>(params);
  return cudaGetLastError();
}
#endif // host launcher

} // namespace accelkern_attention

#endif // ACCEL_ATTENTION_FORWARD_SM90_CUH
