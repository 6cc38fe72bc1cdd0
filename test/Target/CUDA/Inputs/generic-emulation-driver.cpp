//===- generic-emulation-driver.cpp - generated generic kernels on the CPU ===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// generic-emulation.test compiles this with the Body types accel-translate
// generated for Inputs/generic-ops.mlir (BODY_<function>_<kernel> names
// them) and runs each under the CUDA emulation with the params the host
// program sets (generic.mlir checks those), one block of 64 threads (the
// grid-stride loop covers the rest), on random inputs with NaN-poisoned
// outputs; the results must equal, bit for bit, the op-by-op f32/bf16
// computation of the IR (the CPU reference's order and roundings).
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "Generic.cuh"

#include GENERIC_BODIES

#include <cstdio>
#include <random>

using namespace accelkern_generic;

namespace {
int failures = 0;

template <typename Body> void run(const GenericParams &p) {
  emu::launch({1, 1, 1}, 64, [&] { genericKernel<Body, 64>(p); });
}

void expectBits(const char *what, size_t i, uint32_t got, uint32_t want) {
  if (got != want && failures++ < 10)
    std::fprintf(stderr, "%s[%zu]: got bits 0x%x, want 0x%x\n", what, i, got,
                 want);
}
void expectEqual(const char *what, size_t i, float got, float want) {
  expectBits(what, i, emu::floatToBits(got), emu::floatToBits(want));
}

std::mt19937 rng(7);
float randomFloat() { return std::normal_distribution<float>(0.f, 1.f)(rng); }

void layerNormCenter() {
  std::vector<float> x(3 * 5 * 37), init(15, NAN), sum(15, NAN),
      centered(x.size(), NAN);
  for (float &v : x)
    v = randomFloat();
  GenericParams fill = {};
  fill.out = init.data();
  fill.outStrides[0] = 5, fill.outStrides[1] = 1;
  fill.sizes[0] = 3, fill.sizes[1] = 5, fill.count = 15;
  run<BODY_layer_norm_center_0>(fill);
  GenericParams reduce = {};
  reduce.out = sum.data();
  reduce.inputs[0] = init.data(), reduce.inputs[1] = x.data();
  reduce.strides[0] = 5, reduce.strides[1] = 1;
  reduce.strides[8] = 185, reduce.strides[9] = 37, reduce.strides[10] = 1;
  reduce.outStrides[0] = 5, reduce.outStrides[1] = 1;
  reduce.sizes[0] = 3, reduce.sizes[1] = 5, reduce.sizes[2] = 37;
  reduce.count = 15;
  run<BODY_layer_norm_center_1>(reduce);
  GenericParams center = {};
  center.out = centered.data();
  center.inputs[0] = x.data(), center.inputs[1] = sum.data();
  center.strides[0] = 185, center.strides[1] = 37, center.strides[2] = 1;
  center.strides[8] = 5, center.strides[9] = 1;
  center.outStrides[0] = 185, center.outStrides[1] = 37,
  center.outStrides[2] = 1;
  center.sizes[0] = 3, center.sizes[1] = 5, center.sizes[2] = 37;
  center.count = 555;
  run<BODY_layer_norm_center_2>(center);
  for (int r = 0; r < 15; ++r) {
    float s = 0.f;
    for (int k = 0; k < 37; ++k)
      s = s + x[r * 37 + k];
    expectEqual("layer_norm sum", r, sum[r], s);
    float mean = s / 37.f;
    for (int k = 0; k < 37; ++k)
      expectEqual("layer_norm centered", r * 37 + k, centered[r * 37 + k],
                  x[r * 37 + k] - mean);
  }
}

void bf16BiasAdd() {
  std::vector<uint16_t> x(4 * 33), y(x.size(), 0x7fc0);
  std::vector<float> b(33);
  for (uint16_t &v : x)
    v = emu::floatToBf16(randomFloat());
  for (float &v : b)
    v = randomFloat();
  GenericParams p = {};
  p.out = y.data();
  p.inputs[0] = x.data(), p.inputs[1] = b.data();
  p.strides[0] = 33, p.strides[1] = 1, p.strides[9] = 1;
  p.outStrides[0] = 33, p.outStrides[1] = 1;
  p.sizes[0] = 4, p.sizes[1] = 33, p.count = 132;
  run<BODY_bf16_bias_add_0>(p);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 33; ++j) {
      float t = emu::bf16ToFloat(
          emu::floatToBf16(emu::bf16ToFloat(x[i * 33 + j]) + b[j]));
      expectBits("bf16_bias_add", i * 33 + j, y[i * 33 + j],
                 emu::floatToBf16(t * t));
    }
}

void columnMaxMask() {
  std::vector<float> x(7 * 9), floor(9), init(9, NAN), max(9, NAN),
      out(9, NAN);
  std::vector<unsigned char> positive(9, 0xff);
  for (float &v : x)
    v = randomFloat();
  // Every third column's init (-floor) is above all of its inputs: the
  // reduction must start from the init, not from 0 or the first row.
  for (int j = 0; j < 9; ++j)
    floor[j] = j % 3 == 0 ? -5.f : randomFloat();
  GenericParams negate = {};
  negate.out = init.data(), negate.inputs[0] = floor.data();
  negate.strides[0] = 1, negate.outStrides[0] = 1;
  negate.sizes[0] = 9, negate.count = 9;
  run<BODY_column_max_mask_0>(negate);
  GenericParams reduce = {};
  reduce.out = max.data();
  reduce.inputs[0] = init.data(), reduce.inputs[1] = x.data();
  reduce.strides[1] = 1, reduce.strides[8] = 9, reduce.strides[9] = 1;
  reduce.outStrides[1] = 1;
  reduce.sizes[0] = 7, reduce.sizes[1] = 9, reduce.count = 9;
  run<BODY_column_max_mask_1>(reduce);
  GenericParams compare = {};
  compare.out = positive.data(), compare.inputs[0] = max.data();
  compare.strides[0] = 1, compare.outStrides[0] = 1;
  compare.sizes[0] = 9, compare.count = 9;
  run<BODY_column_max_mask_2>(compare);
  GenericParams select = {};
  select.out = out.data();
  select.inputs[0] = positive.data(), select.inputs[1] = max.data();
  select.strides[0] = 1, select.strides[8] = 1, select.outStrides[0] = 1;
  select.sizes[0] = 9, select.count = 9;
  run<BODY_column_max_mask_3>(select);
  for (int j = 0; j < 9; ++j) {
    float m = -floor[j];
    for (int i = 0; i < 7; ++i)
      m = std::max(m, x[i * 9 + j]);
    expectEqual("column max", j, max[j], m);
    expectBits("mask", j, positive[j], m > 0.f ? 1 : 0);
    expectEqual("select", j, out[j], m > 0.f ? m : m * 0.5f);
  }
}

void sumOfTranspose() {
  std::vector<uint16_t> x(6 * 10);
  std::vector<float> init(10, NAN), sum(10, NAN);
  for (uint16_t &v : x)
    v = emu::floatToHalf(randomFloat());
  GenericParams fill = {};
  fill.out = init.data();
  fill.outStrides[0] = 1, fill.sizes[0] = 10, fill.count = 10;
  run<BODY_sum_of_transpose_0>(fill);
  GenericParams reduce = {};
  reduce.out = sum.data();
  reduce.inputs[0] = init.data(), reduce.inputs[1] = x.data();
  reduce.strides[0] = 1, reduce.strides[8] = 1, reduce.strides[9] = 10;
  reduce.outStrides[0] = 1;
  reduce.sizes[0] = 10, reduce.sizes[1] = 6, reduce.count = 10;
  run<BODY_sum_of_transpose_1>(reduce);
  for (int j = 0; j < 10; ++j) {
    float s = 0.f;
    for (int i = 0; i < 6; ++i)
      s = s + emu::halfToFloat(x[i * 10 + j]);
    expectEqual("sum of transpose", j, sum[j], s);
  }
}
void sumOfSquares() {
  std::vector<float> x(6 * 11), init(6, NAN), sum(6, NAN);
  for (float &v : x)
    v = randomFloat();
  GenericParams fill = {};
  fill.out = init.data();
  fill.outStrides[0] = 1, fill.sizes[0] = 6, fill.count = 6;
  run<BODY_sum_of_squares_0>(fill);
  GenericParams reduce = {};
  reduce.out = sum.data();
  reduce.inputs[0] = init.data(), reduce.inputs[1] = x.data();
  reduce.strides[0] = 1, reduce.strides[8] = 11, reduce.strides[9] = 1;
  reduce.outStrides[0] = 1;
  reduce.sizes[0] = 6, reduce.sizes[1] = 11, reduce.count = 6;
  run<BODY_sum_of_squares_1>(reduce);
  for (int i = 0; i < 6; ++i) {
    float s = 0.f;
    for (int k = 0; k < 11; ++k)
      s = s + x[i * 11 + k] * x[i * 11 + k];
    expectEqual("sum of squares", i, sum[i], s);
  }
}
} // namespace

int main() {
  layerNormCenter();
  bf16BiasAdd();
  columnMaxMask();
  sumOfTranspose();
  sumOfSquares();
  if (failures) {
    std::fprintf(stderr, "%d mismatches\n", failures);
    return 1;
  }
  std::printf("generic kernels: all results match\n");
  return 0;
}
