// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// sparsity = #accel.head_shard<num_shards = S, block = Bk, local_blocks = L>:
// with qb = floor((i + Sk - Sq) / Bk) and kb = floor(j / Bk) (positions
// aligned bottom-right, contract v1.1), query head h sees key block kb iff
// kb mod S == h mod S or 0 <= qb - kb < L; ANDed with causal when both set.

func.func private @printMemrefF32(tensor<*xf32>)

// S = 2, Bk = 1, L = 1, Hq = Hkv = 2, Sq = Sk = 4: head 0 sees the even keys and
// key i, head 1 the odd keys and key i. Visible (row: keys): head 0: 0:{0,2}
// 1:{0,1,2} 2:{0,2} 3:{0,2,3}; head 1: 0:{0,1,3} 1:{1,3} 2:{1,2,3} 3:{1,3}.
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 4, 2]
// CHECK-NEXT: [3, 4]
// CHECK-NEXT: [2.44878, 3.44878]
// CHECK-NEXT: [3.67905, 4.67905]
// CHECK-NEXT: [1.86251, 3.18238]
// CHECK-NEXT: [6.31987, 0.564054]
// CHECK-NEXT: [6.47513, 1.17496]
// CHECK-NEXT: [2.42126, 0.445808]
// CHECK-NEXT: [8.01857, 0.660477]
// CHECK: rank = 3 offset = 0 sizes = [1, 2, 4]
// CHECK-NEXT: [1.40025, 0.962936, 2.52215, 1.49341]
// CHECK-NEXT: [1.9659, -0.528745, 2.22208, 1.81505]
func.func @shard_2_1_1() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0], [2.0, 1.0], [0.0, 1.0]], [[1.0, 1.0], [-1.0, 0.5], [0.0, -2.0], [1.0, 0.0]]]]> : tensor<1x2x4x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]], [[0.5, 0.5], [2.0, 0.0], [0.0, -1.0], [1.0, -1.0]]]]> : tensor<1x2x4x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [-2.0, 0.0]], [[0.0, 1.0], [10.0, 0.0], [-1.0, -1.0], [4.0, 2.0]]]]> : tensor<1x2x4x2xf32>
  %o, %l = accel.attention %q, %k, %v {sparsity = #accel.head_shard<num_shards = 2, block = 1, local_blocks = 1>}
      : (tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>) -> (tensor<1x2x4x2xf32>, tensor<1x2x4xf32>)
  %ou = tensor.cast %o : tensor<1x2x4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x2x4xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// S = 2, Bk = 2, L = 0, causal, Hq = 4, Hkv = 2, Sq = Sk = 4. Heads 1 and 3
// only see key block 1 (keys 2-3), which causality hides from rows 0-1:
// those rows give out = 0 and lse = -inf. Heads 0 and 2 see keys 0-1 only.
// CHECK: rank = 4 offset = 0 sizes = [1, 4, 4, 2]
// CHECK-NEXT: [1, 2]
// CHECK-NEXT: [2.33952, 3.33952]
// CHECK-NEXT: [2, 3]
// CHECK-NEXT: [2, 3]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [5, 6]
// CHECK-NEXT: [2.11235, 3.52487]
// CHECK-NEXT: [0, 1]
// CHECK-NEXT: [6.69762, 0.330238]
// CHECK-NEXT: [4.12521, 0.587479]
// CHECK-NEXT: [7.42817, 0.257183]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [-1, -1]
// CHECK-NEXT: [0.651192, -0.0092846{{[0-9]}}]
// CHECK: rank = 3 offset = 0 sizes = [1, 4, 4]
// CHECK-NEXT: [0.707107, 1.10794, 1.40025, 1.0467]
// CHECK-NEXT: [-inf, -inf, 0.707107, 1.23902]
// CHECK-NEXT: [-0.353553, 1.81505, 0.885468, 1.71152]
// CHECK-NEXT: [-inf, -inf, -1.41421, -0.306273]
func.func @shard_causal_gqa() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.5]], [[2.0, 0.0], [0.0, 2.0], [1.0, 0.0], [0.0, 1.0]], [[-1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]], [[0.0, 0.0], [1.0, -1.0], [2.0, 2.0], [-1.0, 1.0]]]]> : tensor<1x4x4x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]], [[0.5, 0.5], [2.0, 0.0], [0.0, -1.0], [1.0, -1.0]]]]> : tensor<1x2x4x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [-2.0, 0.0]], [[0.0, 1.0], [10.0, 0.0], [-1.0, -1.0], [4.0, 2.0]]]]> : tensor<1x2x4x2xf32>
  %o, %l = accel.attention %q, %k, %v {causal = true, sparsity = #accel.head_shard<num_shards = 2, block = 2, local_blocks = 0>}
      : (tensor<1x4x4x2xf32>, tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4xf32>)
  %ou = tensor.cast %o : tensor<1x4x4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x4x4xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// S = 3, Bk = 1, L = 1, causal, Sq = 3 < Sk = 5: query row i stands at key
// position i + 2 (causal: keys j <= i + 2; local block: qb = i + 2). Head 0
// sees keys 0 and 3 plus key i + 2, head 1 keys 1 and 4 plus key i + 2; with
// causality (row: keys): head 0: 0:{0,2} 1:{0,3} 2:{0,3,4};
// head 1: 0:{1,2} 1:{1,3} 2:{1,4}.
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 3, 2]
// CHECK-NEXT: [3, 4]
// CHECK-NEXT: [0.0375361, 1.35836]
// CHECK-NEXT: [0.33415, 1.42315]
// CHECK-NEXT: [2.1123, 0.867378]
// CHECK-NEXT: [-0.43782{{[34]}}, -0.43782{{[34]}}]
// CHECK-NEXT: [-0.905148, -0.905148]
// CHECK: rank = 3 offset = 0 sizes = [1, 2, 3]
// CHECK-NEXT: [1.19315, 0.636871, 1.66915]
// CHECK-NEXT: [0.474077, 0.575939, 1.04859]
func.func @shard_causal_sq_lt_sk() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0], [2.0, 1.0]], [[1.0, 1.0], [-1.0, 0.5], [0.0, -2.0]]]]> : tensor<1x2x3x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5], [0.5, 0.5]], [[2.0, 0.0], [0.0, -1.0], [1.0, -1.0], [0.0, 0.0], [1.0, 2.0]]]]> : tensor<1x2x5x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [-2.0, 0.0], [0.0, 1.0]], [[10.0, 0.0], [-1.0, -1.0], [4.0, 2.0], [0.0, 0.0], [1.0, 1.0]]]]> : tensor<1x2x5x2xf32>
  %o, %l = accel.attention %q, %k, %v {causal = true, scale = 0.5 : f32, sparsity = #accel.head_shard<num_shards = 3, block = 1, local_blocks = 1>}
      : (tensor<1x2x3x2xf32>, tensor<1x2x5x2xf32>, tensor<1x2x5x2xf32>) -> (tensor<1x2x3x2xf32>, tensor<1x2x3xf32>)
  %ou = tensor.cast %o : tensor<1x2x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// Decoding: one query (Sq = 1) against a cache of Sk = 8 keys, S = 2,
// Bk = 2, L = 1, no causal, scale 1, MQA (Hq = 2, Hkv = 1). The query stands
// at position 7, in block qb = 3, so its local block is the latest keys
// {6, 7}. Head 0 (even blocks 0, 2) sees keys {0, 1, 4, 5, 6, 7}, head 1 (odd
// blocks 1, 3) sees {2, 3, 6, 7}. (Counting qb from row 0 would give head 1
// the first keys {0, 1} as local instead.) v = [j + 1, 0] for key j.
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 1, 2]
// CHECK-NEXT: [4.85919, 0]
// CHECK-NEXT: [7.11645, 0]
// CHECK: rank = 3 offset = 0 sizes = [1, 2, 1]
// CHECK-NEXT: [2.78058]
// CHECK-NEXT: [2.10101]
func.func @shard_decode() {
  %q = arith.constant dense<[[[[1.0, 0.5]], [[0.5, -1.0]]]]> : tensor<1x2x1x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5], [0.5, 0.5], [2.0, 0.0], [0.0, -1.0], [1.0, -1.0]]]]> : tensor<1x1x8x2xf32>
  %v = arith.constant dense<[[[[1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [4.0, 0.0], [5.0, 0.0], [6.0, 0.0], [7.0, 0.0], [8.0, 0.0]]]]> : tensor<1x1x8x2xf32>
  %o, %l = accel.attention %q, %k, %v {scale = 1.0 : f32, sparsity = #accel.head_shard<num_shards = 2, block = 2, local_blocks = 1>}
      : (tensor<1x2x1x2xf32>, tensor<1x1x8x2xf32>, tensor<1x1x8x2xf32>) -> (tensor<1x2x1x2xf32>, tensor<1x2x1xf32>)
  %ou = tensor.cast %o : tensor<1x2x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x2x1xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// Sq = 5 > Sk = 2, S = 2, Bk = 2, L = 1, no causal, scale 1, Hq = 2, Hkv = 1:
// row i stands at position i - 3, in block floor((i - 3) / 2) = -2, -1, -1,
// 0, 0 for rows 0..4 (floor, not truncation: row 2, at position -1, is in
// block -1, not 0). The only key block is 0. Head 0 has it in its shard and
// sees keys {0, 1} on every row; head 1 (odd blocks) only has it as the local
// block of rows 3 and 4; its rows 0-2 see no key (out = 0, lse = -inf).
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 5, 2]
// CHECK-NEXT: [1.53788, 2.53788]
// CHECK-NEXT: [1.36485, 2.36485]
// CHECK-NEXT: [1.53788, 2.53788]
// CHECK-NEXT: [2.46212, 3.46212]
// CHECK-NEXT: [2, 3]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [1.53788, 2.53788]
// CHECK-NEXT: [2, 3]
// CHECK: rank = 3 offset = 0 sizes = [1, 2, 5]
// CHECK-NEXT: [1.31326, 0.701413, 2.31326, 1.31326, 1.69315]
// CHECK-NEXT: [-inf, -inf, -inf, 1.31326, 1.19315]
func.func @shard_sq_gt_sk() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0], [2.0, 1.0], [0.0, 1.0], [1.0, 1.0]], [[1.0, 1.0], [-1.0, 0.5], [0.0, -2.0], [1.0, 0.0], [0.5, 0.5]]]]> : tensor<1x2x5x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]]]]> : tensor<1x1x2x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %o, %l = accel.attention %q, %k, %v {scale = 1.0 : f32, sparsity = #accel.head_shard<num_shards = 2, block = 2, local_blocks = 1>}
      : (tensor<1x2x5x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> (tensor<1x2x5x2xf32>, tensor<1x2x5xf32>)
  %ou = tensor.cast %o : tensor<1x2x5x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x2x5xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  call @shard_2_1_1() : () -> ()
  call @shard_causal_gqa() : () -> ()
  call @shard_causal_sq_lt_sk() : () -> ()
  call @shard_decode() : () -> ()
  call @shard_sq_gt_sk() : () -> ()
  return
}
