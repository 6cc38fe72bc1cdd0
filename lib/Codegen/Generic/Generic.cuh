//===- Generic.cuh - a linalg op as a kernel of its own -------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What fusion leaves of a program (layer norms, residual adds, softmaxes
// that were not raised, fills): a linalg.generic or linalg.fill outside
// every accel op's dispatch. GenericFamily.cpp generates one Body type per
// op: its `run(p, index)` computes the result element whose parallel
// coordinates (row-major over the parallel loops, the last fastest) have
// linear index `index`: the init read at that element where the body uses
// it, then the body over the reduction loops in order (nested, the first
// outermost), as the CPU reference runs it, and one store. The template
// here is the grid-stride loop over those indices.
//
// One thread per result element is the simple schedule: a reduction runs
// serially in one thread (the layer norms and means of a transformer block
// reduce rows of the model width; a block-per-row reduction is the faster
// kernel for long rows, docs/codegen.md).
//
// f32, f16 and bf16 elements are read as f32; i1 elements as bool.
//
// Self-contained beside GemmSm80.cuh (whose element loads, stores and
// epilogue helpers the generated bodies use): generated sources include
// the text inline.
//
//===----------------------------------------------------------------------===//

// Guarded, not #pragma once: generated sources include the text inline.
#ifndef ACCEL_GENERIC_CUH
#define ACCEL_GENERIC_CUH

#ifndef ACCEL_GEMM_SM80_CUH
// Generated sources carry GemmSm80.cuh's text above this one.
#include "../Gemm/GemmSm80.cuh"
#endif

namespace accelkern_generic {

/// Loops of an op and tensors it reads (the family refuses more).
constexpr int kMaxLoops = 8;
constexpr int kMaxInputs = 8;

/// Run-time arguments of one generic kernel. Strides are in elements, per
/// loop: input i's element of loop coordinates (c_0, ...) is at
/// sum_l c_l * strides[i * kMaxLoops + l] (0 for a loop the input does not
/// index or broadcasts along), the result's at sum_l c_l * outStrides[l]
/// (over the parallel loops).
struct GenericParams {
  void *out;
  const void *inputs[kMaxInputs];
  long long sizes[kMaxLoops];
  long long strides[kMaxInputs * kMaxLoops];
  long long outStrides[kMaxLoops];
  /// Result elements: the product of the parallel loops' sizes.
  long long count;
};

/// Element `at` of a tensor of T as f32.
template <typename T>
__device__ __forceinline__ float loadAs(const void *base, long long at) {
  return ::accelkern_tc::loadAsFloat(static_cast<const T *>(base) + at);
}

/// Stores `v` (already of OutT's precision) as element `at` of the result.
template <typename OutT>
__device__ __forceinline__ void storeAs(void *base, long long at, float v) {
  ::accelkern_tc::storeOut<OutT>(static_cast<OutT *>(base) + at, v);
}

/// i1 elements: one byte each, nonzero is true (accel's layout of i1
/// tensors, the CPU path's too).
__device__ __forceinline__ bool loadBool(const void *base, long long at) {
  return static_cast<const unsigned char *>(base)[at] != 0;
}
__device__ __forceinline__ void storeBool(void *base, long long at, bool v) {
  static_cast<unsigned char *>(base)[at] = v ? 1 : 0;
}

template <typename Body, int BlockSize>
__global__ void __launch_bounds__(BlockSize) genericKernel(const GenericParams p) {
  const long long stride = (long long)gridDim.x * BlockSize;
  for (long long index = (long long)blockIdx.x * BlockSize + threadIdx.x;
       index < p.count; index += stride)
    Body::run(p, index);
}

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// Launches one generic kernel on `stream`: a block per BlockSize elements,
/// at most 2^20 blocks (the grid-stride loop covers the rest).
template <typename Body, int BlockSize>
cudaError_t launchGeneric(const GenericParams &p, cudaStream_t stream) {
  if (p.count == 0)
    return cudaSuccess;
  long long blocks = (p.count + BlockSize - 1) / BlockSize;
  if (blocks > (1ll << 20))
    blocks = 1ll << 20;
  genericKernel<Body, BlockSize><<<unsigned(blocks), BlockSize, 0, stream>>>(p);
  return cudaGetLastError();
}
#endif // host launcher

} // namespace accelkern_generic

#endif // ACCEL_GENERIC_CUH
