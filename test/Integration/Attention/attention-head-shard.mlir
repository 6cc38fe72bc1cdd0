// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// sparsity = #accel.head_shard<num_shards = S, block = Bk, local_blocks = L>:
// with qb = i / Bk and kb = j / Bk, query head h sees key block kb iff
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

// S = 3, Bk = 1, L = 1, causal, Sq = 3 < Sk = 5 (query i may see keys
// j <= i + 2). Head 0 sees keys 0 and 3 plus key i, head 1 keys 1 and 4 plus
// key i; with causality (row: keys): head 0: 0:{0} 1:{0,1,3} 2:{0,2,3};
// head 1: 0:{0,1} 1:{1} 2:{1,2,4}.
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 3, 2]
// CHECK-NEXT: [1, 2]
// CHECK-NEXT: [0.757105, 2]
// CHECK-NEXT: [3.15184, 4.21341]
// CHECK-NEXT: [7.99332, -0.182426]
// CHECK-NEXT: [-1, -1]
// CHECK-NEXT: [1.48786, 0.512144]
// CHECK: rank = 3 offset = 0 sizes = [1, 2, 3]
// CHECK-NEXT: [0.5, 0.915125, 2.03762]
// CHECK-NEXT: [1.20141, -0.25, 1.71774]
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

func.func @main() {
  call @shard_2_1_1() : () -> ()
  call @shard_causal_gqa() : () -> ()
  call @shard_causal_sq_lt_sk() : () -> ()
  return
}
