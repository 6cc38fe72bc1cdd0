//===- TensorCoreSm90.cuh - wgmma, TMA and mbarrier primitives, sm_90a ----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What the sm_90a kernel templates share (the attention forward and the
// GEMM): TMA tensor maps (the host encoder, through the runtime's driver
// entry point), mbarriers, cp.async.bulk.tensor, setmaxnreg and its
// register budget, wgmma with shared-memory descriptors of the 128-byte
// swizzle (K-major and MN-major) and register A fragments, in namespace
// accelkern_tc next to TensorCoreSm80.cuh's primitives. Families prepend
// this text after TensorCoreSm80.cuh's; under ACCEL_CUDA_EMULATION,
// unittests/Codegen/CudaEmulation.h supplies the device functions on the
// host.
//
// Shared-memory tiles as the descriptors below read them: a tile of R rows
// x C columns of 16-bit elements is C/64 "halves" of R rows x 128 bytes (64
// elements), one TMA box each, rows 128 bytes apart, 16-byte chunks
// XOR-swizzled by row % 8 (Swizzle<3,4,3> on the address), every half
// 1024-byte aligned. K-major (rows are M or N, columns K): 8-row groups
// 1024 bytes apart, a 16-wide k step 32 bytes further inside the swizzled
// row. MN-major (rows are K, columns M or N): 8-row groups 1024 bytes
// apart, the next 64 columns one half further (the leading byte offset).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TENSOR_CORE_SM90_CUH
#define ACCEL_TENSOR_CORE_SM90_CUH

#ifndef ACCEL_TENSOR_CORE_SM80_CUH
// Generated sources carry the primitives' text above this one.
#include "TensorCoreSm80.cuh"
#endif

#if !defined(ACCEL_CUDA_EMULATION) && !defined(__CUDACC_RTC__)
#include <cuda.h>          // CUtensorMap and its enums (no libcuda link:
#include <cudaTypedefs.h>  // the encoder is fetched through the runtime)
#endif

namespace accelkern_tc {

/// A TMA tensor map: CUtensorMap's size and alignment (128 bytes each),
/// encoded on the host.
struct alignas(128) TmaDescriptor {
  unsigned long long words[16];
};

/// What one tensor map describes: a 4-d tensor of 16-bit elements, last
/// dim contiguous, read in boxes of 64 columns x box[1] rows (x 1 x 1).
struct TmaTensor {
  const void *base;
  unsigned long long dims[4];    ///< innermost first: columns, rows, outer two
  unsigned long long strides[3]; ///< bytes: of rows and the outer two dims
  unsigned box[2];               ///< columns (64), rows
  bool bf16;
};

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

/// The register budget of the warp-specialized kernels (one producer and
/// two consumer warpgroups, 384 threads: the attention forward and the
/// GEMM), stated for CI (test/Target/CUDA/register-budget.mlir and
/// gemm-wgmma-compile-nvcc.mlir compare the entry count with what ptxas
/// allocates): the producer warpgroup gives registers up, the
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

/// wgmma m64n64k16, A and B from shared memory (A K-major; B K-major for
/// TB "0", MN-major for TB "1").
#define ACCEL_WGMMA_SS_N64(TY, TB)                                                 \
  asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %34, 0;\n"                          \
               "wgmma.mma_async.sync.aligned.m64n64k16.f32." TY "." TY " "  \
               "{%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31}, "                                          \
               "%32, %33, p, 1, 1, 0, " TB ";\n}\n"                                 \
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

/// wgmma m64n128k16, A and B from shared memory (A K-major; B as for
/// ACCEL_WGMMA_SS_N64).
#define ACCEL_WGMMA_SS_N128(TY, TB)                                                 \
  asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %66, 0;\n"                          \
               "wgmma.mma_async.sync.aligned.m64n128k16.f32." TY "." TY " "  \
               "{%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63}, "                                          \
               "%64, %65, p, 1, 1, 0, " TB ";\n}\n"                                 \
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
/// shared memory through descriptors, A K-major, B K-major or (BMnMajor,
/// wgmma's tnspB) MN-major.
template <typename T, int N, bool BMnMajor = false>
__device__ __forceinline__ void wgmmaSS(float (&d)[N / 8][4], uint64_t descA,
                                        uint64_t descB, int accumulate) {
  static_assert(N == 64 || N == 128, "wgmma n");
  constexpr bool kBf16 = std::is_same<T, __nv_bfloat16>::value;
  if constexpr (N == 64) {
    if constexpr (kBf16 && BMnMajor)
      ACCEL_WGMMA_SS_N64("bf16", "1");
    else if constexpr (kBf16)
      ACCEL_WGMMA_SS_N64("bf16", "0");
    else if constexpr (BMnMajor)
      ACCEL_WGMMA_SS_N64("f16", "1");
    else
      ACCEL_WGMMA_SS_N64("f16", "0");
  } else {
    if constexpr (kBf16 && BMnMajor)
      ACCEL_WGMMA_SS_N128("bf16", "1");
    else if constexpr (kBf16)
      ACCEL_WGMMA_SS_N128("bf16", "0");
    else if constexpr (BMnMajor)
      ACCEL_WGMMA_SS_N128("f16", "1");
    else
      ACCEL_WGMMA_SS_N128("f16", "0");
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
#endif // host encoder

} // namespace accelkern_tc

#endif // ACCEL_TENSOR_CORE_SM90_CUH
