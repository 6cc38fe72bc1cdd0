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
  return headDim == 64 ? accel_attention::detail::swizzled<64>(row, chunk)
                       : accel_attention::detail::swizzled<128>(row, chunk);
}

uint64_t kernelKMajorDescriptor(int rows, uint32_t tile, int ks) {
  using namespace accel_attention::detail;
  return rows == 64 ? kMajorDescriptor<64>(tile, ks)
                    : kMajorDescriptor<128>(tile, ks);
}
uint64_t kernelMnMajorDescriptor(int rows, uint32_t tile, int ks) {
  using namespace accel_attention::detail;
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

} // namespace accel_model
