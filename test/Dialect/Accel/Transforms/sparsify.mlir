// RUN: accel-opt %s --accel-sparsify=prune-2-4=true --split-input-file 2>/dev/null | FileCheck %s
// RUN: accel-opt %s --accel-sparsify="prune-2-4=true remarks=true" --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// Without the option weights are untouched (the pass only warns).
// RUN: accel-opt %s --accel-sparsify --split-input-file 2>/dev/null | FileCheck %s --check-prefix=OFF
// Pruning changes numerics; an already 2:4 weight does not change.
// RUN: accel-run %s --entry=already_sparse --input=3x8 --pipeline=accel-sparsify{prune-2-4=true} --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// SAME: compare: result #0 ok: {{.+}} max abs error 0.000000e+00
// The pruned weight is what the CPU runs: against the hand-pruned weight.
// RUN: accel-run %s --entry=prune_rows --input=2x8 --pipeline=accel-sparsify{prune-2-4=true} --compare-entry=prune_rows_by_hand | FileCheck %s --check-prefix=SAME

// K = 8 along the rows of a [K, N] weight: in each group of 4 the two
// largest magnitudes stay (ties: the earlier).
// REMARK: remark: pruned its constant weight to 2:4 along K (relative Frobenius error
// CHECK-LABEL: func.func @prune_rows
// CHECK: %[[W:.+]] = arith.constant dense<{{\[}}[0.000000e+00, 4.000000e+00], [-3.000000e+00, 0.000000e+00], [2.000000e+00, 0.000000e+00], [0.000000e+00, 4.000000e+00], [0.000000e+00, 1.000000e+00], [5.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00], [-6.000000e+00, 0.000000e+00]]> : tensor<8x2xf32>
// CHECK: accel.matmul %{{.+}}, %[[W]] {accel.sparse_2_4}
// OFF-LABEL: func.func @prune_rows
// OFF-NOT: accel.sparse_2_4
// OFF: accel.matmul
func.func @prune_rows(%x: tensor<2x8xf32>) -> tensor<2x4xf32> {
  %w = arith.constant dense<[[1.0, 4.0], [-3.0, 0.5], [2.0, -0.5], [0.5, 4.0], [0.25, 1.0], [5.0, 1.0], [0.5, 0.0], [-6.0, 0.0]]> : tensor<8x2xf32>
  %y = accel.matmul %x, %w : (tensor<2x8xf32>, tensor<8x2xf32>) -> tensor<2x2xf32>
  %z = tensor.concat dim(1) %y, %y : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x4xf32>
  return %z : tensor<2x4xf32>
}
func.func @prune_rows_by_hand(%x: tensor<2x8xf32>) -> tensor<2x4xf32> {
  %w = arith.constant dense<[[0.0, 4.0], [-3.0, 0.0], [2.0, 0.0], [0.0, 4.0], [0.0, 1.0], [5.0, 1.0], [0.0, 0.0], [-6.0, 0.0]]> : tensor<8x2xf32>
  %y = accel.matmul %x, %w : (tensor<2x8xf32>, tensor<8x2xf32>) -> tensor<2x2xf32>
  %z = tensor.concat dim(1) %y, %y : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x4xf32>
  return %z : tensor<2x4xf32>
}

// -----

// transpose_b: K runs along the last dim of the [N, K] weight (bf16).
// CHECK-LABEL: func.func @prune_transposed
// CHECK: arith.constant dense<{{\[}}[0.000000e+00, 2.000000e+00, 3.000000e+00, 0.000000e+00], [-4.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00]]> : tensor<2x4xbf16>
// CHECK: {accel.sparse_2_4, transpose_b = true}
func.func @prune_transposed(%x: tensor<3x4xbf16>) -> tensor<3x2xbf16> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, -1.0], [-4.0, 0.5, 0.25, 1.0]]> : tensor<2x4xbf16>
  %y = accel.matmul %x, %w {transpose_b = true} : (tensor<3x4xbf16>, tensor<2x4xbf16>) -> tensor<3x2xbf16>
  return %y : tensor<3x2xbf16>
}

// -----

// A weight that is 2:4 already is marked and keeps its values.
// CHECK-LABEL: func.func @already_sparse
// CHECK: dense<{{\[}}[1.000000e+00], [0.000000e+00], [2.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [3.000000e+00], [4.000000e+00]]>
// CHECK: accel.sparse_2_4
func.func @already_sparse(%x: tensor<3x8xf32>) -> tensor<3x1xf32> {
  %w = arith.constant dense<[[1.0], [0.0], [2.0], [0.0], [0.0], [0.0], [3.0], [4.0]]> : tensor<8x1xf32>
  %y = accel.matmul %x, %w : (tensor<3x8xf32>, tensor<8x1xf32>) -> tensor<3x1xf32>
  return %y : tensor<3x1xf32>
}

// -----

// negative: K not a multiple of 4, and a weight that is not a constant.
// REMARK: remark: not pruned to 2:4: K (6) is not a multiple of 4
// CHECK-LABEL: func.func @negative_k_6
// CHECK-NOT: accel.sparse_2_4
func.func @negative_k_6(%x: tensor<3x6xf32>, %v: tensor<6x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
  %w = arith.constant dense<1.0> : tensor<6x2xf32>
  %y = accel.matmul %x, %w : (tensor<3x6xf32>, tensor<6x2xf32>) -> tensor<3x2xf32>
  %z = accel.matmul %x, %v : (tensor<3x6xf32>, tensor<6x2xf32>) -> tensor<3x2xf32>
  return %y, %z : tensor<3x2xf32>, tensor<3x2xf32>
}

// -----

// negative: a non-finite weight is left alone.
// REMARK: remark: not pruned to 2:4: the weight has a non-finite entry
// CHECK-LABEL: func.func @negative_non_finite
// CHECK-NOT: accel.sparse_2_4
func.func @negative_non_finite(%x: tensor<3x4xf32>) -> tensor<3x1xf32> {
  %w = arith.constant dense<[[1.0], [0x7F800000], [2.0], [3.0]]> : tensor<4x1xf32>
  %y = accel.matmul %x, %w : (tensor<3x4xf32>, tensor<4x1xf32>) -> tensor<3x1xf32>
  return %y : tensor<3x1xf32>
}

// -----

// S2 shards need S consecutive query heads to cover the context: 4 shards
// over 2 heads leave the key-block classes 2 and 3 to no head.
// REMARK: warning: head_shard with 4 shards over 2 query heads: key blocks of the classes kb mod 4 in [2, 4) are seen by no head outside its local window (4 consecutive heads cover the context)
// CHECK-LABEL: func.func @uncovered_shards
func.func @uncovered_shards(%q: tensor<1x2x64x16xf32>) -> tensor<1x2x64x16xf32> {
  %o = accel.attention %q, %q, %q {sparsity = #accel.head_shard<num_shards = 4, block = 16, local_blocks = 1>}
      : (tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32>) -> tensor<1x2x64x16xf32>
  return %o : tensor<1x2x64x16xf32>
}

// -----

// 4 heads over 4 shards cover it: no warning.
// REMARK-NOT: warning
// CHECK-LABEL: func.func @covered_shards
func.func @covered_shards(%q: tensor<1x4x64x16xf32>) -> tensor<1x4x64x16xf32> {
  %o = accel.attention %q, %q, %q {sparsity = #accel.head_shard<num_shards = 4, block = 16, local_blocks = 1>}
      : (tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>) -> tensor<1x4x64x16xf32>
  return %o : tensor<1x4x64x16xf32>
}
