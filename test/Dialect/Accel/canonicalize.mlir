// RUN: accel-opt %s -canonicalize -split-input-file | FileCheck %s

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

// Requantizing a dequantized tensor with the same scale gives it back.
// CHECK-LABEL: func.func @fold_quantize_of_dequantize
// CHECK-SAME: %[[Q:[^:]+]]: tensor<64x32xi8>, %[[S:[^:]+]]: tensor<64xf32>
func.func @fold_quantize_of_dequantize(%q: tensor<64x32xi8>, %s: tensor<64xf32>)
    -> (tensor<64x32xi8>, tensor<64xf32>) {
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
      : (tensor<64x32xi8>, tensor<64xf32>) -> tensor<64x32xf32>
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<64x32xf32>, tensor<64xf32>) -> (tensor<64x32xi8>, tensor<64xf32>)
  // CHECK-NOT: accel.
  // CHECK: return %[[Q]], %[[S]]
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
func.func @negative_requantize_other_axis(%q: tensor<64x64xi8>, %s: tensor<64xf32>)
    -> (tensor<64x64xi8>, tensor<64xf32>) {
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
      : (tensor<64x64xi8>, tensor<64xf32>) -> tensor<64x64xf32>
  // CHECK: accel.quantize
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "channel", axis = 1 : i64}
      : (tensor<64x64xf32>, tensor<64xf32>) -> (tensor<64x64xi8>, tensor<64xf32>)
  return %q2, %s2 : tensor<64x64xi8>, tensor<64xf32>
}
