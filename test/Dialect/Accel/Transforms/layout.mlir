// RUN: accel-opt %s --accel-layout --split-input-file 2>/dev/null | FileCheck %s
// RUN: accel-opt %s --accel-layout=remarks=true --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: accel-opt %s --accel-layout=weights-k-major=false --split-input-file 2>/dev/null | FileCheck %s --check-prefix=KEEP
// Exact: the same outputs on random inputs.
// RUN: accel-run %s --entry=constant_weight --input=5x3 --pipeline=accel-layout --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=batched_constant_weight --input=2x3x2 --pipeline=accel-layout --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=folded_transpose --input=4x6 --input=5x6 --pipeline=accel-layout --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=folded_transpose_back --input=4x6 --input=6x5 --pipeline=accel-layout --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=w8a8_grouped --input=3x4 --pipeline=accel-layout --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=w8a8_folded_transpose --input=3x4 --input=2x4 --pipeline=accel-layout --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=constant_weight --input=5x3 --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// SAME: compare: result #0 ok

// A constant [K, N] weight is stored [N, K] with transpose_b = true.
// REMARK: remark: stored its constant weight K-major ([N, K], transpose_b = true)
// CHECK-LABEL: func.func @constant_weight
// CHECK: %[[W:.+]] = arith.constant dense<{{\[}}[1.000000e+00, 3.000000e+00, 5.000000e+00], [2.000000e+00, 4.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK-NOT: tensor<3x2xf32>
// CHECK: accel.matmul %{{.+}}, %[[W]], %{{.+}} {transpose_b = true} : (tensor<5x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<5x2xf32>
// KEEP-LABEL: func.func @constant_weight
// KEEP: accel.matmul %{{.+}}, %{{.+}}, %{{.+}} : (tensor<5x3xf32>, tensor<3x2xf32>, tensor<2xf32>) -> tensor<5x2xf32>
func.func @constant_weight(%x: tensor<5x3xf32>) -> tensor<5x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %bias = arith.constant dense<[0.5, -0.5]> : tensor<2xf32>
  %y = accel.matmul %x, %w, %bias : (tensor<5x3xf32>, tensor<3x2xf32>, tensor<2xf32>) -> tensor<5x2xf32>
  return %y : tensor<5x2xf32>
}

// -----

// Batched weights: every matrix of the batch is transposed.
// CHECK-LABEL: func.func @batched_constant_weight
// CHECK: %[[W:.+]] = arith.constant dense<{{\[}}{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]], {{\[}}[5.000000e+00, 7.000000e+00], [6.000000e+00, 8.000000e+00]]]> : tensor<2x2x2xf32>
// CHECK: accel.matmul %{{.+}}, %[[W]] {transpose_b = true}
func.func @batched_constant_weight(%x: tensor<2x3x2xf32>) -> tensor<2x3x2xf32> {
  %w = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]> : tensor<2x2x2xf32>
  %y = accel.matmul %x, %w : (tensor<2x3x2xf32>, tensor<2x2x2xf32>) -> tensor<2x3x2xf32>
  return %y : tensor<2x3x2xf32>
}

// -----

// A transpose of a [N, K] weight folds into transpose_b, and is gone.
// REMARK: remark: folded the linalg.transpose of its weight into transpose_b = true
// CHECK-LABEL: func.func @folded_transpose
// CHECK-SAME: (%[[X:.+]]: tensor<4x6xf32>, %[[W:.+]]: tensor<5x6xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: accel.matmul %[[X]], %[[W]] {transpose_b = true} : (tensor<4x6xf32>, tensor<5x6xf32>) -> tensor<4x5xf32>
func.func @folded_transpose(%x: tensor<4x6xf32>, %w: tensor<5x6xf32>) -> tensor<4x5xf32> {
  %init = tensor.empty() : tensor<6x5xf32>
  %wt = linalg.transpose ins(%w : tensor<5x6xf32>) outs(%init : tensor<6x5xf32>) permutation = [1, 0]
  %y = accel.matmul %x, %wt : (tensor<4x6xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// And back: transpose_b = true of a transpose is the plain layout.
// REMARK: remark: folded the linalg.transpose of its weight into transpose_b = false
// CHECK-LABEL: func.func @folded_transpose_back
// CHECK-SAME: (%[[X:.+]]: tensor<4x6xf32>, %[[W:.+]]: tensor<6x5xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: accel.matmul %[[X]], %[[W]] : (tensor<4x6xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
func.func @folded_transpose_back(%x: tensor<4x6xf32>, %w: tensor<6x5xf32>) -> tensor<4x5xf32> {
  %init = tensor.empty() : tensor<5x6xf32>
  %wt = linalg.transpose ins(%w : tensor<6x5xf32>) outs(%init : tensor<5x6xf32>) permutation = [1, 0]
  %y = accel.matmul %x, %wt {transpose_b = true} : (tensor<4x6xf32>, tensor<5x6xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// A transpose with another use stays for that use.
// CHECK-LABEL: func.func @transpose_used_twice
// CHECK: %[[T:.+]] = linalg.transpose
// CHECK: accel.matmul %{{.+}}, %{{.+}} {transpose_b = true}
// CHECK: return %{{.+}}, %[[T]]
func.func @transpose_used_twice(%x: tensor<4x6xf32>, %w: tensor<5x6xf32>) -> (tensor<4x5xf32>, tensor<6x5xf32>) {
  %init = tensor.empty() : tensor<6x5xf32>
  %wt = linalg.transpose ins(%w : tensor<5x6xf32>) outs(%init : tensor<6x5xf32>) permutation = [1, 0]
  %y = accel.matmul %x, %wt : (tensor<4x6xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
  return %y, %wt : tensor<4x5xf32>, tensor<6x5xf32>
}

// -----

// A W8A8 weight with group-wise scales: the scale [K/g, N] moves with it.
// CHECK-LABEL: func.func @w8a8_grouped
// CHECK-DAG: %[[W:.+]] = arith.constant dense<{{\[}}[1, 3, 5, 7], [2, 4, 6, 8]]> : tensor<2x4xi8>
// CHECK-DAG: %[[S:.+]] = arith.constant dense<{{\[}}[1.000000e-01, 3.000000e-01], [2.000000e-01, 4.000000e-01]]> : tensor<2x2xf32>
// CHECK-NOT: [1.000000e-01, 2.000000e-01]
// CHECK: accel.quantized_matmul %{{.+}}, %{{.+}}, %[[W]], %[[S]] {transpose_b = true}
func.func @w8a8_grouped(%x: tensor<3x4xi8>) -> tensor<3x2xf32> {
  %xs = arith.constant dense<0.5> : tensor<f32>
  %w = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8>
  %ws = arith.constant dense<[[0.1, 0.2], [0.3, 0.4]]> : tensor<2x2xf32>
  %y = accel.quantized_matmul %x, %xs, %w, %ws : (tensor<3x4xi8>, tensor<f32>, tensor<4x2xi8>, tensor<2x2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// negative: a group-wise scale that is not a constant cannot move with its
// weight, which is left alone.
// REMARK: remark: left its constant weight [K, N]: the group-wise b_scale is not a constant that can be transposed with it
// CHECK-LABEL: func.func @negative_dynamic_group_scale
// CHECK: accel.quantized_matmul %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : (tensor<3x4xi8>, tensor<f32>, tensor<4x2xi8>, tensor<2x2xf32>)
func.func @negative_dynamic_group_scale(%x: tensor<3x4xi8>, %ws: tensor<2x2xf32>) -> tensor<3x2xf32> {
  %xs = arith.constant dense<0.5> : tensor<f32>
  %w = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8>
  %y = accel.quantized_matmul %x, %xs, %w, %ws : (tensor<3x4xi8>, tensor<f32>, tensor<4x2xi8>, tensor<2x2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// negative: a transpose that moves a batch dim is not transpose_b.
// CHECK-LABEL: func.func @negative_batch_permutation
// CHECK: linalg.transpose
// CHECK: accel.matmul %{{.+}}, %{{.+}} : (tensor<2x4x3xf32>, tensor<2x3x5xf32>)
func.func @negative_batch_permutation(%x: tensor<2x4x3xf32>, %w: tensor<3x2x5xf32>) -> tensor<2x4x5xf32> {
  %init = tensor.empty() : tensor<2x3x5xf32>
  %wt = linalg.transpose ins(%w : tensor<3x2x5xf32>) outs(%init : tensor<2x3x5xf32>) permutation = [1, 0, 2]
  %y = accel.matmul %x, %wt : (tensor<2x4x3xf32>, tensor<2x3x5xf32>) -> tensor<2x4x5xf32>
  return %y : tensor<2x4x5xf32>
}

// -----

// quantized_matmul (which canonicalization does not touch): a transposed
// weight with per-channel scales folds into transpose_b.
// CHECK-LABEL: func.func @w8a8_folded_transpose
// CHECK-SAME: (%[[X:.+]]: tensor<3x4xi8>, %[[W:.+]]: tensor<2x4xi8>)
// CHECK-NOT: linalg.transpose
// CHECK: accel.quantized_matmul %[[X]], %{{.+}}, %[[W]], %{{.+}} {transpose_b = true} : (tensor<3x4xi8>, tensor<f32>, tensor<2x4xi8>, tensor<2xf32>)
func.func @w8a8_folded_transpose(%x: tensor<3x4xi8>, %w: tensor<2x4xi8>) -> tensor<3x2xf32> {
  %xs = arith.constant dense<0.5> : tensor<f32>
  %ws = arith.constant dense<[0.25, 0.125]> : tensor<2xf32>
  %init = tensor.empty() : tensor<4x2xi8>
  %wt = linalg.transpose ins(%w : tensor<2x4xi8>) outs(%init : tensor<4x2xi8>) permutation = [1, 0]
  %y = accel.quantized_matmul %x, %xs, %wt, %ws : (tensor<3x4xi8>, tensor<f32>, tensor<4x2xi8>, tensor<2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// negative: a transposed weight whose group-wise scale is not a constant
// keeps its transpose (the scale's layout would have to move too).
// REMARK: remark: kept the linalg.transpose of its weight: the group-wise b_scale is not a constant that can move with it
// CHECK-LABEL: func.func @negative_transpose_dynamic_group_scale
// CHECK: linalg.transpose
// CHECK: accel.quantized_matmul %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : (tensor<3x4xi8>, tensor<f32>, tensor<4x2xi8>, tensor<2x2xf32>)
func.func @negative_transpose_dynamic_group_scale(%x: tensor<3x4xi8>, %w: tensor<2x4xi8>, %ws: tensor<2x2xf32>) -> tensor<3x2xf32> {
  %xs = arith.constant dense<0.5> : tensor<f32>
  %init = tensor.empty() : tensor<4x2xi8>
  %wt = linalg.transpose ins(%w : tensor<2x4xi8>) outs(%init : tensor<4x2xi8>) permutation = [1, 0]
  %y = accel.quantized_matmul %x, %xs, %wt, %ws : (tensor<3x4xi8>, tensor<f32>, tensor<4x2xi8>, tensor<2x2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}
