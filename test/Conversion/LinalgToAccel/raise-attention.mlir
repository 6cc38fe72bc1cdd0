// accel-raise on attention: which softmax(scale * Q K^T [mask | bias]) V
// chains become accel.attention (the front ends' own spellings are in
// raise-frontend-corpus.test), and which look alike but mean something else.
// Q K^T and P V are written as accel.matmul here, as the contraction
// patterns leave them.
// RUN: accel-opt %s --accel-raise | FileCheck %s
// RUN: accel-run %s --entry=jax_softmax --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=named_softmax --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=causal_masked_where_false --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=causal_masked_where_true --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=prescaled_q_and_k --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=bias_after_scale --input=random --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=key_bias_no_scale --input=random --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=materialized_k_transpose --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// SAME: compare: result #0 ok

// CHECK-LABEL: func.func @jax_softmax
// CHECK-NEXT: %[[O:.*]] = accel.attention %arg0, %arg1, %arg2 {scale = 0.353553385 : f32}
// CHECK-NEXT: return %[[O]]
func.func @jax_softmax(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %x_c = arith.constant 0.35355339 : f32
  %x_e = tensor.empty() : tensor<1x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x2x4x6xf32>) outs(%x_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %x0, %x_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @named_softmax
// CHECK-NEXT: accel.attention %arg0, %arg1, %arg2 {scale = 1.250000e-01 : f32}
func.func @named_softmax(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %c8 = arith.constant 8.0 : f32
  %x_e = tensor.empty() : tensor<1x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x2x4x6xf32>) outs(%x_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.divf %x0, %c8 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %pe = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.softmax dimension(3) ins(%x : tensor<1x2x4x6xf32>) outs(%pe : tensor<1x2x4x6xf32>) -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @causal_masked_where_false
// CHECK-NEXT: accel.attention %arg0, %arg1, %arg2 {causal = true, scale = 0.353553385 : f32}
func.func @causal_masked_where_false(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %x_c = arith.constant 0.35355339 : f32
  %x_e = tensor.empty() : tensor<1x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x2x4x6xf32>) outs(%x_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %x0, %x_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %mask_e = tensor.empty() : tensor<4x6xi1>
  %mask = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%mask_e : tensor<4x6xi1>) {
  ^bb0(%out: i1):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %i32 = arith.index_cast %i : index to i32
    %j32 = arith.index_cast %j : index to i32
    %c0 = arith.constant 0 : i32
    %off = arith.constant 2 : i32
    %ii = arith.addi %i32, %off : i32
    %r = arith.cmpi sge, %ii, %j32 : i32
    linalg.yield %r : i1
  } -> tensor<4x6xi1>
  %y_c = arith.constant -2.38197633e38 : f32
  %y_e = tensor.empty() : tensor<1x2x4x6xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %x : tensor<4x6xi1>, tensor<1x2x4x6xf32>) outs(%y_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %r = arith.select %x0, %x1, %y_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%y : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @causal_masked_where_true
// CHECK-NEXT: accel.attention %arg0, %arg1, %arg2 {causal = true, scale = 0.353553385 : f32}
func.func @causal_masked_where_true(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %mask_e = tensor.empty() : tensor<4x6xi1>
  %mask = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%mask_e : tensor<4x6xi1>) {
  ^bb0(%out: i1):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %i32 = arith.index_cast %i : index to i32
    %j32 = arith.index_cast %j : index to i32
    %c0 = arith.constant 0 : i32
    %off = arith.constant 2 : i32
    %ii = arith.addi %i32, %off : i32
    %r = arith.cmpi slt, %ii, %j32 : i32
    linalg.yield %r : i1
  } -> tensor<4x6xi1>
  %y_c = arith.constant 0xFF800000 : f32
  %y_e = tensor.empty() : tensor<1x2x4x6xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %s : tensor<4x6xi1>, tensor<1x2x4x6xf32>) outs(%y_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %r = arith.select %x0, %y_c, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %x_c = arith.constant 0.35355339 : f32
  %x_e = tensor.empty() : tensor<1x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y : tensor<1x2x4x6xf32>) outs(%x_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %x0, %x_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @bias_after_scale
// CHECK-NEXT: accel.attention %arg0, %arg1, %arg2, %arg3 {scale = 0.353553385 : f32} : ({{.*}}, tensor<1x1x4x6xf32>)
func.func @bias_after_scale(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>, %bias: tensor<1x1x4x6xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %x_c = arith.constant 0.35355339 : f32
  %x_e = tensor.empty() : tensor<1x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x2x4x6xf32>) outs(%x_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %x0, %x_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %y_e = tensor.empty() : tensor<1x2x4x6xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %bias : tensor<1x2x4x6xf32>, tensor<1x1x4x6xf32>) outs(%y_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.addf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%y : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @prescaled_q_and_k
// CHECK-NEXT: accel.attention %arg0, %arg1, %arg2 {scale = 0.353553355 : f32}
func.func @prescaled_q_and_k(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %c = arith.constant 0.594603539 : f32
  %qs_e = tensor.empty() : tensor<1x2x4x8xf32>
  %qs = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%q : tensor<1x2x4x8xf32>) outs(%qs_e : tensor<1x2x4x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x8xf32>
  %ks_e = tensor.empty() : tensor<1x2x6x8xf32>
  %ks = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%k : tensor<1x2x6x8xf32>) outs(%ks_e : tensor<1x2x6x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %c, %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x6x8xf32>
  %s = accel.matmul %qs, %ks {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%s : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// A per-key bias added right after Q K^T (folded into that matmul by the
// contraction patterns) is the attention bias when nothing scales it after.
// CHECK-LABEL: func.func @key_bias_no_scale
// CHECK-NEXT: accel.attention %arg0, %arg1, %arg2, %arg3 {scale = 1.000000e+00 : f32} : ({{.*}}, tensor<6xf32>)
func.func @key_bias_no_scale(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>, %kb: tensor<6xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %y_e = tensor.empty() : tensor<1x2x4x6xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s, %kb : tensor<1x2x4x6xf32>, tensor<6xf32>) outs(%y_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.addf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%y : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// K^T materialized from keys stored [Sk, B, H, D] (a permutation that is no
// involution): K is read from the stored keys with one linalg.transpose.
// CHECK-LABEL: func.func @materialized_k_transpose
// CHECK: %[[K:.*]] = linalg.transpose ins(%arg1 : tensor<6x1x2x8xf32>) outs(%{{.*}} : tensor<1x2x6x8xf32>) permutation = [1, 2, 0, 3]
// CHECK-NEXT: accel.attention %arg0, %[[K]], %arg2 {scale = 0.353553385 : f32}
func.func @materialized_k_transpose(%q: tensor<1x2x4x8xf32>, %ks: tensor<6x1x2x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %kt_e = tensor.empty() : tensor<1x2x8x6xf32>
  %kt = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d3, d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%ks : tensor<6x1x2x8xf32>) outs(%kt_e : tensor<1x2x8x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x2x8x6xf32>
  %s = accel.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x6xf32>) -> (tensor<1x2x4x6xf32>)
  %x_c = arith.constant 0.35355339 : f32
  %x_e = tensor.empty() : tensor<1x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x2x4x6xf32>) outs(%x_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %x0, %x_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @mask_top_left_aligned
// CHECK-NOT: accel.attention
// CHECK: return
func.func @mask_top_left_aligned(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %mask_e = tensor.empty() : tensor<4x6xi1>
  %mask = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%mask_e : tensor<4x6xi1>) {
  ^bb0(%out: i1):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %i32 = arith.index_cast %i : index to i32
    %j32 = arith.index_cast %j : index to i32
    %c0 = arith.constant 0 : i32
    %ii = arith.addi %i32, %c0 : i32
    %r = arith.cmpi sge, %ii, %j32 : i32
    linalg.yield %r : i1
  } -> tensor<4x6xi1>
  %y_c = arith.constant 0xFF800000 : f32
  %y_e = tensor.empty() : tensor<1x2x4x6xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %s : tensor<4x6xi1>, tensor<1x2x4x6xf32>) outs(%y_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %r = arith.select %x0, %x1, %y_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%y : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @mask_strictly_below
// CHECK-NOT: accel.attention
// CHECK: return
func.func @mask_strictly_below(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %mask_e = tensor.empty() : tensor<4x6xi1>
  %mask = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%mask_e : tensor<4x6xi1>) {
  ^bb0(%out: i1):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %i32 = arith.index_cast %i : index to i32
    %j32 = arith.index_cast %j : index to i32
    %c0 = arith.constant 0 : i32
    %off = arith.constant 2 : i32
    %ii = arith.addi %i32, %off : i32
    %r = arith.cmpi sgt, %ii, %j32 : i32
    linalg.yield %r : i1
  } -> tensor<4x6xi1>
  %y_c = arith.constant 0xFF800000 : f32
  %y_e = tensor.empty() : tensor<1x2x4x6xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %s : tensor<4x6xi1>, tensor<1x2x4x6xf32>) outs(%y_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %r = arith.select %x0, %x1, %y_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%y : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @mask_value_not_masking
// CHECK-NOT: accel.attention
// CHECK: return
func.func @mask_value_not_masking(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %mask_e = tensor.empty() : tensor<4x6xi1>
  %mask = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%mask_e : tensor<4x6xi1>) {
  ^bb0(%out: i1):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %i32 = arith.index_cast %i : index to i32
    %j32 = arith.index_cast %j : index to i32
    %c0 = arith.constant 0 : i32
    %off = arith.constant 2 : i32
    %ii = arith.addi %i32, %off : i32
    %r = arith.cmpi sge, %ii, %j32 : i32
    linalg.yield %r : i1
  } -> tensor<4x6xi1>
  %y_c = arith.constant -1.0e4 : f32
  %y_e = tensor.empty() : tensor<1x2x4x6xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %s : tensor<4x6xi1>, tensor<1x2x4x6xf32>) outs(%y_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %r = arith.select %x0, %x1, %y_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%y : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @bias_before_scale
// CHECK-NOT: accel.attention
// CHECK: return
func.func @bias_before_scale(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>, %bias: tensor<1x1x4x6xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %y_e = tensor.empty() : tensor<1x2x4x6xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s, %bias : tensor<1x2x4x6xf32>, tensor<1x1x4x6xf32>) outs(%y_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.addf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %x_c = arith.constant 0.35355339 : f32
  %x_e = tensor.empty() : tensor<1x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y : tensor<1x2x4x6xf32>) outs(%x_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %x0, %x_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @negative_scale
// CHECK-NOT: accel.attention
// CHECK: return
func.func @negative_scale(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %x_c = arith.constant -0.5 : f32
  %x_e = tensor.empty() : tensor<1x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x2x4x6xf32>) outs(%x_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %x0, %x_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// Softmax is shift-invariant, but a row max that starts at 0 makes rows of
// very negative logits 0/0: conservatively not the same program.
// CHECK-LABEL: func.func @max_init_not_a_lower_bound
// CHECK-NOT: accel.attention
// CHECK: return
func.func @max_init_not_a_lower_bound(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %p_ninf = arith.constant 0.0 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%s : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @softmax_numerator_mismatch
// CHECK-NOT: accel.attention
// CHECK: return
func.func @softmax_numerator_mismatch(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> (tensor<1x2x4x6xf32>)
  %x_c = arith.constant 0.35355339 : f32
  %x_e = tensor.empty() : tensor<1x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x2x4x6xf32>) outs(%x_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = arith.mulf %x0, %x_c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_ninf = arith.constant 0xFF800000 : f32
  %p_zero = arith.constant 0.0 : f32
  %p_me = tensor.empty() : tensor<1x2x4xf32>
  %p_mf = linalg.fill ins(%p_ninf : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%s : tensor<1x2x4x6xf32>) outs(%p_mf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4xf32>
  %p_sub_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %p_max : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_sub_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_exp_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p_exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_sub : tensor<1x2x4x6xf32>) outs(%p_exp_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %p_sf = linalg.fill ins(%p_zero : f32) outs(%p_me : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p_sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%p_exp : tensor<1x2x4x6xf32>) outs(%p_sf : tensor<1x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %acc = arith.addf %in, %out : f32
    linalg.yield %acc : f32
  } -> tensor<1x2x4xf32>
  %p_e = tensor.empty() : tensor<1x2x4x6xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%p_exp, %p_sum : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%p_e : tensor<1x2x4x6xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x6xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}
