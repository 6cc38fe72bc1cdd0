// RUN: accel-opt %s -canonicalize -split-input-file | FileCheck %s
// Every fold is exact: the same random inputs give the same results with
// and without canonicalization (the reference lowering folds nothing).
// RUN: accel-run %s --entry=fold_transpose_into_matmul --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=transpose_cancels_transpose_b --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=negative_transpose_moves_batch_dim --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=drop_single_shard --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=fold_quantize_of_dequantize --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=negative_requantize_f16_overflow --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=negative_requantize_zero_scale --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=negative_requantize_bf16 --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=negative_requantize_other_axis --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// EXACT: compare: result #0 ok: {{.+}} max abs error 0.000000e+00

// CHECK-LABEL: func.func @fold_transpose_into_matmul
// CHECK-SAME: %[[A:[^:]+]]: tensor<4x16x32xf16>, %[[B:[^:]+]]: tensor<4x8x32xf16>
func.func @fold_transpose_into_matmul(%a: tensor<4x16x32xf16>, %b: tensor<4x8x32xf16>)
    -> tensor<4x16x8xf32> {
  %init = tensor.empty() : tensor<4x32x8xf16>
  %bt = linalg.transpose ins(%b : tensor<4x8x32xf16>) outs(%init : tensor<4x32x8xf16>)
      permutation = [0, 2, 1]
  // CHECK-NOT: linalg.transpose
  // CHECK: %[[R:.+]] = accel.matmul %[[A]], %[[B]] {transpose_b = true}
  // CHECK: return %[[R]]
  %r = accel.matmul %a, %bt : (tensor<4x16x32xf16>, tensor<4x32x8xf16>) -> tensor<4x16x8xf32>
  return %r : tensor<4x16x8xf32>
}

// -----

// A transposed operand of a transpose_b matmul cancels the flag.
// CHECK-LABEL: func.func @transpose_cancels_transpose_b
// CHECK-SAME: %[[A:[^:]+]]: tensor<16x32xf32>, %[[B:[^:]+]]: tensor<32x8xf32>
func.func @transpose_cancels_transpose_b(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>)
    -> tensor<16x8xf32> {
  %init = tensor.empty() : tensor<8x32xf32>
  %bt = linalg.transpose ins(%b : tensor<32x8xf32>) outs(%init : tensor<8x32xf32>)
      permutation = [1, 0]
  // CHECK: %[[R:.+]] = accel.matmul %[[A]], %[[B]] :
  %r = accel.matmul %a, %bt {transpose_b = true}
      : (tensor<16x32xf32>, tensor<8x32xf32>) -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

// A permutation that moves a batch dim is not a transpose_b.
// CHECK-LABEL: func.func @negative_transpose_moves_batch_dim
func.func @negative_transpose_moves_batch_dim(%a: tensor<4x16x32xf16>, %b: tensor<32x4x8xf16>)
    -> tensor<4x16x8xf32> {
  %init = tensor.empty() : tensor<4x32x8xf16>
  // CHECK: %[[BT:.+]] = linalg.transpose
  %bt = linalg.transpose ins(%b : tensor<32x4x8xf16>) outs(%init : tensor<4x32x8xf16>)
      permutation = [1, 0, 2]
  // CHECK: accel.matmul %{{.+}}, %[[BT]] :
  %r = accel.matmul %a, %bt : (tensor<4x16x32xf16>, tensor<4x32x8xf16>) -> tensor<4x16x8xf32>
  return %r : tensor<4x16x8xf32>
}

// -----

// One shard hides nothing: the head_shard attribute goes.
// CHECK-LABEL: func.func @drop_single_shard
func.func @drop_single_shard(%q: tensor<1x4x128x64xf16>, %k: tensor<1x4x128x64xf16>,
                             %v: tensor<1x4x128x64xf16>, %o: tensor<1x4x128x64xf16>,
                             %lse: tensor<1x4x128xf32>)
    -> (tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>) {
  // CHECK: accel.attention %{{.+}}, %{{.+}}, %{{.+}} {causal = true} :
  %r = accel.attention %q, %k, %v {causal = true,
      sparsity = #accel.head_shard<num_shards = 1, block = 64, local_blocks = 1>}
      : (tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>) -> tensor<1x4x128x64xf16>
  // CHECK: accel.attention_grad
  // CHECK-NOT: sparsity
  // CHECK-SAME: -> (
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %o {
      sparsity = #accel.head_shard<num_shards = 1, block = 64, local_blocks = 0>}
      : (tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>,
         tensor<1x4x128x64xf16>, tensor<1x4x128xf32>, tensor<1x4x128x64xf16>)
      -> (tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>)
  return %r, %dq : tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>
}

// -----

// CHECK-LABEL: func.func @negative_keep_real_shards
func.func @negative_keep_real_shards(%q: tensor<1x4x128x64xf16>) -> tensor<1x4x128x64xf16> {
  // CHECK: sparsity = #accel.head_shard<num_shards = 2, block = 64, local_blocks = 1>
  %r = accel.attention %q, %q, %q {
      sparsity = #accel.head_shard<num_shards = 2, block = 64, local_blocks = 1>}
      : (tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>) -> tensor<1x4x128x64xf16>
  return %r : tensor<1x4x128x64xf16>
}

// -----

// Requantizing a dequantized tensor with the same constant scale gives it
// back when that is exact: an f32 (or f16) intermediate and scales that are
// finite, non-zero, normal and do not overflow it at |q| = 128.
// CHECK-LABEL: func.func @fold_quantize_of_dequantize
// CHECK-SAME: %[[Q:[^:]+]]: tensor<2x32xi8>
func.func @fold_quantize_of_dequantize(%q: tensor<2x32xi8>)
    -> (tensor<2x32xi8>, tensor<2xf32>) {
  // CHECK: %[[S:.+]] = arith.constant dense<[1.000000e-03, 2.500000e+02]>
  %s = arith.constant dense<[1.0e-3, 250.0]> : tensor<2xf32>
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
      : (tensor<2x32xi8>, tensor<2xf32>) -> tensor<2x32xf16>
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<2x32xf16>, tensor<2xf32>) -> (tensor<2x32xi8>, tensor<2xf32>)
  // CHECK-NOT: accel.
  // CHECK: return %[[Q]], %[[S]]
  return %q2, %s2 : tensor<2x32xi8>, tensor<2xf32>
}

// -----

// f16 overflows: 100 * 1000 is inf, which requantizes to 127, not 100.
// CHECK-LABEL: func.func @negative_requantize_f16_overflow
func.func @negative_requantize_f16_overflow(%q: tensor<4xi8>) -> tensor<4xi8> {
  %s = arith.constant dense<1000.0> : tensor<f32>
  %x = accel.dequantize %q, %s {granularity = "tensor"} : (tensor<4xi8>, tensor<f32>) -> tensor<4xf16>
  // CHECK: accel.quantize
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "tensor"}
      : (tensor<4xf16>, tensor<f32>) -> (tensor<4xi8>, tensor<f32>)
  return %q2 : tensor<4xi8>
}

// -----

// A zero scale makes every element 0 / 0.
// CHECK-LABEL: func.func @negative_requantize_zero_scale
func.func @negative_requantize_zero_scale(%q: tensor<4xi8>) -> tensor<4xi8> {
  %s = arith.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %x = accel.dequantize %q, %s {granularity = "group", axis = 0 : i64, group_size = 2 : i64}
      : (tensor<4xi8>, tensor<2xf32>) -> tensor<4xf32>
  // CHECK: accel.quantize
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "group", axis = 0 : i64, group_size = 2 : i64}
      : (tensor<4xf32>, tensor<2xf32>) -> (tensor<4xi8>, tensor<2xf32>)
  return %q2 : tensor<4xi8>
}

// -----

// bf16's 8-bit significand lets q * s / s land half a step away.
// CHECK-LABEL: func.func @negative_requantize_bf16
func.func @negative_requantize_bf16(%q: tensor<4xi8>) -> tensor<4xi8> {
  %s = arith.constant dense<0.1> : tensor<f32>
  %x = accel.dequantize %q, %s {granularity = "tensor"} : (tensor<4xi8>, tensor<f32>) -> tensor<4xbf16>
  // CHECK: accel.quantize
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "tensor"}
      : (tensor<4xbf16>, tensor<f32>) -> (tensor<4xi8>, tensor<f32>)
  return %q2 : tensor<4xi8>
}

// -----

// A scale known only at run time could be zero or overflow: no fold.
// CHECK-LABEL: func.func @negative_requantize_runtime_scale
func.func @negative_requantize_runtime_scale(%q: tensor<64x32xi8>, %s: tensor<64xf32>)
    -> (tensor<64x32xi8>, tensor<64xf32>) {
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
      : (tensor<64x32xi8>, tensor<64xf32>) -> tensor<64x32xf32>
  // CHECK: accel.quantize
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<64x32xf32>, tensor<64xf32>) -> (tensor<64x32xi8>, tensor<64xf32>)
  return %q2, %s2 : tensor<64x32xi8>, tensor<64xf32>
}

// -----

// A dynamic requantization computes a new scale: no fold.
// CHECK-LABEL: func.func @negative_dynamic_requantize
func.func @negative_dynamic_requantize(%q: tensor<64x32xi8>, %s: tensor<64xf32>)
    -> (tensor<64x32xi8>, tensor<64xf32>) {
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
      : (tensor<64x32xi8>, tensor<64xf32>) -> tensor<64x32xf32>
  // CHECK: accel.quantize
  %q2, %s2 = accel.quantize %x {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<64x32xf32>) -> (tensor<64x32xi8>, tensor<64xf32>)
  return %q2, %s2 : tensor<64x32xi8>, tensor<64xf32>
}

// -----

// A different layout of the same scale values is a different quantization.
// CHECK-LABEL: func.func @negative_requantize_other_axis
func.func @negative_requantize_other_axis(%q: tensor<64x64xi8>)
    -> (tensor<64x64xi8>, tensor<64xf32>) {
  %s = arith.constant dense<0.5> : tensor<64xf32>
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
      : (tensor<64x64xi8>, tensor<64xf32>) -> tensor<64x64xf32>
  // CHECK: accel.quantize
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "channel", axis = 1 : i64}
      : (tensor<64x64xf32>, tensor<64xf32>) -> (tensor<64x64xi8>, tensor<64xf32>)
  return %q2, %s2 : tensor<64x64xi8>, tensor<64xf32>
}
