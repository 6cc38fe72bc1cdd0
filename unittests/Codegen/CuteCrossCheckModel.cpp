//===- CuteCrossCheckModel.cpp - the emulation's hardware model as data ---===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Exports what the emulation executes and what the kernels build, for
// CuteCrossCheckTest (CuteCrossCheck.h): nothing here restates a layout,
// every function forwards to the emulation's model or the kernel's own
// descriptor builders.
//
//===----------------------------------------------------------------------===//

#include "CuteCrossCheck.h"

#include "CudaEmulation.h"

#include "AttentionForwardSm80.cuh"
#include "AttentionForwardSm90.cuh"

namespace accel_model {
namespace {
Element convert(emu::Element e) { return {e.row, e.col}; }
} // namespace

Element mmaA(int lane, int reg, int half) {
  return convert(emu::mmaA(lane, reg, half));
}
Element mmaB(int lane, int reg, int half) {
  return convert(emu::mmaB(lane, reg, half));
}
Element mmaA8(int lane, int reg, int byte) {
  return convert(emu::mmaA8(lane, reg, byte));
}
Element mmaB8(int lane, int reg, int byte) {
  return convert(emu::mmaB8(lane, reg, byte));
}
Element mmaC(int lane, int e) { return convert(emu::mmaC(lane, e)); }
Element ldmatrixRowAddress(int lane) {
  return convert(emu::ldmatrixRowAddress(lane));
}
Element ldmatrixElement(int lane, int reg, int half, bool transposed) {
  return convert(emu::ldmatrixElement(lane, reg, half, transposed));
}
Element wgmmaAccumulator(int thread, int j, int e) {
  return convert(emu::wgmmaAccumulator(thread, j, e));
}
Element wgmmaA(int thread, int reg, int half) {
  return convert(emu::wgmmaA(thread, reg, half));
}

uint32_t swizzle128(uint32_t address) { return emu::swizzle128(address); }
uint32_t tmaBoxAddress(uint32_t dst, int row, int col) {
  return emu::tmaBoxAddress(dst, row, col);
}
int sm80TileOffset(int headDim, int row, int chunk) {
  return headDim == 64 ? accelkern_attention::detail::swizzled<64>(row, chunk)
                       : accelkern_attention::detail::swizzled<128>(row, chunk);
}

uint64_t kernelKMajorDescriptor(int rows, uint32_t tile, int ks) {
  using namespace accelkern_attention::detail;
  return rows == 64 ? kMajorDescriptor<64>(tile, ks)
                    : kMajorDescriptor<128>(tile, ks);
}
uint64_t kernelMnMajorDescriptor(int rows, uint32_t tile, int ks) {
  using namespace accelkern_attention::detail;
  return rows == 64 ? mnMajorDescriptor<64>(tile, ks)
                    : mnMajorDescriptor<128>(tile, ks);
}

uint32_t wgmmaKMajorAddress(uint64_t desc, int mn, int k) {
  return emu::swizzle128(
      emu::kMajorAddress(emu::decodeDescriptor(desc), mn, k));
}
uint32_t wgmmaMnMajorAddress(uint64_t desc, int k, int mn) {
  return emu::swizzle128(
      emu::mnMajorAddress(emu::decodeDescriptor(desc), k, mn));
}

const NamedConstant *tensorMapConstants(int &count) {
  static const NamedConstant constants[] = {
      {"CUDA_SUCCESS", emu::kCudaSuccess},
      {"CUDA_ERROR_INVALID_VALUE", emu::kCudaErrorInvalidValue},
      {"CU_TENSOR_MAP_DATA_TYPE_UINT8", emu::kTensorUint8},
      {"CU_TENSOR_MAP_DATA_TYPE_UINT16", emu::kTensorUint16},
      {"CU_TENSOR_MAP_DATA_TYPE_FLOAT16", emu::kTensorFloat16},
      {"CU_TENSOR_MAP_DATA_TYPE_FLOAT32", emu::kTensorFloat32},
      {"CU_TENSOR_MAP_DATA_TYPE_BFLOAT16", emu::kTensorBfloat16},
      {"CU_TENSOR_MAP_DATA_TYPE_TFLOAT32_FTZ", emu::kTensorTfloat32Ftz},
      {"CU_TENSOR_MAP_DATA_TYPE_16U4_ALIGN8B", emu::kTensor16U4Align8B},
      {"CU_TENSOR_MAP_DATA_TYPE_16U4_ALIGN16B", emu::kTensor16U4Align16B},
      {"CU_TENSOR_MAP_DATA_TYPE_16U6_ALIGN16B", emu::kTensor16U6Align16B},
      {"CU_TENSOR_MAP_INTERLEAVE_NONE", emu::kInterleaveNone},
      {"CU_TENSOR_MAP_INTERLEAVE_32B", emu::kInterleave32B},
      {"CU_TENSOR_MAP_SWIZZLE_NONE", emu::kSwizzleNone},
      {"CU_TENSOR_MAP_SWIZZLE_32B", emu::kSwizzle32B},
      {"CU_TENSOR_MAP_SWIZZLE_64B", emu::kSwizzle64B},
      {"CU_TENSOR_MAP_SWIZZLE_128B", emu::kSwizzle128B},
      {"CU_TENSOR_MAP_SWIZZLE_128B_ATOM_32B", emu::kSwizzle128BAtom32B},
      {"CU_TENSOR_MAP_SWIZZLE_128B_ATOM_32B_FLIP_8B",
       emu::kSwizzle128BAtom32BFlip8B},
      {"CU_TENSOR_MAP_SWIZZLE_128B_ATOM_64B", emu::kSwizzle128BAtom64B},
      {"CU_TENSOR_MAP_L2_PROMOTION_L2_256B", emu::kL2_256B},
      {"CU_TENSOR_MAP_FLOAT_OOB_FILL_NAN_REQUEST_ZERO_FMA",
       emu::kOobFillNanRequestZeroFma},
  };
  count = int(sizeof constants / sizeof constants[0]);
  return constants;
}

} // namespace accel_model
