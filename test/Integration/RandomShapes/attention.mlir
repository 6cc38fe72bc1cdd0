// Attention on random inputs at the contract's corner sizes, each checked
// against a second formulation that shares no masking or head-mapping code:
// - GQA with Hq/Hkv = 8 against MHA on kv heads repeated by hand;
// - causal with Sq != Sk (both ways) against an explicit -inf bias;
// - odd lengths (1023), length 1, head dims 64 and 128.
// RUN: accel-run %s --entry=gqa8 --input=1x8x1023x64 --input=1x1x1023x64 --input=1x1x1023x64 --compare-entry=gqa8_as_mha | FileCheck %s
// RUN: accel-run %s --entry=causal --input=2x2x37x128 --input=2x2x301x128 --input=2x2x301x128 --compare-entry=causal_as_bias | FileCheck %s
// RUN: accel-run %s --entry=causal --input=1x2x301x64 --input=1x2x37x64 --input=1x2x37x64 --compare-entry=causal_as_bias | FileCheck %s
// RUN: accel-run %s --entry=causal --input=1x1x1x64 --input=1x1x1x64 --input=1x1x1x64 --compare-entry=causal_as_bias | FileCheck %s

// CHECK: compare: result #0 ok
// CHECK-NOT: FAILED

func.func @gqa8(%q: tensor<1x8x?x64xf32>, %k: tensor<1x1x?x64xf32>, %v: tensor<1x1x?x64xf32>)
    -> (tensor<1x8x?x64xf32>, tensor<1x8x?xf32>) {
  %o, %lse = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x8x?x64xf32>, tensor<1x1x?x64xf32>, tensor<1x1x?x64xf32>)
      -> (tensor<1x8x?x64xf32>, tensor<1x8x?xf32>)
  return %o, %lse : tensor<1x8x?x64xf32>, tensor<1x8x?xf32>
}

func.func @gqa8_as_mha(%q: tensor<1x8x?x64xf32>, %k: tensor<1x1x?x64xf32>, %v: tensor<1x1x?x64xf32>)
    -> (tensor<1x8x?x64xf32>, tensor<1x8x?xf32>) {
  %c2 = arith.constant 2 : index
  %sk = tensor.dim %k, %c2 : tensor<1x1x?x64xf32>
  %init = tensor.empty(%sk) : tensor<1x8x?x64xf32>
  %k8 = linalg.generic {indexing_maps = [affine_map<(b, h, s, d) -> (b, 0, s, d)>, affine_map<(b, h, s, d) -> (b, h, s, d)>],
                        iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%k : tensor<1x1x?x64xf32>) outs(%init : tensor<1x8x?x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<1x8x?x64xf32>
  %v8 = linalg.generic {indexing_maps = [affine_map<(b, h, s, d) -> (b, 0, s, d)>, affine_map<(b, h, s, d) -> (b, h, s, d)>],
                        iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%v : tensor<1x1x?x64xf32>) outs(%init : tensor<1x8x?x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<1x8x?x64xf32>
  %o, %lse = accel.attention %q, %k8, %v8 {causal = true}
      : (tensor<1x8x?x64xf32>, tensor<1x8x?x64xf32>, tensor<1x8x?x64xf32>)
      -> (tensor<1x8x?x64xf32>, tensor<1x8x?xf32>)
  return %o, %lse : tensor<1x8x?x64xf32>, tensor<1x8x?xf32>
}

func.func @causal(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>) {
  %o, %lse = accel.attention %q, %k, %v {causal = true}
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>)
      -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
  return %o, %lse : tensor<?x?x?x?xf32>, tensor<?x?x?xf32>
}

// Bottom-right aligned causality as a bias: -inf where j > i + (Sk - Sq).
func.func @causal_as_bias(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>) {
  %c2 = arith.constant 2 : index
  %sq = tensor.dim %q, %c2 : tensor<?x?x?x?xf32>
  %sk = tensor.dim %k, %c2 : tensor<?x?x?x?xf32>
  %init = tensor.empty(%sq, %sk) : tensor<?x?xf32>
  %bias = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      outs(%init : tensor<?x?xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %shift = arith.subi %sk, %sq : index
    %limit = arith.addi %i, %shift : index
    %hidden = arith.cmpi sgt, %j, %limit : index
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.0 : f32
    %b = arith.select %hidden, %ninf, %zero : f32
    linalg.yield %b : f32
  } -> tensor<?x?xf32>
  %o, %lse = accel.attention %q, %k, %v, %bias
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?xf32>)
      -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
  return %o, %lse : tensor<?x?x?x?xf32>, tensor<?x?x?xf32>
}
