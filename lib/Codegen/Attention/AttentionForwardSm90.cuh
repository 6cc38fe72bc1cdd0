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
// Shared-memory layout: a tile of R rows x D columns is D/64 "halves" of R
// rows x 128 bytes (64 elements), one TMA box each, rows 128 bytes apart,
// 16-byte chunks XOR-swizzled by row % 8 (Swizzle<3,4,3> on the address),
// every half 1024-byte aligned. That is the canonical 128B-swizzle layout
// of wgmma: K-major for Q and K (8-row groups 1024 bytes apart, a 16-wide
// k step is 32 bytes further inside the swizzled row), N-major for V (8-key
// groups 1024 bytes apart, the next 64 columns one half further).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_ATTENTION_FORWARD_SM90_CUH
#define ACCEL_ATTENTION_FORWARD_SM90_CUH

#if !defined(ACCEL_CUDA_EMULATION) && !defined(__CUDACC_RTC__)
#include <cuda.h>          // CUtensorMap and its enums (no libcuda link:
#include <cudaTypedefs.h>  // the encoder is fetched through the runtime)
#endif

namespace accelkern_attention {

/// A TMA tensor map: CUtensorMap's size and alignment (128 bytes each),
/// encoded on the host.
struct alignas(128) TmaDescriptor {
  unsigned long long words[16];
};

/// What one tensor map describes: a [batch][heads][rows][D] tensor of 16-bit
/// elements, last dim contiguous, read in boxes of 64 columns x box[1] rows.
struct TmaTensor {
  const void *base;
  unsigned long long dims[4];    ///< innermost first: D, rows, heads, batch
  unsigned long long strides[3]; ///< bytes: row, head, batch
  unsigned box[2];               ///< columns (64), rows
  bool bf16;
};

/// Arguments of the sm_90a kernel: the forward's and tensor maps of q, k, v.
struct ForwardSm90Params {
  ForwardParams p;
  TmaDescriptor q, k, v;
};

namespace detail {

/// A wgmma shared-memory matrix descriptor, 128-byte swizzle: start
/// address, leading and stride byte offsets (all >> 4, 14 bits each).
__device__ __forceinline__ uint64_t matrixDescriptor(uint32_t address,
                                                     uint32_t leadingBytes,
                                                     uint32_t strideBytes) {
  return uint64_t((address & 0x3FFFF) >> 4) |
         (uint64_t((leadingBytes & 0x3FFFF) >> 4) << 16) |
         (uint64_t((strideBytes & 0x3FFFF) >> 4) << 32) | (uint64_t(1) << 62);
}

/// The descriptor of k step `ks` (16 columns) of a K-major tile of `Rows`
/// rows at `tile` (the layout of the file comment): 32 bytes further inside
/// the swizzled 128-byte rows, then the next 64-column half (Rows * 128
/// bytes on); 8-row groups 1024 bytes apart.
template <int Rows>
__device__ __forceinline__ uint64_t kMajorDescriptor(uint32_t tile, int ks) {
  return matrixDescriptor(tile + (ks / 4) * Rows * 128 + (ks % 4) * 32, 16,
                          1024);
}
/// The descriptor of k step `ks` (16 rows) of an N-major tile of `Rows`
/// rows at `tile`: 16 rows (2048 bytes) further; the leading byte offset
/// steps to the next 64 columns (the next half), 8-row groups 1024 bytes
/// apart.
template <int Rows>
__device__ __forceinline__ uint64_t mnMajorDescriptor(uint32_t tile, int ks) {
  return matrixDescriptor(tile + ks * 16 * 128, Rows * 128, 1024);
}

/// The register budget of the warp-specialized kernel, stated for CI
/// (test/Target/CUDA/register-budget.mlir compares the entry count with
/// what ptxas allocates): the producer warpgroup gives registers up, the
/// consumers take them, and setmaxnreg.inc waits until the block's pool
/// holds enough, so the split must add up to what ptxas allocates at entry
/// for every thread.
constexpr int kSm90ProducerWarpgroups = 1, kSm90ConsumerWarpgroups = 2;
constexpr int kSm90ProducerRegisters = 24, kSm90ConsumerRegisters = 240;
constexpr int kSm90EntryRegisters = 168;
static_assert(kSm90ProducerWarpgroups * kSm90ProducerRegisters +
                      kSm90ConsumerWarpgroups * kSm90ConsumerRegisters ==
                  (kSm90ProducerWarpgroups + kSm90ConsumerWarpgroups) *
                      kSm90EntryRegisters,
              "setmaxnreg budget must balance the entry allocation");

#ifndef ACCEL_CUDA_EMULATION
__device__ __forceinline__ unsigned char *dynamicSharedMemory() {
  extern __shared__ __align__(1024) unsigned char accelDynamicShared[];
  return accelDynamicShared;
}

__device__ __forceinline__ void mbarrierInit(uint64_t *bar, int count) {
  asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;\n" ::"r"(
                   smemAddress(bar)),
               "r"(count)
               : "memory");
}
/// Makes initialized barriers visible to the other threads and to the
/// async proxy (TMA) before anyone uses them.
__device__ __forceinline__ void fenceBarrierInit() {
  asm volatile("fence.mbarrier_init.release.cluster;\n" ::: "memory");
}
/// Arrives and announces `bytes` of TMA traffic the phase must also see.
__device__ __forceinline__ void mbarrierArriveExpectTx(uint64_t *bar,
                                                       uint32_t bytes) {
  asm volatile(
      "mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;\n" ::"r"(
          smemAddress(bar)),
      "r"(bytes)
      : "memory");
}
__device__ __forceinline__ void mbarrierArrive(uint64_t *bar) {
  asm volatile("mbarrier.arrive.shared::cta.b64 _, [%0];\n" ::"r"(
                   smemAddress(bar))
               : "memory");
}
/// Waits until the phase with parity `parity` has completed.
__device__ __forceinline__ void mbarrierWait(uint64_t *bar, uint32_t parity) {
  uint32_t done;
  do {
    asm volatile("{\n.reg .pred complete;\n"
                 "mbarrier.try_wait.parity.shared::cta.b64 complete, [%1], %2;\n"
                 "selp.u32 %0, 1, 0, complete;\n}\n"
                 : "=r"(done)
                 : "r"(smemAddress(bar)), "r"(parity)
                 : "memory");
  } while (!done);
}
/// TMA: the box at (c0, c1, c2, c3) of `map` into shared memory at `dst`;
/// completion is counted in bytes on `bar`.
__device__ __forceinline__ void tmaLoad4d(void *dst, const void *map,
                                          uint64_t *bar, int c0, int c1,
                                          int c2, int c3) {
  asm volatile(
      "cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::"
      "bytes [%0], [%1, {%3, %4, %5, %6}], [%2];\n" ::"r"(smemAddress(dst)),
      "l"(reinterpret_cast<uint64_t>(map)), "r"(smemAddress(bar)), "r"(c0),
      "r"(c1), "r"(c2), "r"(c3)
      : "memory");
}

template <int Count> __device__ __forceinline__ void setMaxRegistersInc() {
  asm volatile("setmaxnreg.inc.sync.aligned.u32 %0;\n" ::"n"(Count));
}
template <int Count> __device__ __forceinline__ void setMaxRegistersDec() {
  asm volatile("setmaxnreg.dec.sync.aligned.u32 %0;\n" ::"n"(Count));
}

__device__ __forceinline__ void wgmmaFence() {
  asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory");
}
__device__ __forceinline__ void wgmmaCommit() {
  asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory");
}
template <int Pending> __device__ __forceinline__ void wgmmaWait() {
  asm volatile("wgmma.wait_group.sync.aligned %0;\n" ::"n"(Pending) : "memory");
}
/// Keeps the compiler from moving accesses of wgmma accumulators across
/// the fence/wait instructions (the asm statements do not name them).
template <int Tiles>
__device__ __forceinline__ void fenceOperands(float (&d)[Tiles][4]) {
#pragma unroll
  for (int i = 0; i < Tiles; ++i)
#pragma unroll
    for (int e = 0; e < 4; ++e)
      asm volatile("" : "+f"(d[i][e])::"memory");
}

#define ACCEL_WGMMA_D32 \
    "+f"(d[0][0]), "+f"(d[0][1]), "+f"(d[0][2]), "+f"(d[0][3]), \
    "+f"(d[1][0]), "+f"(d[1][1]), "+f"(d[1][2]), "+f"(d[1][3]), \
    "+f"(d[2][0]), "+f"(d[2][1]), "+f"(d[2][2]), "+f"(d[2][3]), \
    "+f"(d[3][0]), "+f"(d[3][1]), "+f"(d[3][2]), "+f"(d[3][3]), \
    "+f"(d[4][0]), "+f"(d[4][1]), "+f"(d[4][2]), "+f"(d[4][3]), \
    "+f"(d[5][0]), "+f"(d[5][1]), "+f"(d[5][2]), "+f"(d[5][3]), \
    "+f"(d[6][0]), "+f"(d[6][1]), "+f"(d[6][2]), "+f"(d[6][3]), \
    "+f"(d[7][0]), "+f"(d[7][1]), "+f"(d[7][2]), "+f"(d[7][3])

#define ACCEL_WGMMA_D64 \
    "+f"(d[0][0]), "+f"(d[0][1]), "+f"(d[0][2]), "+f"(d[0][3]), \
    "+f"(d[1][0]), "+f"(d[1][1]), "+f"(d[1][2]), "+f"(d[1][3]), \
    "+f"(d[2][0]), "+f"(d[2][1]), "+f"(d[2][2]), "+f"(d[2][3]), \
    "+f"(d[3][0]), "+f"(d[3][1]), "+f"(d[3][2]), "+f"(d[3][3]), \
    "+f"(d[4][0]), "+f"(d[4][1]), "+f"(d[4][2]), "+f"(d[4][3]), \
    "+f"(d[5][0]), "+f"(d[5][1]), "+f"(d[5][2]), "+f"(d[5][3]), \
    "+f"(d[6][0]), "+f"(d[6][1]), "+f"(d[6][2]), "+f"(d[6][3]), \
    "+f"(d[7][0]), "+f"(d[7][1]), "+f"(d[7][2]), "+f"(d[7][3]), \
    "+f"(d[8][0]), "+f"(d[8][1]), "+f"(d[8][2]), "+f"(d[8][3]), \
    "+f"(d[9][0]), "+f"(d[9][1]), "+f"(d[9][2]), "+f"(d[9][3]), \
    "+f"(d[10][0]), "+f"(d[10][1]), "+f"(d[10][2]), "+f"(d[10][3]), \
    "+f"(d[11][0]), "+f"(d[11][1]), "+f"(d[11][2]), "+f"(d[11][3]), \
    "+f"(d[12][0]), "+f"(d[12][1]), "+f"(d[12][2]), "+f"(d[12][3]), \
    "+f"(d[13][0]), "+f"(d[13][1]), "+f"(d[13][2]), "+f"(d[13][3]), \
    "+f"(d[14][0]), "+f"(d[14][1]), "+f"(d[14][2]), "+f"(d[14][3]), \
    "+f"(d[15][0]), "+f"(d[15][1]), "+f"(d[15][2]), "+f"(d[15][3])

/// wgmma m64n64k16, A and B from shared memory (both K-major).
#define ACCEL_WGMMA_SS_N64(TY)                                                 \
  asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %34, 0;\n"                          \
               "wgmma.mma_async.sync.aligned.m64n64k16.f32." TY "." TY " "  \
               "{%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31}, "                                          \
               "%32, %33, p, 1, 1, 0, 0;\n}\n"                                 \
               : ACCEL_WGMMA_D32                                            \
               : "l"(descA), "l"(descB), "r"(accumulate))
/// wgmma m64n64k16, A from registers, B from shared memory (MN-major).
#define ACCEL_WGMMA_RS_N64(TY)                                                 \
  asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %37, 0;\n"                          \
               "wgmma.mma_async.sync.aligned.m64n64k16.f32." TY "." TY " "  \
               "{%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31}, "                                          \
               "{%32, %33, %34, %35}, %36, p, 1, 1, 1;\n}\n"                 \
               : ACCEL_WGMMA_D32                                            \
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(descB),    \
                 "r"(accumulate))

/// wgmma m64n128k16, A and B from shared memory (both K-major).
#define ACCEL_WGMMA_SS_N128(TY)                                                 \
  asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %66, 0;\n"                          \
               "wgmma.mma_async.sync.aligned.m64n128k16.f32." TY "." TY " "  \
               "{%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63}, "                                          \
               "%64, %65, p, 1, 1, 0, 0;\n}\n"                                 \
               : ACCEL_WGMMA_D64                                            \
               : "l"(descA), "l"(descB), "r"(accumulate))
/// wgmma m64n128k16, A from registers, B from shared memory (MN-major).
#define ACCEL_WGMMA_RS_N128(TY)                                                 \
  asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %69, 0;\n"                          \
               "wgmma.mma_async.sync.aligned.m64n128k16.f32." TY "." TY " "  \
               "{%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63}, "                                          \
               "{%64, %65, %66, %67}, %68, p, 1, 1, 1;\n}\n"                 \
               : ACCEL_WGMMA_D64                                            \
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(descB),    \
                 "r"(accumulate))

/// d (+)= A B for one 16-wide k step; A (64 x 16) and B (16 x N) from
/// shared memory through descriptors, both K-major.
template <typename T, int N>
__device__ __forceinline__ void wgmmaSS(float (&d)[N / 8][4], uint64_t descA,
                                        uint64_t descB, int accumulate) {
  static_assert(N == 64 || N == 128, "wgmma n");
  if constexpr (N == 64) {
    if constexpr (std::is_same<T, __nv_bfloat16>::value)
      ACCEL_WGMMA_SS_N64("bf16");
    else
      ACCEL_WGMMA_SS_N64("f16");
  } else {
    if constexpr (std::is_same<T, __nv_bfloat16>::value)
      ACCEL_WGMMA_SS_N128("bf16");
    else
      ACCEL_WGMMA_SS_N128("f16");
  }
}

/// d (+)= A B for one 16-wide k step; A (64 x 16) from registers (the
/// mma.sync A-fragment layout per warp), B (16 x N) N-major from shared
/// memory.
template <typename T, int N>
__device__ __forceinline__ void wgmmaRS(float (&d)[N / 8][4],
                                        const uint32_t (&a)[4], uint64_t descB,
                                        int accumulate) {
  static_assert(N == 64 || N == 128, "wgmma n");
  if constexpr (N == 64) {
    if constexpr (std::is_same<T, __nv_bfloat16>::value)
      ACCEL_WGMMA_RS_N64("bf16");
    else
      ACCEL_WGMMA_RS_N64("f16");
  } else {
    if constexpr (std::is_same<T, __nv_bfloat16>::value)
      ACCEL_WGMMA_RS_N128("bf16");
    else
      ACCEL_WGMMA_RS_N128("f16");
  }
}
#endif // ACCEL_CUDA_EMULATION

/// fenceOperands for wgmma's register A fragments (P): the packing must be
/// done before `wgmma.fence`, not moved past it by the compiler. Not an
/// instruction: an empty asm that names the registers (nothing to emulate).
template <int Steps>
__device__ __forceinline__ void fenceFragments(uint32_t (&a)[Steps][4]) {
#ifndef ACCEL_CUDA_EMULATION
#pragma unroll
  for (int i = 0; i < Steps; ++i)
#pragma unroll
    for (int e = 0; e < 4; ++e)
      asm volatile("" : "+r"(a[i][e])::"memory");
#endif
}

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
        tileNeedsMask<BlockN, Causal, Sharded>(p, rowFirst, kStart));
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

#if defined(ACCEL_CUDA_EMULATION)
/// The emulation's tensor map records the description (CudaEmulation.h).
inline bool encodeTmaDescriptor(TmaDescriptor *map, const TmaTensor &t) {
  return emu::encodeTensorMap(map->words, t.base, t.dims, t.strides, t.box,
                              t.bf16);
}
#elif !defined(__CUDACC_RTC__)
/// cuTensorMapEncodeTiled through the runtime's driver entry point (no
/// link against libcuda).
inline cudaError_t encodeTmaDescriptor(TmaDescriptor *map,
                                       const TmaTensor &t) {
  // CUtensorMap is 64-byte aligned in CUDA 12.x headers and 128-byte
  // aligned in CUDA 13: the mirror's 128 satisfies both.
  static_assert(sizeof(TmaDescriptor) == sizeof(CUtensorMap) &&
                    alignof(TmaDescriptor) >= alignof(CUtensorMap) &&
                    alignof(TmaDescriptor) % alignof(CUtensorMap) == 0,
                "TmaDescriptor mirrors CUtensorMap");
  static PFN_cuTensorMapEncodeTiled_v12000 encode = [] {
    void *fn = nullptr;
    cudaDriverEntryPointQueryResult found = cudaDriverEntryPointSymbolNotFound;
#if CUDART_VERSION >= 12050
    cudaError_t status = cudaGetDriverEntryPointByVersion(
        "cuTensorMapEncodeTiled", &fn, 12000, cudaEnableDefault, &found);
#else
    // CUDA 12.0 to 12.4: no ByVersion lookup yet; the unversioned one
    // returns the ABI of this runtime's version (cuTensorMapEncodeTiled
    // has a single one, _v12000).
    cudaError_t status = cudaGetDriverEntryPoint(
        "cuTensorMapEncodeTiled", &fn, cudaEnableDefault, &found);
#endif
    if (status != cudaSuccess || found != cudaDriverEntryPointSuccess)
      fn = nullptr;
    return reinterpret_cast<PFN_cuTensorMapEncodeTiled_v12000>(fn);
  }();
  if (!encode)
    return cudaErrorNotSupported;
  cuuint64_t dims[4] = {t.dims[0], t.dims[1], t.dims[2], t.dims[3]};
  cuuint64_t strides[3] = {t.strides[0], t.strides[1], t.strides[2]};
  cuuint32_t box[4] = {t.box[0], t.box[1], 1, 1};
  cuuint32_t elementStrides[4] = {1, 1, 1, 1};
  CUresult result = encode(
      reinterpret_cast<CUtensorMap *>(map),
      t.bf16 ? CU_TENSOR_MAP_DATA_TYPE_BFLOAT16 : CU_TENSOR_MAP_DATA_TYPE_FLOAT16,
      4, const_cast<void *>(t.base), dims, strides, box, elementStrides,
      CU_TENSOR_MAP_INTERLEAVE_NONE, CU_TENSOR_MAP_SWIZZLE_128B,
      CU_TENSOR_MAP_L2_PROMOTION_L2_256B, CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE);
  return result == CUDA_SUCCESS ? cudaSuccess : cudaErrorInvalidValue;
}

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
