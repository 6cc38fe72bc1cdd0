// RUN: accel-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// accel.matmul
//===----------------------------------------------------------------------===//

func.func @matmul_operand_element_type(%a: tensor<4x8xi32>, %b: tensor<8x16xi32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x8xi32>'}}
  %0 = accel.matmul %a, %b : (tensor<4x8xi32>, tensor<8x16xi32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @matmul_unranked_operand(%a: tensor<4x8xf32>, %b: tensor<*xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op operand #1 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<*xf32>'}}
  %0 = "accel.matmul"(%a, %b) : (tensor<4x8xf32>, tensor<*xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @matmul_result_element_type(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xi32> {
  // expected-error @+1 {{'accel.matmul' op result #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x16xi32>'}}
  %0 = accel.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xi32>
  return %0 : tensor<4x16xi32>
}

// -----

func.func @matmul_transpose_b_not_bool(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{custom op 'accel.matmul' 'accel.matmul' op attribute 'transpose_b' failed to satisfy constraint: bool attribute}}
  %0 = accel.matmul %a, %b {transpose_b = 1 : i64} : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @matmul_element_type_mismatch(%a: tensor<4x8xf32>, %b: tensor<8x16xf16>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op expects a and b to share an element type, got 'f32' and 'f16'}}
  %0 = accel.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf16>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @matmul_rank_a(%a: tensor<8xf32>, %b: tensor<8x16xf32>) -> tensor<16xf32> {
  // expected-error @+1 {{'accel.matmul' op expects a to have rank >= 2, got 1}}
  %0 = accel.matmul %a, %b : (tensor<8xf32>, tensor<8x16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----

func.func @matmul_rank_b(%a: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.matmul' op expects b to have rank >= 2, got 1}}
  %0 = "accel.matmul"(%a, %b) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @matmul_reduction_mismatch(%a: tensor<4x64xf32>, %b: tensor<32x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op expects the reduction dims of a (64) and b (32) to match}}
  %0 = accel.matmul %a, %b : (tensor<4x64xf32>, tensor<32x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @matmul_batch_not_broadcastable(%a: tensor<3x4x8xf32>, %b: tensor<5x8x16xf32>) -> tensor<3x4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op expects broadcast-compatible batch dims, got [3] and [5]}}
  %0 = accel.matmul %a, %b : (tensor<3x4x8xf32>, tensor<5x8x16xf32>) -> tensor<3x4x16xf32>
  return %0 : tensor<3x4x16xf32>
}

// -----

func.func @matmul_bias_element_type(%a: tensor<4x8xf16>, %b: tensor<8x16xf16>, %bias: tensor<16xbf16>) -> tensor<4x16xf16> {
  // expected-error @+1 {{'accel.matmul' op expects bias of element type 'f32' or 'f16', got 'bf16'}}
  %0 = accel.matmul %a, %b, %bias : (tensor<4x8xf16>, tensor<8x16xf16>, tensor<16xbf16>) -> tensor<4x16xf16>
  return %0 : tensor<4x16xf16>
}

// -----

func.func @matmul_bias_shape(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>, %bias: tensor<8xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op expects bias of shape [16], got [8]}}
  %0 = "accel.matmul"(%a, %b, %bias) <{transpose_b = true}> : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<8xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @matmul_result_shape(%a: tensor<2x4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op expects result of shape [2, 4, 16], got [4, 16]}}
  %0 = accel.matmul %a, %b : (tensor<2x4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

//===----------------------------------------------------------------------===//
// accel.attention
//===----------------------------------------------------------------------===//

// -----

func.func @attention_operand_element_type(%q: tensor<2x8x16x64xi8>, %k: tensor<2x2x32x64xi8>, %v: tensor<2x2x32x64xi8>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or f8E4M3FN type or f8E5M2 type values, but got 'tensor<2x8x16x64xi8>'}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xi8>, tensor<2x2x32x64xi8>, tensor<2x2x32x64xi8>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_lse_element_type(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16xf16> {
  // expected-error @+1 {{'accel.attention' op result #1 must be ranked tensor of 32-bit float values, but got 'tensor<2x8x16xf16>'}}
  %o, %lse = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>) -> (tensor<2x8x16x64xf16>, tensor<2x8x16xf16>)
  return %lse : tensor<2x8x16xf16>
}

// -----

func.func @attention_scale_not_f32(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{custom op 'accel.attention' 'accel.attention' op attribute 'scale' failed to satisfy constraint: 32-bit float attribute}}
  %o = accel.attention %q, %k, %v {scale = 0.125 : f64} : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_sparsity_not_head_shard(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{custom op 'accel.attention' 'accel.attention' op attribute 'sparsity' failed to satisfy constraint: S2-Attention heterogeneous context sharding across heads}}
  %o = accel.attention %q, %k, %v {sparsity = 4 : i64} : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_qk_element_type_mismatch(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xbf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects q and k to share an element type, got 'f16' and 'bf16'}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xbf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_qv_element_type_mismatch(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf32>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects q and v to share an element type, got 'f16' and 'f32'}}
  %o = "accel.attention"(%q, %k, %v) : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf32>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_scale_not_finite(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects a finite scale, got INF}}
  %o = accel.attention %q, %k, %v {scale = 0x7F800000 : f32} : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_q_rank(%q: tensor<8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects q to have rank 4, got 3}}
  %o = accel.attention %q, %k, %v : (tensor<8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_k_rank(%q: tensor<2x8x16x64xf16>, %k: tensor<2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects k to have rank 4, got 3}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x32x64xf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_v_rank(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<1x2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects v to have rank 4, got 5}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<1x2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_batch_q_k_mismatch(%q: tensor<2x8x16x64xf16>, %k: tensor<3x2x32x64xf16>, %v: tensor<3x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects the batch of q (2) to equal the batch of k (3)}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<3x2x32x64xf16>, tensor<3x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_batch_k_v_mismatch(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<3x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects the batch of k (2) to equal the batch of v (3)}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<3x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_kv_heads_mismatch(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x4x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects the kv heads of k (2) to equal the kv heads of v (4)}}
  %o = "accel.attention"(%q, %k, %v) : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x4x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_key_length_mismatch(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x48x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects the key length of k (32) to equal the key length of v (48)}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x48x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_head_dim_mismatch(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x128xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects the head dim of q (64) to equal the head dim of k (128)}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x2x32x128xf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_zero_kv_heads(%q: tensor<2x8x16x64xf16>, %k: tensor<2x0x32x64xf16>, %v: tensor<2x0x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects at least one kv head, got 0}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x0x32x64xf16>, tensor<2x0x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_query_heads_not_multiple(%q: tensor<2x8x16x64xf16>, %k: tensor<2x3x32x64xf16>, %v: tensor<2x3x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects the query heads (8) to be a multiple of the kv heads (3)}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x3x32x64xf16>, tensor<2x3x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_bias_element_type(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>, %bias: tensor<16x32xbf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects bias of element type 'f32' or 'f16', got 'bf16'}}
  %o = accel.attention %q, %k, %v, %bias : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>, tensor<16x32xbf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_bias_not_broadcastable(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>, %bias: tensor<8x16x31xf32>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects bias of shape [8, 16, 31] to broadcast to [2, 8, 16, 32]}}
  %o = "accel.attention"(%q, %k, %v, %bias) : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>, tensor<8x16x31xf32>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_out_element_type(%q: tensor<2x8x16x64xf8E4M3FN>, %k: tensor<2x2x32x64xf8E4M3FN>, %v: tensor<2x2x32x64xf8E4M3FN>) -> tensor<2x8x16x64xf8E4M3FN> {
  // expected-error @+1 {{'accel.attention' op expects out of element type f32, f16 or bf16, got 'f8E4M3FN'}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf8E4M3FN>, tensor<2x2x32x64xf8E4M3FN>, tensor<2x2x32x64xf8E4M3FN>) -> tensor<2x8x16x64xf8E4M3FN>
  return %o : tensor<2x8x16x64xf8E4M3FN>
}

// -----

func.func @attention_out_shape(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x32xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects out of shape [2, 8, 16, 32], got [2, 8, 16, 64]}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x32xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @attention_lse_shape(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x32xf32> {
  // expected-error @+1 {{'accel.attention' op expects lse of shape [2, 8, 16], got [2, 8, 32]}}
  %o, %lse = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>) -> (tensor<2x8x16x64xf16>, tensor<2x8x32xf32>)
  return %lse : tensor<2x8x32xf32>
}

//===----------------------------------------------------------------------===//
// #accel.head_shard
//===----------------------------------------------------------------------===//

// -----

func.func @head_shard_num_shards(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'#accel.head_shard' expects num_shards >= 1, got 0}}
  %o = accel.attention %q, %k, %v {sparsity = #accel.head_shard<num_shards = 0, block = 64, local_blocks = 1>} : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @head_shard_block(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'#accel.head_shard' expects block >= 1, got -64}}
  %o = "accel.attention"(%q, %k, %v) <{sparsity = #accel.head_shard<num_shards = 4, block = -64, local_blocks = 1>}> : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @head_shard_local_blocks(%q: tensor<2x8x16x64xf16>, %k: tensor<2x2x32x64xf16>, %v: tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'#accel.head_shard' expects local_blocks >= 0, got -1}}
  %o = accel.attention %q, %k, %v {sparsity = #accel.head_shard<num_shards = 4, block = 64, local_blocks = -1>} : (tensor<2x8x16x64xf16>, tensor<2x2x32x64xf16>, tensor<2x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

//===----------------------------------------------------------------------===//
// accel.attention_grad
//===----------------------------------------------------------------------===//

// -----

func.func @attention_grad_lse_element_type(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf16>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op operand #4 must be ranked tensor of 32-bit float values, but got 'tensor<1x4x16xf16>'}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf16>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_qk_element_type_mismatch(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf32>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects q and k to share an element type, got 'f16' and 'f32'}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf32>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf32>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_scale_not_finite(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects a finite scale, got nan}}
  %dq, %dk, %dv = "accel.attention_grad"(%q, %k, %v, %o, %lse, %do) <{scale = 0x7FC00000 : f32}> : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_q_rank(%q: tensor<4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects q to have rank 4, got 3}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_query_heads_not_multiple(%q: tensor<1x4x16x8xf16>, %k: tensor<1x3x32x8xf16>, %v: tensor<1x3x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects the query heads (4) to be a multiple of the kv heads (3)}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf16>, tensor<1x3x32x8xf16>, tensor<1x3x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x3x32x8xf16>, tensor<1x3x32x4xf16>)
  return
}

// -----

func.func @attention_grad_out_shape(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x8xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects out of shape [1, 4, 16, 4], got [1, 4, 16, 8]}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x8xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_lse_shape(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x32xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects lse of shape [1, 4, 16], got [1, 4, 32]}}
  %dq, %dk, %dv = "accel.attention_grad"(%q, %k, %v, %o, %lse, %do) : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x32xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_dout_shape(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x8x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects dout of shape [1, 4, 16, 4], got [1, 4, 8, 4]}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x8x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_dq_element_type(%q: tensor<1x4x16x8xf8E5M2>, %k: tensor<1x2x32x8xf8E5M2>, %v: tensor<1x2x32x4xf8E5M2>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects dq of element type f32, f16 or bf16, got 'f8E5M2'}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf8E5M2>, tensor<1x2x32x8xf8E5M2>, tensor<1x2x32x4xf8E5M2>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf8E5M2>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_dq_shape(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects dq of shape [1, 4, 16, 8], got [1, 4, 16, 4]}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x4xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_dk_element_type(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects dk of element type f32, f16 or bf16, got 'f8E4M3FN'}}
  %dq, %dk, %dv = "accel.attention_grad"(%q, %k, %v, %o, %lse, %do) : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf8E4M3FN>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_dk_shape(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects dk of shape [1, 2, 32, 8], got [1, 4, 32, 8]}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x4x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

// -----

func.func @attention_grad_dv_element_type(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects dv of element type f32, f16 or bf16, got 'f8E5M2'}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf8E5M2>)
  return
}

// -----

func.func @attention_grad_dv_shape(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  // expected-error @+1 {{'accel.attention_grad' op expects dv of shape [1, 2, 32, 4], got [1, 2, 32, 8]}}
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x8xf16>)
  return
}

// -----

func.func @attention_grad_head_shard_block(%q: tensor<1x4x16x8xf16>, %k: tensor<1x2x32x8xf16>, %v: tensor<1x2x32x4xf16>, %o: tensor<1x4x16x4xf16>, %lse: tensor<1x4x16xf32>, %do: tensor<1x4x16x4xf16>) {
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do {
      // expected-error @below {{'#accel.head_shard' expects block >= 1, got 0}}
      sparsity = #accel.head_shard<num_shards = 2, block = 0, local_blocks = 0>}
      : (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>, tensor<1x4x16x4xf16>, tensor<1x4x16xf32>, tensor<1x4x16x4xf16>) -> (tensor<1x4x16x8xf16>, tensor<1x2x32x8xf16>, tensor<1x2x32x4xf16>)
  return
}

//===----------------------------------------------------------------------===//
// accel.block_diag_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @block_diag_element_type_mismatch(%x: tensor<16x256xf32>, %w: tensor<4x32x64xbf16>) -> tensor<16x128xf32> {
  // expected-error @+1 {{'accel.block_diag_matmul' op expects x and w to share an element type, got 'f32' and 'bf16'}}
  %0 = accel.block_diag_matmul %x, %w : (tensor<16x256xf32>, tensor<4x32x64xbf16>) -> tensor<16x128xf32>
  return %0 : tensor<16x128xf32>
}

// -----

func.func @block_diag_x_rank(%x: tensor<f32>, %w: tensor<4x32x64xf32>) -> tensor<128xf32> {
  // expected-error @+1 {{'accel.block_diag_matmul' op expects x to have rank >= 1, got 0}}
  %0 = accel.block_diag_matmul %x, %w : (tensor<f32>, tensor<4x32x64xf32>) -> tensor<128xf32>
  return %0 : tensor<128xf32>
}

// -----

func.func @block_diag_w_rank(%x: tensor<16x256xf32>, %w: tensor<32x64xf32>) -> tensor<16x128xf32> {
  // expected-error @+1 {{'accel.block_diag_matmul' op expects w to have rank 3, got 2}}
  %0 = "accel.block_diag_matmul"(%x, %w) : (tensor<16x256xf32>, tensor<32x64xf32>) -> tensor<16x128xf32>
  return %0 : tensor<16x128xf32>
}

// -----

func.func @block_diag_nb_p_overflow(%x: tensor<16x?xf32>, %w: tensor<4611686018427387904x1x4xf32>) -> tensor<16x?xf32> {
  // expected-error @+1 {{'accel.block_diag_matmul' op expects nb * p (4611686018427387904 * 4) to fit in 64 bits}}
  %0 = accel.block_diag_matmul %x, %w : (tensor<16x?xf32>, tensor<4611686018427387904x1x4xf32>) -> tensor<16x?xf32>
  return %0 : tensor<16x?xf32>
}

// -----

func.func @block_diag_input_dim_mismatch(%x: tensor<16x255xf32>, %w: tensor<4x32x64xf32>) -> tensor<16x128xf32> {
  // expected-error @+1 {{'accel.block_diag_matmul' op expects the last dim of x (255) to equal nb * p (4 * 64)}}
  %0 = accel.block_diag_matmul %x, %w : (tensor<16x255xf32>, tensor<4x32x64xf32>) -> tensor<16x128xf32>
  return %0 : tensor<16x128xf32>
}

// -----

func.func @block_diag_nb_q_overflow(%x: tensor<16x?xf32>, %w: tensor<4611686018427387904x4x1xf32>) -> tensor<16x?xf32> {
  // expected-error @+1 {{'accel.block_diag_matmul' op expects nb * q (4611686018427387904 * 4) to fit in 64 bits}}
  %0 = accel.block_diag_matmul %x, %w : (tensor<16x?xf32>, tensor<4611686018427387904x4x1xf32>) -> tensor<16x?xf32>
  return %0 : tensor<16x?xf32>
}

// -----

func.func @block_diag_result_shape(%x: tensor<16x256xf32>, %w: tensor<4x32x64xf32>) -> tensor<16x256xf32> {
  // expected-error @+1 {{'accel.block_diag_matmul' op expects result of shape [16, 128], got [16, 256]}}
  %0 = "accel.block_diag_matmul"(%x, %w) : (tensor<16x256xf32>, tensor<4x32x64xf32>) -> tensor<16x256xf32>
  return %0 : tensor<16x256xf32>
}

//===----------------------------------------------------------------------===//
// accel.monarch_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @monarch_w1_element_type_mismatch(%x: tensor<16x64xf32>, %w1: tensor<8x8x8xf16>, %w2: tensor<8x8x8xf32>) -> tensor<16x64xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects x and w1 to share an element type, got 'f32' and 'f16'}}
  %0 = accel.monarch_matmul %x, %w1, %w2 : (tensor<16x64xf32>, tensor<8x8x8xf16>, tensor<8x8x8xf32>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

// -----

func.func @monarch_w2_element_type_mismatch(%x: tensor<16x64xf32>, %w1: tensor<8x8x8xf32>, %w2: tensor<8x8x8xbf16>) -> tensor<16x64xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects x and w2 to share an element type, got 'f32' and 'bf16'}}
  %0 = accel.monarch_matmul %x, %w1, %w2 : (tensor<16x64xf32>, tensor<8x8x8xf32>, tensor<8x8x8xbf16>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

// -----

func.func @monarch_x_rank(%x: tensor<f32>, %w1: tensor<8x8x8xf32>, %w2: tensor<8x8x8xf32>) -> tensor<64xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects x to have rank >= 1, got 0}}
  %0 = accel.monarch_matmul %x, %w1, %w2 : (tensor<f32>, tensor<8x8x8xf32>, tensor<8x8x8xf32>) -> tensor<64xf32>
  return %0 : tensor<64xf32>
}

// -----

func.func @monarch_w1_rank(%x: tensor<16x64xf32>, %w1: tensor<8x8xf32>, %w2: tensor<8x8x8xf32>) -> tensor<16x64xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects w1 to have rank 3, got 2}}
  %0 = "accel.monarch_matmul"(%x, %w1, %w2) : (tensor<16x64xf32>, tensor<8x8xf32>, tensor<8x8x8xf32>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

// -----

func.func @monarch_w2_rank(%x: tensor<16x64xf32>, %w1: tensor<8x8x8xf32>, %w2: tensor<1x8x8x8xf32>) -> tensor<16x64xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects w2 to have rank 3, got 4}}
  %0 = accel.monarch_matmul %x, %w1, %w2 : (tensor<16x64xf32>, tensor<8x8x8xf32>, tensor<1x8x8x8xf32>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

// -----

func.func @monarch_l_s_overflow(%x: tensor<16x?xf32>, %w1: tensor<4611686018427387904x1x1xf32>, %w2: tensor<4611686018427387904x4x1xf32>) -> tensor<16x?xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects l * s (4611686018427387904 * 4) to fit in 64 bits}}
  %0 = accel.monarch_matmul %x, %w1, %w2 : (tensor<16x?xf32>, tensor<4611686018427387904x1x1xf32>, tensor<4611686018427387904x4x1xf32>) -> tensor<16x?xf32>
  return %0 : tensor<16x?xf32>
}

// -----

func.func @monarch_input_dim_mismatch(%x: tensor<16x32xf32>, %w1: tensor<8x8x8xf32>, %w2: tensor<8x8x8xf32>) -> tensor<16x64xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects the last dim of x (32) to equal k * p of w1 (8 * 8)}}
  %0 = accel.monarch_matmul %x, %w1, %w2 : (tensor<16x32xf32>, tensor<8x8x8xf32>, tensor<8x8x8xf32>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

// -----

func.func @monarch_factor_mismatch(%x: tensor<16x64xf32>, %w1: tensor<8x8x8xf32>, %w2: tensor<4x8x8xf32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects l * r of w2 (4 * 8) to equal k * q of w1 (8 * 8)}}
  %0 = "accel.monarch_matmul"(%x, %w1, %w2) : (tensor<16x64xf32>, tensor<8x8x8xf32>, tensor<4x8x8xf32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// -----

func.func @monarch_result_shape(%x: tensor<16x64xf32>, %w1: tensor<8x8x8xf32>, %w2: tensor<8x4x8xf32>) -> tensor<16x64xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects result of shape [16, 32], got [16, 64]}}
  %0 = accel.monarch_matmul %x, %w1, %w2 : (tensor<16x64xf32>, tensor<8x8x8xf32>, tensor<8x4x8xf32>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

//===----------------------------------------------------------------------===//
// accel.gather_rows
//===----------------------------------------------------------------------===//

// -----

func.func @gather_rows_index_element_type(%x: tensor<100x64xf32>, %idx: tensor<50xf32>) -> tensor<50x64xf32> {
  // expected-error @+1 {{'accel.gather_rows' op operand #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<50xf32>'}}
  %0 = accel.gather_rows %x, %idx : (tensor<100x64xf32>, tensor<50xf32>) -> tensor<50x64xf32>
  return %0 : tensor<50x64xf32>
}

// -----

func.func @gather_rows_unranked_x(%x: tensor<*xf32>, %idx: tensor<50xi64>) -> tensor<50x64xf32> {
  // expected-error @+1 {{'accel.gather_rows' op operand #0 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %0 = "accel.gather_rows"(%x, %idx) : (tensor<*xf32>, tensor<50xi64>) -> tensor<50x64xf32>
  return %0 : tensor<50x64xf32>
}

// -----

func.func @gather_rows_x_rank(%x: tensor<100xf32>, %idx: tensor<50xi64>) -> tensor<50x64xf32> {
  // expected-error @+1 {{'accel.gather_rows' op expects x to have rank 2, got 1}}
  %0 = accel.gather_rows %x, %idx : (tensor<100xf32>, tensor<50xi64>) -> tensor<50x64xf32>
  return %0 : tensor<50x64xf32>
}

// -----

func.func @gather_rows_idx_rank(%x: tensor<100x64xf32>, %idx: tensor<5x10xi64>) -> tensor<50x64xf32> {
  // expected-error @+1 {{'accel.gather_rows' op expects idx to have rank 1, got 2}}
  %0 = accel.gather_rows %x, %idx : (tensor<100x64xf32>, tensor<5x10xi64>) -> tensor<50x64xf32>
  return %0 : tensor<50x64xf32>
}

// -----

func.func @gather_rows_result_element_type(%x: tensor<100x64xi32>, %idx: tensor<50xi64>) -> tensor<50x64xf32> {
  // expected-error @+1 {{'accel.gather_rows' op expects the result element type to be 'i32', got 'f32'}}
  %0 = accel.gather_rows %x, %idx : (tensor<100x64xi32>, tensor<50xi64>) -> tensor<50x64xf32>
  return %0 : tensor<50x64xf32>
}

// -----

func.func @gather_rows_result_shape(%x: tensor<100x64xf32>, %idx: tensor<50xi32>) -> tensor<100x64xf32> {
  // expected-error @+1 {{'accel.gather_rows' op expects result of shape [50, 64], got [100, 64]}}
  %0 = "accel.gather_rows"(%x, %idx) : (tensor<100x64xf32>, tensor<50xi32>) -> tensor<100x64xf32>
  return %0 : tensor<100x64xf32>
}

//===----------------------------------------------------------------------===//
// accel.typed_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @typed_matmul_element_type_mismatch(%x: tensor<50x64xf32>, %w: tensor<8x64x32xf16>, %t: tensor<50xi32>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.typed_matmul' op expects x and w to share an element type, got 'f32' and 'f16'}}
  %0 = accel.typed_matmul %x, %w, %t : (tensor<50x64xf32>, tensor<8x64x32xf16>, tensor<50xi32>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @typed_matmul_x_rank(%x: tensor<64xf32>, %w: tensor<8x64x32xf32>, %t: tensor<50xi32>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.typed_matmul' op expects x to have rank 2, got 1}}
  %0 = accel.typed_matmul %x, %w, %t : (tensor<64xf32>, tensor<8x64x32xf32>, tensor<50xi32>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @typed_matmul_w_rank(%x: tensor<50x64xf32>, %w: tensor<64x32xf32>, %t: tensor<50xi32>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.typed_matmul' op expects w to have rank 3, got 2}}
  %0 = "accel.typed_matmul"(%x, %w, %t) : (tensor<50x64xf32>, tensor<64x32xf32>, tensor<50xi32>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @typed_matmul_types_rank(%x: tensor<50x64xf32>, %w: tensor<8x64x32xf32>, %t: tensor<50x1xi32>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.typed_matmul' op expects types to have rank 1, got 2}}
  %0 = accel.typed_matmul %x, %w, %t : (tensor<50x64xf32>, tensor<8x64x32xf32>, tensor<50x1xi32>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @typed_matmul_feature_dim_mismatch(%x: tensor<50x64xf32>, %w: tensor<8x32x32xf32>, %t: tensor<50xi32>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.typed_matmul' op expects the feature dim of x (64) to equal the input dim of w (32)}}
  %0 = accel.typed_matmul %x, %w, %t : (tensor<50x64xf32>, tensor<8x32x32xf32>, tensor<50xi32>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @typed_matmul_types_length(%x: tensor<50x64xf32>, %w: tensor<8x64x32xf32>, %t: tensor<40xi64>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.typed_matmul' op expects the length of types (40) to equal the rows of x (50)}}
  %0 = accel.typed_matmul %x, %w, %t : (tensor<50x64xf32>, tensor<8x64x32xf32>, tensor<40xi64>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @typed_matmul_result_shape(%x: tensor<50x64xf32>, %w: tensor<8x64x32xf32>, %t: tensor<50xi32>) -> tensor<50x64xf32> {
  // expected-error @+1 {{'accel.typed_matmul' op expects result of shape [50, 32], got [50, 64]}}
  %0 = "accel.typed_matmul"(%x, %w, %t) : (tensor<50x64xf32>, tensor<8x64x32xf32>, tensor<50xi32>) -> tensor<50x64xf32>
  return %0 : tensor<50x64xf32>
}

//===----------------------------------------------------------------------===//
// accel.segment_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @segment_matmul_offsets_rank(%x: tensor<50x64xf32>, %w: tensor<3x64x32xf32>, %off: tensor<4x1xi64>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.segment_matmul' op expects offsets to have rank 1, got 2}}
  %0 = accel.segment_matmul %x, %w, %off : (tensor<50x64xf32>, tensor<3x64x32xf32>, tensor<4x1xi64>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @segment_matmul_feature_dim_mismatch(%x: tensor<50x64xf32>, %w: tensor<3x16x32xf32>, %off: tensor<4xi64>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.segment_matmul' op expects the feature dim of x (64) to equal the input dim of w (16)}}
  %0 = accel.segment_matmul %x, %w, %off : (tensor<50x64xf32>, tensor<3x16x32xf32>, tensor<4xi64>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @segment_matmul_offsets_count(%x: tensor<50x64xf32>, %w: tensor<3x64x32xf32>, %off: tensor<3xi64>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.segment_matmul' op expects offsets to have R + 1 = 3 + 1 entries, got 3}}
  %0 = "accel.segment_matmul"(%x, %w, %off) : (tensor<50x64xf32>, tensor<3x64x32xf32>, tensor<3xi64>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @segment_matmul_result_shape(%x: tensor<50x64xf32>, %w: tensor<3x64x32xf32>, %off: tensor<4xi64>) -> tensor<32x32xf32> {
  // expected-error @+1 {{'accel.segment_matmul' op expects result of shape [50, 32], got [32, 32]}}
  %0 = accel.segment_matmul %x, %w, %off : (tensor<50x64xf32>, tensor<3x64x32xf32>, tensor<4xi64>) -> tensor<32x32xf32>
  return %0 : tensor<32x32xf32>
}

// -----

func.func @segment_matmul_no_offsets(%x: tensor<50x64xf32>, %w: tensor<?x64x32xf32>) -> tensor<50x32xf32> {
  %off = arith.constant dense<> : tensor<0xi64>
  // expected-error @+1 {{'accel.segment_matmul' op expects at least one offset}}
  %0 = accel.segment_matmul %x, %w, %off : (tensor<50x64xf32>, tensor<?x64x32xf32>, tensor<0xi64>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @segment_matmul_first_offset_nonzero(%x: tensor<50x64xf32>, %w: tensor<3x64x32xf32>) -> tensor<50x32xf32> {
  %off = arith.constant dense<[1, 10, 20, 50]> : tensor<4xi64>
  // expected-error @+1 {{'accel.segment_matmul' op expects offsets[0] to be 0, got 1}}
  %0 = accel.segment_matmul %x, %w, %off : (tensor<50x64xf32>, tensor<3x64x32xf32>, tensor<4xi64>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @segment_matmul_decreasing_offsets(%x: tensor<50x64xf32>, %w: tensor<3x64x32xf32>) -> tensor<50x32xf32> {
  %off = arith.constant dense<[0, 20, 10, 50]> : tensor<4xi32>
  // expected-error @+1 {{'accel.segment_matmul' op expects non-decreasing offsets, got offsets[1] = 20 > offsets[2] = 10}}
  %0 = "accel.segment_matmul"(%x, %w, %off) : (tensor<50x64xf32>, tensor<3x64x32xf32>, tensor<4xi32>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @segment_matmul_last_offset_not_rows(%x: tensor<50x64xf32>, %w: tensor<3x64x32xf32>) -> tensor<50x32xf32> {
  %off = arith.constant dense<[0, 10, 20, 40]> : tensor<4xi64>
  // expected-error @+1 {{'accel.segment_matmul' op expects the last offset to equal the rows of x (50), got 40}}
  %0 = accel.segment_matmul %x, %w, %off : (tensor<50x64xf32>, tensor<3x64x32xf32>, tensor<4xi64>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

//===----------------------------------------------------------------------===//
// accel.scatter_reduce
//===----------------------------------------------------------------------===//

// -----

func.func @scatter_reduce_negative_num_rows(%msg: tensor<50x64xf32>, %idx: tensor<50xi64>) -> tensor<?x64xf32> {
  // expected-error @+1 {{'accel.scatter_reduce' op attribute 'num_rows' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %0 = "accel.scatter_reduce"(%msg, %idx) <{num_rows = -1 : i64}> : (tensor<50x64xf32>, tensor<50xi64>) -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// -----

func.func @scatter_reduce_missing_num_rows(%msg: tensor<50x64xf32>, %idx: tensor<50xi64>) -> tensor<100x64xf32> {
  // expected-error @+1 {{'accel.scatter_reduce' op requires attribute 'num_rows'}}
  %0 = accel.scatter_reduce %msg, %idx : (tensor<50x64xf32>, tensor<50xi64>) -> tensor<100x64xf32>
  return %0 : tensor<100x64xf32>
}

// -----

func.func @scatter_reduce_bad_reduce(%msg: tensor<50x64xf32>, %idx: tensor<50xi64>) -> tensor<100x64xf32> {
  // expected-error @+1 {{'accel.scatter_reduce' op expects reduce to be "sum", "mean" or "max", got "min"}}
  %0 = accel.scatter_reduce %msg, %idx {num_rows = 100 : i64, reduce = "min"} : (tensor<50x64xf32>, tensor<50xi64>) -> tensor<100x64xf32>
  return %0 : tensor<100x64xf32>
}

// -----

func.func @scatter_reduce_msg_rank(%msg: tensor<50xf32>, %idx: tensor<50xi64>) -> tensor<100x64xf32> {
  // expected-error @+1 {{'accel.scatter_reduce' op expects msg to have rank 2, got 1}}
  %0 = accel.scatter_reduce %msg, %idx {num_rows = 100 : i64} : (tensor<50xf32>, tensor<50xi64>) -> tensor<100x64xf32>
  return %0 : tensor<100x64xf32>
}

// -----

func.func @scatter_reduce_idx_rank(%msg: tensor<50x64xf32>, %idx: tensor<i64>) -> tensor<100x64xf32> {
  // expected-error @+1 {{'accel.scatter_reduce' op expects idx to have rank 1, got 0}}
  %0 = "accel.scatter_reduce"(%msg, %idx) <{num_rows = 100 : i64}> : (tensor<50x64xf32>, tensor<i64>) -> tensor<100x64xf32>
  return %0 : tensor<100x64xf32>
}

// -----

func.func @scatter_reduce_idx_length(%msg: tensor<50x64xf32>, %idx: tensor<49xi64>) -> tensor<100x64xf32> {
  // expected-error @+1 {{'accel.scatter_reduce' op expects the length of idx (49) to equal the rows of msg (50)}}
  %0 = accel.scatter_reduce %msg, %idx {num_rows = 100 : i64, reduce = "max"} : (tensor<50x64xf32>, tensor<49xi64>) -> tensor<100x64xf32>
  return %0 : tensor<100x64xf32>
}

// -----

func.func @scatter_reduce_result_element_type(%msg: tensor<50x64xf32>, %idx: tensor<50xi64>) -> tensor<100x64xf16> {
  // expected-error @+1 {{'accel.scatter_reduce' op expects the result element type to be 'f32', got 'f16'}}
  %0 = accel.scatter_reduce %msg, %idx {num_rows = 100 : i64} : (tensor<50x64xf32>, tensor<50xi64>) -> tensor<100x64xf16>
  return %0 : tensor<100x64xf16>
}

// -----

func.func @scatter_reduce_result_shape(%msg: tensor<50x64xf32>, %idx: tensor<50xi64>) -> tensor<50x64xf32> {
  // expected-error @+1 {{'accel.scatter_reduce' op expects result of shape [100, 64], got [50, 64]}}
  %0 = accel.scatter_reduce %msg, %idx {num_rows = 100 : i64, reduce = "mean"} : (tensor<50x64xf32>, tensor<50xi64>) -> tensor<50x64xf32>
  return %0 : tensor<50x64xf32>
}

//===----------------------------------------------------------------------===//
// accel.edge_softmax
//===----------------------------------------------------------------------===//

// -----

func.func @edge_softmax_negative_num_nodes(%s: tensor<50x4xf32>, %dst: tensor<50xi64>) -> tensor<50x4xf32> {
  // expected-error @+1 {{'accel.edge_softmax' op attribute 'num_nodes' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %0 = "accel.edge_softmax"(%s, %dst) <{num_nodes = -5 : i64}> : (tensor<50x4xf32>, tensor<50xi64>) -> tensor<50x4xf32>
  return %0 : tensor<50x4xf32>
}

// -----

func.func @edge_softmax_score_rank(%s: tensor<50x4x1xf32>, %dst: tensor<50xi64>) -> tensor<50x4x1xf32> {
  // expected-error @+1 {{'accel.edge_softmax' op expects score to have rank 2, got 3}}
  %0 = accel.edge_softmax %s, %dst {num_nodes = 10 : i64} : (tensor<50x4x1xf32>, tensor<50xi64>) -> tensor<50x4x1xf32>
  return %0 : tensor<50x4x1xf32>
}

// -----

func.func @edge_softmax_dst_rank(%s: tensor<50x4xf32>, %dst: tensor<50x1xi32>) -> tensor<50x4xf32> {
  // expected-error @+1 {{'accel.edge_softmax' op expects dst to have rank 1, got 2}}
  %0 = accel.edge_softmax %s, %dst {num_nodes = 10 : i64} : (tensor<50x4xf32>, tensor<50x1xi32>) -> tensor<50x4xf32>
  return %0 : tensor<50x4xf32>
}

// -----

func.func @edge_softmax_dst_length(%s: tensor<50x4xf32>, %dst: tensor<60xi64>) -> tensor<50x4xf32> {
  // expected-error @+1 {{'accel.edge_softmax' op expects the length of dst (60) to equal the rows of score (50)}}
  %0 = "accel.edge_softmax"(%s, %dst) <{num_nodes = 10 : i64}> : (tensor<50x4xf32>, tensor<60xi64>) -> tensor<50x4xf32>
  return %0 : tensor<50x4xf32>
}

// -----

func.func @edge_softmax_result_element_type(%s: tensor<50x4xf32>, %dst: tensor<50xi64>) -> tensor<50x4xbf16> {
  // expected-error @+1 {{'accel.edge_softmax' op expects the result element type to be 'f32', got 'bf16'}}
  %0 = accel.edge_softmax %s, %dst {num_nodes = 10 : i64} : (tensor<50x4xf32>, tensor<50xi64>) -> tensor<50x4xbf16>
  return %0 : tensor<50x4xbf16>
}

// -----

func.func @edge_softmax_result_shape(%s: tensor<50x4xf32>, %dst: tensor<50xi64>) -> tensor<50x8xf32> {
  // expected-error @+1 {{'accel.edge_softmax' op expects result of shape [50, 4], got [50, 8]}}
  %0 = accel.edge_softmax %s, %dst {num_nodes = 10 : i64} : (tensor<50x4xf32>, tensor<50xi64>) -> tensor<50x8xf32>
  return %0 : tensor<50x8xf32>
}

//===----------------------------------------------------------------------===//
// accel.quantize
//===----------------------------------------------------------------------===//

// -----

func.func @quantize_q_element_type_constraint(%x: tensor<16x256xf16>) -> tensor<16x256xf16> {
  // expected-error @+1 {{'accel.quantize' op result #0 must be ranked tensor of 8-bit signless integer or 4-bit signless integer or f8E4M3FN type or f8E5M2 type values, but got 'tensor<16x256xf16>'}}
  %q, %s = accel.quantize %x {dtype = i8} : (tensor<16x256xf16>) -> (tensor<16x256xf16>, tensor<f32>)
  return %q : tensor<16x256xf16>
}

// -----

func.func @quantize_scale_element_type(%x: tensor<16x256xf16>, %scale: tensor<f16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op operand #1 must be ranked tensor of 32-bit float values, but got 'tensor<f16>'}}
  %q, %s = accel.quantize %x, %scale {dtype = i8} : (tensor<16x256xf16>, tensor<f16>) -> (tensor<16x256xi8>, tensor<f32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_missing_dtype(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op requires attribute 'dtype'}}
  %q, %s = "accel.quantize"(%x) : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<f32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_bad_dtype(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects dtype to be i8, i4, f8E4M3FN or f8E5M2, got 'f32'}}
  %q, %s = accel.quantize %x {dtype = f32} : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<f32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_q_element_type_not_dtype(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects q of element type 'i4' (the dtype), got 'i8'}}
  %q, %s = "accel.quantize"(%x) <{dtype = i4}> : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<f32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_q_shape(%x: tensor<16x256xf16>) -> tensor<16x128xi8> {
  // expected-error @+1 {{'accel.quantize' op expects q of shape [16, 256], got [16, 128]}}
  %q, %s = accel.quantize %x {dtype = i8} : (tensor<16x256xf16>) -> (tensor<16x128xi8>, tensor<f32>)
  return %q : tensor<16x128xi8>
}

// -----

func.func @quantize_bad_granularity(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects granularity to be "tensor", "channel" or "group", got "row"}}
  %q, %s = accel.quantize %x {dtype = i8, granularity = "row"} : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<f32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_channel_missing_axis(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects axis with granularity "channel"}}
  %q, %s = accel.quantize %x {dtype = i8, granularity = "channel"} : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<16xf32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_group_missing_axis(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects axis with granularity "group"}}
  %q, %s = accel.quantize %x {dtype = i8, granularity = "group", group_size = 64 : i64} : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<16x4xf32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_tensor_with_axis(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects axis only with granularity "channel" or "group"}}
  %q, %s = accel.quantize %x {dtype = i8, granularity = "tensor", axis = 0 : i64} : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<f32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_group_missing_group_size(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects group_size with granularity "group"}}
  %q, %s = accel.quantize %x {dtype = i8, granularity = "group", axis = 1 : i64} : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<16x4xf32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_channel_with_group_size(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects group_size only with granularity "group"}}
  %q, %s = "accel.quantize"(%x) <{dtype = i8, granularity = "channel", axis = 0 : i64, group_size = 64 : i64}> : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<16xf32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_axis_out_of_range(%x: tensor<16x256xf16>) -> tensor<16x256xf8E4M3FN> {
  // expected-error @+1 {{'accel.quantize' op expects axis in [0, 2), got 2}}
  %q, %s = accel.quantize %x {dtype = f8E4M3FN, granularity = "channel", axis = 2 : i64} : (tensor<16x256xf16>) -> (tensor<16x256xf8E4M3FN>, tensor<16xf32>)
  return %q : tensor<16x256xf8E4M3FN>
}

// -----

func.func @quantize_negative_axis(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects axis in [0, 2), got -1}}
  %q, %s = accel.quantize %x {dtype = i8, granularity = "channel", axis = -1 : i64} : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<256xf32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_non_positive_group_size(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects a positive group_size, got -64}}
  %q, %s = accel.quantize %x {dtype = i8, granularity = "group", axis = 1 : i64, group_size = -64 : i64} : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<16x4xf32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_group_size_not_dividing(%x: tensor<16x256xf16>) -> tensor<16x256xi4> {
  // expected-error @+1 {{'accel.quantize' op expects group_size (48) to divide dim 1 (256)}}
  %q, %s = accel.quantize %x {dtype = i4, granularity = "group", axis = 1 : i64, group_size = 48 : i64} : (tensor<16x256xf16>) -> (tensor<16x256xi4>, tensor<16x5xf32>)
  return %q : tensor<16x256xi4>
}

// -----

func.func @quantize_scale_shape(%x: tensor<16x256xf16>, %scale: tensor<256xf32>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects scale of shape [16], got [256]}}
  %q, %s = accel.quantize %x, %scale {dtype = i8, granularity = "channel", axis = 0 : i64} : (tensor<16x256xf16>, tensor<256xf32>) -> (tensor<16x256xi8>, tensor<16xf32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @quantize_scale_out_shape(%x: tensor<16x256xf16>) -> tensor<16x256xf8E5M2> {
  // expected-error @+1 {{'accel.quantize' op expects scale_out of shape [16, 4], got [16, 8]}}
  %q, %s = accel.quantize %x {dtype = f8E5M2, granularity = "group", axis = 1 : i64, group_size = 64 : i64} : (tensor<16x256xf16>) -> (tensor<16x256xf8E5M2>, tensor<16x8xf32>)
  return %q : tensor<16x256xf8E5M2>
}

//===----------------------------------------------------------------------===//
// accel.dequantize
//===----------------------------------------------------------------------===//

// -----

func.func @dequantize_q_element_type(%q: tensor<128x64xf32>, %s: tensor<f32>) -> tensor<128x64xf32> {
  // expected-error @+1 {{'accel.dequantize' op operand #0 must be ranked tensor of 8-bit signless integer or 4-bit signless integer or f8E4M3FN type or f8E5M2 type values, but got 'tensor<128x64xf32>'}}
  %0 = accel.dequantize %q, %s : (tensor<128x64xf32>, tensor<f32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// -----

func.func @dequantize_bad_granularity(%q: tensor<128x64xi8>, %s: tensor<f32>) -> tensor<128x64xf32> {
  // expected-error @+1 {{'accel.dequantize' op expects granularity to be "tensor", "channel" or "group", got "block"}}
  %0 = accel.dequantize %q, %s {granularity = "block"} : (tensor<128x64xi8>, tensor<f32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// -----

func.func @dequantize_channel_missing_axis(%q: tensor<128x64xi8>, %s: tensor<128xf32>) -> tensor<128x64xf32> {
  // expected-error @+1 {{'accel.dequantize' op expects axis with granularity "channel"}}
  %0 = accel.dequantize %q, %s {granularity = "channel"} : (tensor<128x64xi8>, tensor<128xf32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// -----

func.func @dequantize_tensor_with_axis(%q: tensor<128x64xi8>, %s: tensor<f32>) -> tensor<128x64xf32> {
  // expected-error @+1 {{'accel.dequantize' op expects axis only with granularity "channel" or "group"}}
  %0 = "accel.dequantize"(%q, %s) <{axis = 1 : i64}> : (tensor<128x64xi8>, tensor<f32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// -----

func.func @dequantize_group_missing_group_size(%q: tensor<128x64xi8>, %s: tensor<128x2xf32>) -> tensor<128x64xf32> {
  // expected-error @+1 {{'accel.dequantize' op expects group_size with granularity "group"}}
  %0 = accel.dequantize %q, %s {granularity = "group", axis = 1 : i64} : (tensor<128x64xi8>, tensor<128x2xf32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// -----

func.func @dequantize_tensor_with_group_size(%q: tensor<128x64xi8>, %s: tensor<f32>) -> tensor<128x64xf32> {
  // expected-error @+1 {{'accel.dequantize' op expects group_size only with granularity "group"}}
  %0 = accel.dequantize %q, %s {group_size = 32 : i64} : (tensor<128x64xi8>, tensor<f32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// -----

func.func @dequantize_axis_out_of_range(%q: tensor<128x64xi8>, %s: tensor<128x2xf32>) -> tensor<128x64xf32> {
  // expected-error @+1 {{'accel.dequantize' op expects axis in [0, 2), got 5}}
  %0 = accel.dequantize %q, %s {granularity = "group", axis = 5 : i64, group_size = 32 : i64} : (tensor<128x64xi8>, tensor<128x2xf32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// -----

func.func @dequantize_zero_group_size(%q: tensor<128x64xi8>, %s: tensor<128x2xf32>) -> tensor<128x64xf32> {
  // expected-error @+1 {{'accel.dequantize' op expects a positive group_size, got 0}}
  %0 = accel.dequantize %q, %s {granularity = "group", axis = 1 : i64, group_size = 0 : i64} : (tensor<128x64xi8>, tensor<128x2xf32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// -----

func.func @dequantize_group_size_not_dividing(%q: tensor<128x64xi4>, %s: tensor<128x2xf32>) -> tensor<128x64xf16> {
  // expected-error @+1 {{'accel.dequantize' op expects group_size (24) to divide dim 1 (64)}}
  %0 = accel.dequantize %q, %s {granularity = "group", axis = 1 : i64, group_size = 24 : i64} : (tensor<128x64xi4>, tensor<128x2xf32>) -> tensor<128x64xf16>
  return %0 : tensor<128x64xf16>
}

// -----

func.func @dequantize_scale_shape(%q: tensor<128x64xi8>, %s: tensor<64xf32>) -> tensor<128x64xf32> {
  // expected-error @+1 {{'accel.dequantize' op expects scale of shape [128], got [64]}}
  %0 = "accel.dequantize"(%q, %s) <{granularity = "channel", axis = 0 : i64}> : (tensor<128x64xi8>, tensor<64xf32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// -----

func.func @dequantize_result_shape(%q: tensor<128x64xf8E4M3FN>, %s: tensor<f32>) -> tensor<64x128xbf16> {
  // expected-error @+1 {{'accel.dequantize' op expects result of shape [128, 64], got [64, 128]}}
  %0 = accel.dequantize %q, %s : (tensor<128x64xf8E4M3FN>, tensor<f32>) -> tensor<64x128xbf16>
  return %0 : tensor<64x128xbf16>
}

//===----------------------------------------------------------------------===//
// accel.quantized_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @quantized_matmul_operand_element_type(%a: tensor<16x64xf32>, %as: tensor<16xf32>, %b: tensor<64x32xi8>, %bs: tensor<32xf32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op operand #0 must be ranked tensor of 8-bit signless integer or 4-bit signless integer or f8E4M3FN type or 16-bit float or bfloat16 type values, but got 'tensor<16x64xf32>'}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x64xf32>, tensor<16xf32>, tensor<64x32xi8>, tensor<32xf32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// -----

func.func @quantized_matmul_scale_element_type(%a: tensor<16x64xi8>, %as: tensor<16xf16>, %b: tensor<64x32xi8>, %bs: tensor<32xf32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op operand #1 must be ranked tensor of 32-bit float values, but got 'tensor<16xf16>'}}
  %0 = "accel.quantized_matmul"(%a, %as, %b, %bs) : (tensor<16x64xi8>, tensor<16xf16>, tensor<64x32xi8>, tensor<32xf32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// -----

func.func @quantized_matmul_unsupported_pair(%a: tensor<16x64xf8E4M3FN>, %as: tensor<f32>, %b: tensor<64x32xi8>, %bs: tensor<f32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects a supported (a, b) element type pair: (i8, i8), (f8E4M3FN, f8E4M3FN), (f16 or bf16, i4) or (i8, i4), got ('f8E4M3FN', 'i8')}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x64xf8E4M3FN>, tensor<f32>, tensor<64x32xi8>, tensor<f32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// -----

func.func @quantized_matmul_a_rank(%a: tensor<64xi8>, %as: tensor<f32>, %b: tensor<64x32xi8>, %bs: tensor<f32>) -> tensor<32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects a to have rank >= 2, got 1}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs : (tensor<64xi8>, tensor<f32>, tensor<64x32xi8>, tensor<f32>) -> tensor<32xf32>
  return %0 : tensor<32xf32>
}

// -----

func.func @quantized_matmul_b_rank(%a: tensor<16x64xi8>, %as: tensor<f32>, %b: tensor<2x64x32xi8>, %bs: tensor<f32>) -> tensor<2x16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects b to have rank 2, got 3}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x64xi8>, tensor<f32>, tensor<2x64x32xi8>, tensor<f32>) -> tensor<2x16x32xf32>
  return %0 : tensor<2x16x32xf32>
}

// -----

func.func @quantized_matmul_reduction_mismatch(%a: tensor<16x64xi8>, %as: tensor<f32>, %b: tensor<32x32xi8>, %bs: tensor<f32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects the reduction dims of a (64) and b (32) to match}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x64xi8>, tensor<f32>, tensor<32x32xi8>, tensor<f32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// -----

func.func @quantized_matmul_a_scale_shape(%a: tensor<4x16x64xi8>, %as: tensor<16xf32>, %b: tensor<64x32xi8>, %bs: tensor<f32>) -> tensor<4x16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects a_scale of shape [4, 16], got [16]}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs : (tensor<4x16x64xi8>, tensor<16xf32>, tensor<64x32xi8>, tensor<f32>) -> tensor<4x16x32xf32>
  return %0 : tensor<4x16x32xf32>
}

// -----

func.func @quantized_matmul_b_scale_channel_shape(%a: tensor<16x64xi8>, %as: tensor<16xf32>, %b: tensor<64x32xi8>, %bs: tensor<64xf32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects b_scale of shape [32], got [64]}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x64xi8>, tensor<16xf32>, tensor<64x32xi8>, tensor<64xf32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// -----

func.func @quantized_matmul_b_scale_rank(%a: tensor<16x64xi8>, %as: tensor<16xf32>, %b: tensor<64x32xi8>, %bs: tensor<1x2x32xf32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects b_scale of rank 0, 1 or 2, got rank 3}}
  %0 = "accel.quantized_matmul"(%a, %as, %b, %bs) : (tensor<16x64xi8>, tensor<16xf32>, tensor<64x32xi8>, tensor<1x2x32xf32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// -----

func.func @quantized_matmul_b_scale_group_shape(%a: tensor<16x64xf16>, %as: tensor<f32>, %b: tensor<64x32xi4>, %bs: tensor<2x16xf32>) -> tensor<16x32xf16> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects b_scale of shape [64, 32] with K replaced by K / group size, got [2, 16]}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x64xf16>, tensor<f32>, tensor<64x32xi4>, tensor<2x16xf32>) -> tensor<16x32xf16>
  return %0 : tensor<16x32xf16>
}

// -----

func.func @quantized_matmul_b_scale_groups_not_dividing(%a: tensor<16x64xbf16>, %as: tensor<f32>, %b: tensor<32x64xi4>, %bs: tensor<32x3xf32>) -> tensor<16x32xbf16> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects the 3 scale groups of b to divide K (64)}}
  %0 = "accel.quantized_matmul"(%a, %as, %b, %bs) <{transpose_b = true}> : (tensor<16x64xbf16>, tensor<f32>, tensor<32x64xi4>, tensor<32x3xf32>) -> tensor<16x32xbf16>
  return %0 : tensor<16x32xbf16>
}

// -----

func.func @quantized_matmul_bias_shape(%a: tensor<16x64xi8>, %as: tensor<16xf32>, %b: tensor<64x32xi4>, %bs: tensor<32xf32>, %bias: tensor<16xf32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects bias of shape [32], got [16]}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs, %bias : (tensor<16x64xi8>, tensor<16xf32>, tensor<64x32xi4>, tensor<32xf32>, tensor<16xf32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// -----

func.func @quantized_matmul_result_shape(%a: tensor<16x64xi8>, %as: tensor<16xf32>, %b: tensor<32x64xi8>, %bs: tensor<32xf32>) -> tensor<16x64xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects result of shape [16, 32], got [16, 64]}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true} : (tensor<16x64xi8>, tensor<16xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

// -----

// Regressions found by review of the verifier (one error per op, named
// rule, signedness of dtype).
func.func @attn_batch_q_v(%q: tensor<2x8x16x64xf16>, %k: tensor<?x2x32x64xf16>, %v: tensor<3x2x32x64xf16>) -> tensor<2x8x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects the batch of q (2) to equal the batch of v (3)}}
  %o = accel.attention %q, %k, %v : (tensor<2x8x16x64xf16>, tensor<?x2x32x64xf16>, tensor<3x2x32x64xf16>) -> tensor<2x8x16x64xf16>
  return %o : tensor<2x8x16x64xf16>
}

// -----

func.func @monarch_multi_overflow(%x: tensor<16x?xf32>, %w1: tensor<4611686018427387904x4x4xf32>, %w2: tensor<4611686018427387904x4x4xf32>) -> tensor<16x?xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op expects k * p (4611686018427387904 * 4) to fit in 64 bits}}
  %0 = accel.monarch_matmul %x, %w1, %w2 : (tensor<16x?xf32>, tensor<4611686018427387904x4x4xf32>, tensor<4611686018427387904x4x4xf32>) -> tensor<16x?xf32>
  return %0 : tensor<16x?xf32>
}

// -----

func.func @quantize_si8(%x: tensor<16x256xf16>) -> tensor<16x256xi8> {
  // expected-error @+1 {{'accel.quantize' op expects dtype to be i8, i4, f8E4M3FN or f8E5M2, got 'si8'}}
  %q, %s = accel.quantize %x {dtype = si8} : (tensor<16x256xf16>) -> (tensor<16x256xi8>, tensor<f32>)
  return %q : tensor<16x256xi8>
}

// -----

func.func @qmm_zero_groups(%a: tensor<16x64xi8>, %as: tensor<16xf32>, %b: tensor<64x32xi8>, %bs: tensor<0x32xf32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op expects at least one scale group of b, got 0}}
  %0 = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x64xi8>, tensor<16xf32>, tensor<64x32xi8>, tensor<0x32xf32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// -----

func.func @seg_overflow(%x: tensor<50x64xf32>, %w: tensor<9223372036854775807x64x32xf32>, %off: tensor<4xi64>) -> tensor<50x32xf32> {
  // expected-error @+1 {{'accel.segment_matmul' op expects offsets to have R + 1 = 9223372036854775807 + 1 entries, got 4}}
  %0 = accel.segment_matmul %x, %w, %off : (tensor<50x64xf32>, tensor<9223372036854775807x64x32xf32>, tensor<4xi64>) -> tensor<50x32xf32>
  return %0 : tensor<50x32xf32>
}

// -----

func.func @attn_dyn_heads_zero(%q: tensor<2x?x16x64xf16>, %k: tensor<2x?x32x64xf16>, %v: tensor<2x0x32x64xf16>) -> tensor<2x?x16x64xf16> {
  // expected-error @+1 {{'accel.attention' op expects at least one kv head, got 0}}
  %o = accel.attention %q, %k, %v : (tensor<2x?x16x64xf16>, tensor<2x?x32x64xf16>, tensor<2x0x32x64xf16>) -> tensor<2x?x16x64xf16>
  return %o : tensor<2x?x16x64xf16>
}
