//===- GlueKernelEmulationTest.cpp - the copy kernel on the CPU -----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The host program's strided copy (Glue.cuh) under the emulation: a
// transposed, sliced view of every element size into dense storage, with
// a grid smaller than the element count (the grid-stride loop) and the
// destination's tail poisoned.
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "Glue.cuh"

#include "gtest/gtest.h"

#include <numeric>

using namespace accelkern_glue;

namespace {
template <typename Element> void checkTransposedSlice() {
  // source: [4, 6, 10] dense; the view: source[1:4, :, 2:9] permuted to
  // [7, 3, 6] (dims 2, 0, 1).
  std::vector<Element> source(4 * 6 * 10);
  std::iota(source.begin(), source.end(), Element(1));
  CopyParams p = {};
  p.src = source.data() + 1 * 60 + 2;
  const long long sizes[3] = {7, 3, 6}, strides[3] = {1, 60, 10};
  for (int slot = 0; slot < kMaxRank; ++slot) {
    int d = slot - (kMaxRank - 3);
    p.sizes[slot] = d < 0 ? 1 : sizes[d];
    p.srcStrides[slot] = d < 0 ? 0 : strides[d];
  }
  p.count = 7 * 3 * 6;
  std::vector<Element> dst(p.count + 5, Element(-1));
  p.dst = dst.data();
  // 2 blocks of 32 threads for 126 elements: each thread copies two.
  emu::launch({2, 1, 1}, 32, [&] { stridedCopyKernel<sizeof(Element)>(p); });
  for (int i = 0; i < 7; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 6; ++k)
        EXPECT_EQ(dst[(i * 3 + j) * 6 + k],
                  source[(1 + j) * 60 + k * 10 + 2 + i])
            << "at (" << i << ", " << j << ", " << k << ")";
  for (size_t i = p.count; i < dst.size(); ++i)
    EXPECT_EQ(dst[i], Element(-1)) << "wrote past the end at " << i;
}
} // namespace

TEST(GlueKernelEmulation, StridedCopyOneByte) { checkTransposedSlice<int8_t>(); }
TEST(GlueKernelEmulation, StridedCopyTwoBytes) { checkTransposedSlice<int16_t>(); }
TEST(GlueKernelEmulation, StridedCopyFourBytes) { checkTransposedSlice<float>(); }
TEST(GlueKernelEmulation, StridedCopyEightBytes) { checkTransposedSlice<double>(); }
