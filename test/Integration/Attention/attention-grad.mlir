// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.attention_grad on small hand-checkable cases: dv = P^T dout,
// dS = P * (dout v^T - rowsum(dout * out)), dq = scale dS k, dk = scale dS^T q.

func.func private @printMemrefF32(tensor<*xf32>)

// B = 1, H = 1, Sq = 2, Sk = 3, D = Dv = 2, no mask; out and lse from
// accel.attention. Expected dq, dk, dv from the formulas in double precision
// (checked against central differences in python), 5 significant digits.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [0, 0.56725{{[0-9]}}]
// CHECK-NEXT: [-0.11005{{[0-9]}}, 0.83546{{[0-9]}}]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 3, 2]
// CHECK-NEXT: [-0.98498{{[0-9]}}, 0.83546{{[0-9]}}]
// CHECK-NEXT: [0.055027{{[0-9]}}, -0.11005{{[0-9]}}]
// CHECK-NEXT: [0.92996{{[0-9]}}, -0.72540{{[0-9]}}]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 3, 2]
// CHECK-NEXT: [0.12926{{[0-9]}}, 1.0873{{[0-9]}}]
// CHECK-NEXT: [0.10365{{[0-9]}}, 0.37647{{[0-9]}}]
// CHECK-NEXT: [0.26707{{[0-9]}}, 0.53614{{[0-9]}}]
func.func @grad_basic() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %do = arith.constant dense<[[[[1.0, 0.0], [-0.5, 2.0]]]]> : tensor<1x1x2x2xf32>
  %o, %l = accel.attention %q, %k, %v : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2xf32>)
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %l, %do
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2x2xf32>)
      -> (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>)
  %dq_u = tensor.cast %dq : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dq_u) : (tensor<*xf32>) -> ()
  %dk_u = tensor.cast %dk : tensor<1x1x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dk_u) : (tensor<*xf32>) -> ()
  %dv_u = tensor.cast %dv : tensor<1x1x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dv_u) : (tensor<*xf32>) -> ()
  return
}

// Hq = 2, Hkv = 1 (dk and dv sum both query heads), causal with
// Sq = 3 > Sk = 2, Dv = 3: row 0 of each head sees no key, so its dq row is 0
// and it adds nothing to dk or dv (no NaN from lse = -inf).
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 3, 2]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0.19816{{[0-9]}}, -0.066056{{[0-9]}}]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [-1.7594{{[0-9]}}, 0.58649{{[0-9]}}]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [-0.90876{{[0-9]}}, -1.0408{{[0-9]}}]
// CHECK-NEXT: [0.90876{{[0-9]}}, 1.0408{{[0-9]}}]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 3]
// CHECK-NEXT: [2.2666{{[0-9]}}, 2.7573{{[0-9]}}, 0.48070{{[0-9]}}]
// CHECK-NEXT: [0.73338{{[0-9]}}, -0.25732{{[0-9]}}, 0.019299]
func.func @grad_causal_gqa_masked() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0], [2.0, 1.0]], [[0.0, 1.0], [-1.0, 0.5], [1.0, 1.0]]]]> : tensor<1x2x3x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.5], [-0.5, 1.0]]]]> : tensor<1x1x2x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0, 0.0], [3.0, -1.0, 1.0]]]]> : tensor<1x1x2x3xf32>
  %do = arith.constant dense<[[[[1.0, 0.0, 1.0], [-0.5, 2.0, 0.0], [0.5, 0.5, -1.0]], [[0.0, 1.0, 0.0], [1.0, 1.0, 1.0], [2.0, -1.0, 0.5]]]]> : tensor<1x2x3x3xf32>
  %o, %l = accel.attention %q, %k, %v {causal = true} : (tensor<1x2x3x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3xf32>)
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %l, %do {causal = true}
      : (tensor<1x2x3x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3x3xf32>)
      -> (tensor<1x2x3x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x3xf32>)
  %dq_u = tensor.cast %dq : tensor<1x2x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dq_u) : (tensor<*xf32>) -> ()
  %dk_u = tensor.cast %dk : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dk_u) : (tensor<*xf32>) -> ()
  %dv_u = tensor.cast %dv : tensor<1x1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%dv_u) : (tensor<*xf32>) -> ()
  return
}

// head_shard<num_shards = 2, block = 1, local_blocks = 1>, scale = 0.5,
// Hq = Hkv = 2, Sq = Sk = 4.
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 4, 2]
// CHECK-NEXT: [0, 0.5]
// CHECK-NEXT: [-0.043005{{[0-9]}}, 0.38998{{[0-9]}}]
// CHECK-NEXT: [{{(-?[0-9.]+e-(0[6-9]|[1-9][0-9])|-?0)}}, 0.94001{{[0-9]}}]
// CHECK-NEXT: [-0.71354{{[0-9]}}, -0.20196{{[0-9]}}]
// CHECK-NEXT: [0.85200{{[0-9]}}, -0.089588{{[0-9]}}]
// CHECK-NEXT: [0.73840{{[0-9]}}, 0.73840{{[0-9]}}]
// CHECK-NEXT: [0.53506, -0.065612{{[0-9]}}]
// CHECK-NEXT: [0.47000{{[0-9]}}, 0.47000{{[0-9]}}]
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 4, 2]
// CHECK-NEXT: [-2.5750{{[0-9]}}, -0.52645{{[0-9]}}]
// CHECK-NEXT: [0.021502{{[0-9]}}, -0.043005{{[0-9]}}]
// CHECK-NEXT: [2.5535{{[0-9]}}, 0.21268{{[0-9]}}]
// CHECK-NEXT: [0, 0.35677{{[0-9]}}]
// CHECK-NEXT: [-0.47079{{[0-9]}}, -0.47079{{[0-9]}}]
// CHECK-NEXT: [0.34821{{[0-9]}}, 1.1170{{[0-9]}}]
// CHECK-NEXT: [0, 1.2013{{[0-9]}}]
// CHECK-NEXT: [0.12258{{[0-9]}}, -1.8475{{[0-9]}}]
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 4, 2]
// CHECK-NEXT: [0.62326{{[0-9]}}, 0.98570{{[0-9]}}]
// CHECK-NEXT: [0, 0.22722]
// CHECK-NEXT: [0.70323, 1.1238{{[0-9]}}]
// CHECK-NEXT: [-0.32649{{[0-9]}}, 0.16324{{[0-9]}}]
// CHECK-NEXT: [0.15359{{[0-9]}}, -0.15359{{[0-9]}}]
// CHECK-NEXT: [1.3135{{[0-9]}}, 0.67994{{[0-9]}}]
// CHECK-NEXT: [0, 0.84463{{[0-9]}}]
// CHECK-NEXT: [1.0328{{[0-9]}}, 1.1290{{[0-9]}}]
func.func @grad_shard_scale() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0], [2.0, 1.0], [0.0, 1.0]], [[1.0, 1.0], [-1.0, 0.5], [0.0, -2.0], [1.0, 0.0]]]]> : tensor<1x2x4x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]], [[0.5, 0.5], [2.0, 0.0], [0.0, -1.0], [1.0, -1.0]]]]> : tensor<1x2x4x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [-2.0, 0.0]], [[0.0, 1.0], [10.0, 0.0], [-1.0, -1.0], [4.0, 2.0]]]]> : tensor<1x2x4x2xf32>
  %do = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]], [[0.5, -0.5], [1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]]]> : tensor<1x2x4x2xf32>
  %o, %l = accel.attention %q, %k, %v {scale = 0.5 : f32, sparsity = #accel.head_shard<num_shards = 2, block = 1, local_blocks = 1>} : (tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>) -> (tensor<1x2x4x2xf32>, tensor<1x2x4xf32>)
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %l, %do {scale = 0.5 : f32, sparsity = #accel.head_shard<num_shards = 2, block = 1, local_blocks = 1>}
      : (tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>, tensor<1x2x4xf32>, tensor<1x2x4x2xf32>)
      -> (tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>)
  %dq_u = tensor.cast %dq : tensor<1x2x4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dq_u) : (tensor<*xf32>) -> ()
  %dk_u = tensor.cast %dk : tensor<1x2x4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dk_u) : (tensor<*xf32>) -> ()
  %dv_u = tensor.cast %dv : tensor<1x2x4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dv_u) : (tensor<*xf32>) -> ()
  return
}

// f16 inputs, f16 out (so D_i uses the rounded out) and f16 gradients
// (rounded once from f32), causal Sq < Sk.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [-0.31274{{[0-9]}}, 0.31298{{[0-9]}}]
// CHECK-NEXT: [-0.11041{{[0-9]}}, 0.83544{{[0-9]}}]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 3, 2]
// CHECK-NEXT: [-0.73046{{[0-9]}}, 0.83593{{[0-9]}}]
// CHECK-NEXT: [0.36792, -0.10998{{[0-9]}}]
// CHECK-NEXT: [0.36254{{[0-9]}}, -0.72509{{[0-9]}}]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 3, 2]
// CHECK-NEXT: [0.39794{{[0-9]}}, 1.0869{{[0-9]}}]
// CHECK-NEXT: [0.23608{{[0-9]}}, 0.37646{{[0-9]}}]
// CHECK-NEXT: [-0.13403{{[0-9]}}, 0.53613{{[0-9]}}]
func.func @grad_f16() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf16>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf16>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf16>
  %do = arith.constant dense<[[[[1.0, 0.0], [-0.5, 2.0]]]]> : tensor<1x1x2x2xf16>
  %o, %l = accel.attention %q, %k, %v {causal = true} : (tensor<1x1x2x2xf16>, tensor<1x1x3x2xf16>, tensor<1x1x3x2xf16>) -> (tensor<1x1x2x2xf16>, tensor<1x1x2xf32>)
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %l, %do {causal = true}
      : (tensor<1x1x2x2xf16>, tensor<1x1x3x2xf16>, tensor<1x1x3x2xf16>, tensor<1x1x2x2xf16>, tensor<1x1x2xf32>, tensor<1x1x2x2xf16>)
      -> (tensor<1x1x2x2xf16>, tensor<1x1x3x2xf16>, tensor<1x1x3x2xf16>)
  %dq_e = tensor.empty() : tensor<1x1x2x2xf32>
  %dq_32 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%dq : tensor<1x1x2x2xf16>) outs(%dq_e : tensor<1x1x2x2xf32>) {
  ^bb0(%x: f16, %y: f32):
    %w = arith.extf %x : f16 to f32
    linalg.yield %w : f32
  } -> tensor<1x1x2x2xf32>
  %dq_u = tensor.cast %dq_32 : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dq_u) : (tensor<*xf32>) -> ()
  %dk_e = tensor.empty() : tensor<1x1x3x2xf32>
  %dk_32 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%dk : tensor<1x1x3x2xf16>) outs(%dk_e : tensor<1x1x3x2xf32>) {
  ^bb0(%x: f16, %y: f32):
    %w = arith.extf %x : f16 to f32
    linalg.yield %w : f32
  } -> tensor<1x1x3x2xf32>
  %dk_u = tensor.cast %dk_32 : tensor<1x1x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dk_u) : (tensor<*xf32>) -> ()
  %dv_e = tensor.empty() : tensor<1x1x3x2xf32>
  %dv_32 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%dv : tensor<1x1x3x2xf16>) outs(%dv_e : tensor<1x1x3x2xf32>) {
  ^bb0(%x: f16, %y: f32):
    %w = arith.extf %x : f16 to f32
    linalg.yield %w : f32
  } -> tensor<1x1x3x2xf32>
  %dv_u = tensor.cast %dv_32 : tensor<1x1x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dv_u) : (tensor<*xf32>) -> ()
  return
}

// head_shard positions are aligned bottom-right in the gradient as in the
// forward (contract v1.1). Decoding: Sq = 1, Sk = 8, S = 2, Bk = 2, L = 1,
// Hq = Hkv = 2. The query stands at position 7 (block 3): head 0 sees keys
// {0, 1, 4, 5, 6, 7} (even blocks and its local block 3), head 1 sees
// {2, 3, 6, 7}. q = 0 makes every visible score 0, so P is uniform over the
// visible keys (1/6 and 1/4; lse = log 6, log 4), and with v = 0 (out = 0)
// and dout = [1, 0]: dv[j] = [P[j], 0], dq = dk = 0.
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 8, 2]
// CHECK-NEXT: [0.166667, 0]
// CHECK-NEXT: [0.166667, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0.166667, 0]
// CHECK-NEXT: [0.166667, 0]
// CHECK-NEXT: [0.166667, 0]
// CHECK-NEXT: [0.166667, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0.25, 0]
// CHECK-NEXT: [0.25, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [0.25, 0]
// CHECK-NEXT: [0.25, 0]
func.func @grad_shard_decode() {
  %q = arith.constant dense<0.0> : tensor<1x2x1x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5], [0.5, 0.5], [2.0, 0.0], [0.0, -1.0], [1.0, -1.0]],
                              [[0.5, 0.5], [2.0, 0.0], [0.0, -1.0], [1.0, -1.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]]]]> : tensor<1x2x8x2xf32>
  %v = arith.constant dense<0.0> : tensor<1x2x8x2xf32>
  %o = arith.constant dense<0.0> : tensor<1x2x1x2xf32>
  %lse = arith.constant dense<[[[1.79175949], [1.38629436]]]> : tensor<1x2x1xf32>
  %do = arith.constant dense<[[[[1.0, 0.0]], [[1.0, 0.0]]]]> : tensor<1x2x1x2xf32>
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do {sparsity = #accel.head_shard<num_shards = 2, block = 2, local_blocks = 1>}
      : (tensor<1x2x1x2xf32>, tensor<1x2x8x2xf32>, tensor<1x2x8x2xf32>, tensor<1x2x1x2xf32>, tensor<1x2x1xf32>, tensor<1x2x1x2xf32>)
      -> (tensor<1x2x1x2xf32>, tensor<1x2x8x2xf32>, tensor<1x2x8x2xf32>)
  %dvu = tensor.cast %dv : tensor<1x2x8x2xf32> to tensor<*xf32>
  call @printMemrefF32(%dvu) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  call @grad_basic() : () -> ()
  call @grad_causal_gqa_masked() : () -> ()
  call @grad_shard_scale() : () -> ()
  call @grad_f16() : () -> ()
  call @grad_shard_decode() : () -> ()
  return
}
