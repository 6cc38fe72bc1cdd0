// RUN: accel-opt %s --accel-monarch-project --split-input-file 2>/dev/null | FileCheck %s
// RUN: accel-opt %s --accel-monarch-project --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: accel-opt %s --accel-monarch-project=nblocks=2 --split-input-file 2>/dev/null | FileCheck %s --check-prefix=OPTION
// RUN: accel-opt %s --accel-monarch-project=nblocks=2 --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=OPTION-REMARK
// A weight that is exactly Monarch is recovered: the same outputs on
// random inputs (only the factors' rounding to f32 differs).
// RUN: accel-run %s --entry=exact_monarch --input=5x8 --pipeline=accel-monarch-project --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=exact_monarch_transposed_bias --input=3x7x8 --input=8 --pipeline=accel-monarch-project --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=exact_monarch_rank2 --input=4x8 --pipeline=accel-monarch-project --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// The other direction is exact too: constant factors materialized dense.
// RUN: accel-run %s --entry=densify --input=6x8 --pipeline=accel-monarch-project{densify-below=64} --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-opt %s --accel-monarch-project=densify-below=64 --split-input-file 2>/dev/null | FileCheck %s --check-prefix=DENSE
// accel-optimize honours the attribute (and only the attribute).
// RUN: accel-opt %s --accel-optimize --split-input-file 2>/dev/null | FileCheck %s --check-prefix=PIPELINE
// SAME: compare: result #0 ok

// W[a*4 + j, o*2 + c] = w2[c, o, a] * w1[a, c, j] for small dyadic factors,
// so every (a, c) block has rank 1 and the projection error is rounding.
// REMARK: remark: projected the [8, 6] weight onto Monarch factors (nblocks = 2, rank 1 per block): relative Frobenius error {{(0\.000e\+00|[0-9]\.[0-9]{3}e-1[4-9])}}
// CHECK-LABEL: func.func @exact_monarch
// CHECK-SAME: (%[[X:.+]]: tensor<5x8xf32>)
// CHECK-DAG: %[[W1:.+]] = arith.constant dense<{{.+}}> : tensor<2x2x4xf32>
// CHECK-DAG: %[[W2:.+]] = arith.constant dense<{{.+}}> : tensor<2x3x2xf32>
// CHECK: %[[Y:.+]] = accel.monarch_matmul %[[X]], %[[W1]], %[[W2]] : (tensor<5x8xf32>, tensor<2x2x4xf32>, tensor<2x3x2xf32>) -> tensor<5x6xf32>
// CHECK-NOT: accel.matmul
// CHECK: return %[[Y]]
// OPTION-LABEL: func.func @exact_monarch
// OPTION: accel.monarch_matmul
// PIPELINE-LABEL: func.func @exact_monarch
// PIPELINE: accel.monarch_matmul
// PIPELINE-LABEL: func.func @not_asked
// PIPELINE: accel.matmul
func.func @exact_monarch(%x: tensor<5x8xf32>) -> tensor<5x6xf32> {
  %w = arith.constant dense<[[-0.75, -1.5, -0.875, 0.375, -0.125, 1.5], [1.5, -1.25, 1.75, 0.3125, 0.25, 1.25], [-1.5, 0.75, -1.75, -0.1875, -0.25, -0.75], [2.625, -1.75, 3.0625, 0.4375, 0.4375, 1.75], [2.5, -2.1875, -2.5, -2.1875, -3.5, 0.3125], [-0.625, -2.1875, 0.625, -2.1875, 0.875, 0.3125], [-2.1875, 2.625, 2.1875, 2.625, 3.0625, -0.375], [-1.875, 0.4375, 1.875, 0.4375, 2.625, -0.0625]]> : tensor<8x6xf32>
  %y = accel.matmul %x, %w {accel.monarch = {nblocks = 2 : i64}} : (tensor<5x8xf32>, tensor<8x6xf32>) -> tensor<5x6xf32>
  return %y : tensor<5x6xf32>
}

// -----

// Generic form, transpose_b, batch dims and a bias: the bias is added to
// the f32 product and rounded once.
// REMARK: remark: projected the [8, 8] weight onto Monarch factors (nblocks = 4, rank 1 per block)
// CHECK-LABEL: func.func @exact_monarch_transposed_bias
// CHECK: %[[P:.+]] = accel.monarch_matmul %{{.+}} : (tensor<3x7x8xf32>, tensor<4x4x2xf32>, tensor<4x2x4xf32>) -> tensor<3x7x8xf32>
// CHECK: %[[B:.+]] = linalg.generic {{.+}} ins(%[[P]], %{{.+}} : tensor<3x7x8xf32>, tensor<8xf32>)
// CHECK: return %[[B]]
// OPTION-LABEL: func.func @exact_monarch_transposed_bias
// The op's own request wins over the option.
// OPTION-REMARK: remark: projected the [8, 8] weight onto Monarch factors (nblocks = 4, rank 1 per block)
func.func @exact_monarch_transposed_bias(%x: tensor<3x7x8xf32>, %bias: tensor<8xf32>) -> tensor<3x7x8xf32> {
  %w = arith.constant dense<[[1.5625, -1.25, 0.9375, 1.125, 0.75, 0.375, -2.0, -1.75], [-0.625, 0.125, -0.875, -0.25, 0.1875, -0.1875, 0.875, 2.625], [-1.3125, -2.1875, -2.625, -1.875, 1.3125, 0.4375, 0.0625, -0.375], [1.0, -1.5, 0.75, 2.25, -1.125, 0.1875, 0.9375, -1.5], [2.1875, -1.75, -1.5625, -1.875, -2.625, -1.3125, -3.0, -2.625], [-1.875, 0.375, 2.625, 0.75, -0.375, 0.375, 0.0, 0.0], [-1.125, -1.875, 0.4375, 0.3125, -0.75, -0.25, 0.1875, -1.125], [0.625, -0.9375, 0.875, 2.625, 2.625, -0.4375, 0.625, -1.0]]> : tensor<8x8xf32>
  %y = "accel.matmul"(%x, %w, %bias) <{transpose_b = true}> {accel.monarch = {nblocks = 4 : i64}} : (tensor<3x7x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<3x7x8xf32>
  return %y : tensor<3x7x8xf32>
}

// -----

// Rank 2 per block on a rank-1-per-block weight: still exact; the factors
// are [N, 2N, p] and [N, s, 2N].
// REMARK: remark: projected the [8, 6] weight onto Monarch factors (nblocks = 2, rank 2 per block): relative Frobenius error {{(0\.000e\+00|[0-9]\.[0-9]{3}e-1[4-9])}}
// CHECK-LABEL: func.func @exact_monarch_rank2
// CHECK: accel.monarch_matmul %{{.+}} : (tensor<4x8xf32>, tensor<2x4x4xf32>, tensor<2x3x4xf32>) -> tensor<4x6xf32>
func.func @exact_monarch_rank2(%x: tensor<4x8xf32>) -> tensor<4x6xf32> {
  %w = arith.constant dense<[[-0.75, -1.5, -0.875, 0.375, -0.125, 1.5], [1.5, -1.25, 1.75, 0.3125, 0.25, 1.25], [-1.5, 0.75, -1.75, -0.1875, -0.25, -0.75], [2.625, -1.75, 3.0625, 0.4375, 0.4375, 1.75], [2.5, -2.1875, -2.5, -2.1875, -3.5, 0.3125], [-0.625, -2.1875, 0.625, -2.1875, 0.875, 0.3125], [-2.1875, 2.625, 2.1875, 2.625, 3.0625, -0.375], [-1.875, 0.4375, 1.875, 0.4375, 2.625, -0.0625]]> : tensor<8x6xf32>
  %y = accel.matmul %x, %w {accel.monarch = {nblocks = 2 : i64, rank = 2 : i64}} : (tensor<4x8xf32>, tensor<8x6xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// -----

// Nothing asks: left alone, without a remark.
// CHECK-LABEL: func.func @not_asked
// CHECK: accel.matmul
// OPTION-REMARK: remark: projected the [4, 6] weight onto Monarch factors (nblocks = 2, rank 1 per block): relative Frobenius error
// OPTION-LABEL: func.func @not_asked
// OPTION: accel.monarch_matmul %{{.+}} : (tensor<3x4xf16>, tensor<2x2x2xf16>, tensor<2x3x2xf16>) -> tensor<3x6xf32>
func.func @not_asked(%x: tensor<3x4xf16>) -> tensor<3x6xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [0.5, -1.0, 2.0, 0.0, 1.0, 3.0], [2.0, 2.0, -2.0, 1.0, 0.25, 1.0], [-1.0, 0.0, 1.0, 2.0, 3.0, -4.0]]> : tensor<4x6xf16>
  %y = accel.matmul %x, %w : (tensor<3x4xf16>, tensor<4x6xf16>) -> tensor<3x6xf32>
  return %y : tensor<3x6xf32>
}

// -----

// negative_: weights that do not fit are left alone with a remark.
// REMARK: remark: not projected onto Monarch factors (nblocks = 2): the weight is not a dense constant
// CHECK-LABEL: func.func @negative_not_constant
// CHECK: accel.matmul
func.func @negative_not_constant(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %y = accel.matmul %x, %w {accel.monarch = {nblocks = 2 : i64}} : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// REMARK: remark: not projected onto Monarch factors (nblocks = 3): nblocks must divide both dims of the [K, M] = [8, 6] weight
// CHECK-LABEL: func.func @negative_not_dividing
// CHECK: accel.matmul
func.func @negative_not_dividing(%x: tensor<4x8xf32>) -> tensor<4x6xf32> {
  %w = arith.constant dense<1.0> : tensor<8x6xf32>
  %y = accel.matmul %x, %w {accel.monarch = {nblocks = 3 : i64}} : (tensor<4x8xf32>, tensor<8x6xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// -----

// REMARK: remark: not projected onto Monarch factors (nblocks = 2): the weight has rank 3; a Monarch factorization needs a 2-d weight
// CHECK-LABEL: func.func @negative_batched_weight
func.func @negative_batched_weight(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  %w = arith.constant dense<1.0> : tensor<2x8x8xf32>
  %y = accel.matmul %x, %w {accel.monarch = {nblocks = 2 : i64}} : (tensor<2x4x8xf32>, tensor<2x8x8xf32>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

// REMARK: remark: not projected onto Monarch factors (nblocks = 4): rank 3 is not in [1, min(K/N, M/N)] = [1, 2]
// CHECK-LABEL: func.func @negative_rank_too_large
func.func @negative_rank_too_large(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %w = arith.constant dense<1.0> : tensor<8x8xf32>
  %y = accel.matmul %x, %w {accel.monarch = {nblocks = 4 : i64, rank = 3 : i64}} : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// Constant factors of a small layer: a dense matmul under densify-below.
// DENSE-LABEL: func.func @densify
// DENSE: %[[W:.+]] = arith.constant dense<{{.+}}> : tensor<8x8xf32>
// DENSE: accel.matmul %{{.+}}, %[[W]] : (tensor<6x8xf32>, tensor<8x8xf32>) -> tensor<6x8xf32>
// DENSE-NOT: accel.monarch_matmul
// CHECK-LABEL: func.func @densify
// CHECK: accel.monarch_matmul
func.func @densify(%x: tensor<6x8xf32>) -> tensor<6x8xf32> {
  %w1 = arith.constant dense<[[[1.0, 2.0, 0.5, -1.0], [0.0, 1.0, 2.0, 3.0]], [[-2.0, 1.0, 0.25, 4.0], [1.0, 1.0, -1.0, 0.5]]]> : tensor<2x2x4xf32>
  %w2 = arith.constant dense<[[[1.0, -1.0], [2.0, 0.5], [0.0, 1.5], [3.0, 1.0]], [[0.5, 0.5], [-1.0, 2.0], [1.0, 0.0], [0.25, -2.0]]]> : tensor<2x4x2xf32>
  %y = accel.monarch_matmul %x, %w1, %w2 : (tensor<6x8xf32>, tensor<2x2x4xf32>, tensor<2x4x2xf32>) -> tensor<6x8xf32>
  return %y : tensor<6x8xf32>
}

// -----

// REMARK: remark: not projected onto Monarch factors (nblocks = 2): the weight has a non-finite entry
// CHECK-LABEL: func.func @negative_non_finite
// CHECK: accel.matmul
func.func @negative_non_finite(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [0.0, 0x7FC00000, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [2.0, 0x7F800000, 2.0, 2.0]]> : tensor<4x4xf32>
  %y = accel.matmul %x, %w {accel.monarch = {nblocks = 2 : i64}} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}
