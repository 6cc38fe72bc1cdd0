//===- CuteCrossCheck.h - the emulation's hardware model, as plain data ---===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What CuteCrossCheckTest compares with CUTLASS/CuTe: the fragment maps,
// swizzles and descriptor reading of the CUDA emulation (CudaEmulation.h)
// and the descriptors and shared-memory layouts the kernel templates
// build. The emulation and CuTe cannot share a translation unit (the
// emulation stands in for CUDA's keywords and built-ins with macros), so
// CuteCrossCheckModel.cpp exports them through these functions.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_UNITTESTS_CODEGEN_CUTECROSSCHECK_H
#define ACCEL_UNITTESTS_CODEGEN_CUTECROSSCHECK_H

#include <cstdint>

namespace accel_model {

/// An element of a fragment's matrix (see emu::Element).
struct Element {
  int row, col;
};

Element mmaA(int lane, int reg, int half);
Element mmaB(int lane, int reg, int half); ///< {k, n}
/// m16n8k32's 8-bit A (16 x 32) and B ({k, n}, 32 x 8): byte `byte` of
/// register `reg`.
Element mmaA8(int lane, int reg, int byte);
Element mmaB8(int lane, int reg, int byte);
Element mmaC(int lane, int e);
Element ldmatrixRowAddress(int lane); ///< {matrix, row}
Element ldmatrixElement(int lane, int reg, int half, bool transposed);
Element wgmmaAccumulator(int thread, int j, int e);
Element wgmmaA(int thread, int reg, int half);

uint32_t swizzle128(uint32_t address);
uint32_t tmaBoxAddress(uint32_t dst, int row, int col);
/// Element offset of (row, 16-byte chunk) in the sm_80 kernels' swizzled
/// [rows][headDim] tiles (headDim 64 or 128).
int sm80TileOffset(int headDim, int row, int chunk);

/// The descriptors the sm_90a kernel builds (kMajorDescriptor,
/// mnMajorDescriptor) for a tile of `rows` rows (64 or 128) at `tile`.
uint64_t kernelKMajorDescriptor(int rows, uint32_t tile, int ks);
uint64_t kernelMnMajorDescriptor(int rows, uint32_t tile, int ks);

/// The shared-memory byte address (after the swizzle) the emulated wgmma
/// reads for element (mn, k) of a K-major operand, or (k, mn) of an
/// MN-major one, through descriptor `desc`; the emulation aborts on a
/// descriptor it does not accept.
uint32_t wgmmaKMajorAddress(uint64_t desc, int mn, int k);
uint32_t wgmmaMnMajorAddress(uint64_t desc, int k, int mn);

/// The emulation's cuTensorMapEncodeTiled constants by their cuda.h names
/// (CU_TENSOR_MAP_*, CUDA_SUCCESS, CUDA_ERROR_INVALID_VALUE).
struct NamedConstant {
  const char *name;
  int value;
};
const NamedConstant *tensorMapConstants(int &count);

} // namespace accel_model

#endif // ACCEL_UNITTESTS_CODEGEN_CUTECROSSCHECK_H
