// Look-alikes of the forms accel-raise reads, found by review: each must
// be raised only when it means the same, and the raise must never produce
// invalid IR. Every function is run before and after the raise on random
// inputs; the functions that do mean attention or a matmul are checked to
// raise.
// RUN: accel-opt %s --accel-raise -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: accel-run %s --entry=all_visible_mask --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=qmask_all_true --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=i8_wrapping_mask --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=extsi_i1_mask --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=finite_mask_then_scale --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=init_partial --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=diag --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=bmm_bcast --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=split_fail --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=gqa_q_one_head --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=scale_overflow --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=ta --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=many_inputs_mask --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// SAME: compare: result #0 ok

// An all-visible mask read at (0, 0): not causal (only batch and head dims may go unread).
// CHECK-LABEL: func.func @all_visible_mask(
// CHECK-NOT: accel.attention
// CHECK: return
func.func @all_visible_mask(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> (tensor<1x2x4x4xf32>)
  %allv = arith.constant dense<true> : tensor<1x1xi1>
  %sel_e0 = tensor.empty() : tensor<1x2x4x4xf32>
  %sel0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (0, 0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%allv, %s : tensor<1x1xi1>, tensor<1x2x4x4xf32>) outs(%sel_e0 : tensor<1x2x4x4xf32>) {
  ^bb0(%m: i1, %x0: f32, %o: f32):
    %c = arith.constant 0xFF800000 : f32
    %r = arith.select %m, %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x4xf32>
  %pe = tensor.empty() : tensor<1x2x4x4xf32>
  %p = linalg.softmax dimension(3) ins(%sel0 : tensor<1x2x4x4xf32>) outs(%pe : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// A mask that reads only the query position: not causal.
// CHECK-LABEL: func.func @qmask_all_true(
// CHECK-NOT: accel.attention
// CHECK: return
func.func @qmask_all_true(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> (tensor<1x2x4x4xf32>)
  %qmask = arith.constant dense<true> : tensor<4xi1>
  %sel_e0 = tensor.empty() : tensor<1x2x4x4xf32>
  %sel0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%qmask, %s : tensor<4xi1>, tensor<1x2x4x4xf32>) outs(%sel_e0 : tensor<1x2x4x4xf32>) {
  ^bb0(%m: i1, %x0: f32, %o: f32):
    %c = arith.constant 0xFF800000 : f32
    %r = arith.select %m, %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x4xf32>
  %pe = tensor.empty() : tensor<1x2x4x4xf32>
  %p = linalg.softmax dimension(3) ins(%sel0 : tensor<1x2x4x4xf32>) outs(%pe : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %o = accel.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// An i8 iota that wraps past 127: the comparison is evaluated at i8, not causal.
// CHECK-LABEL: func.func @i8_wrapping_mask(
// CHECK-NOT: accel.attention
// CHECK: return
func.func @i8_wrapping_mask(%q: tensor<1x1x256x8xf32>, %k: tensor<1x1x256x8xf32>, %v: tensor<1x1x256x8xf32>) -> tensor<1x1x256x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x1x256x8xf32>, tensor<1x1x256x8xf32>) -> (tensor<1x1x256x256xf32>)
  %me = tensor.empty() : tensor<256x256xi1>
  %mask = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%me : tensor<256x256xi1>) {
  ^bb0(%out: i1):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %i8 = arith.index_cast %i : index to i8
    %j8 = arith.index_cast %j : index to i8
    %r = arith.cmpi sle, %j8, %i8 : i8
    linalg.yield %r : i1
  } -> tensor<256x256xi1>
  %sel_e0 = tensor.empty() : tensor<1x1x256x256xf32>
  %sel0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %s : tensor<256x256xi1>, tensor<1x1x256x256xf32>) outs(%sel_e0 : tensor<1x1x256x256xf32>) {
  ^bb0(%m: i1, %x0: f32, %o: f32):
    %c = arith.constant 0xFF800000 : f32
    %r = arith.select %m, %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x1x256x256xf32>
  %pe = tensor.empty() : tensor<1x1x256x256xf32>
  %p = linalg.softmax dimension(3) ins(%sel0 : tensor<1x1x256x256xf32>) outs(%pe : tensor<1x1x256x256xf32>) -> tensor<1x1x256x256xf32>
  %o = accel.matmul %p, %v : (tensor<1x1x256x256xf32>, tensor<1x1x256x8xf32>) -> tensor<1x1x256x8xf32>
  return %o : tensor<1x1x256x8xf32>
}

// extsi of an i1 (true is -1), compared: evaluated with the cast's semantics.
// CHECK-LABEL: func.func @extsi_i1_mask(
// CHECK-NOT: accel.attention
// CHECK: return
func.func @extsi_i1_mask(%q: tensor<1x1x4x8xf32>, %k: tensor<1x1x4x8xf32>, %v: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> (tensor<1x1x4x4xf32>)
  %me = tensor.empty() : tensor<4x4xi1>
  %mask = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%me : tensor<4x4xi1>) {
  ^bb0(%out: i1):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %b = arith.cmpi sle, %j, %i : index
    %w = arith.extsi %b : i1 to i32
    %one = arith.constant 1 : i32
    %r = arith.cmpi eq, %w, %one : i32
    linalg.yield %r : i1
  } -> tensor<4x4xi1>
  %sel_e0 = tensor.empty() : tensor<1x1x4x4xf32>
  %sel0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %s : tensor<4x4xi1>, tensor<1x1x4x4xf32>) outs(%sel_e0 : tensor<1x1x4x4xf32>) {
  ^bb0(%m: i1, %x0: f32, %o: f32):
    %c = arith.constant 0xFF800000 : f32
    %r = arith.select %m, %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x1x4x4xf32>
  %pe = tensor.empty() : tensor<1x1x4x4xf32>
  %p = linalg.softmax dimension(3) ins(%sel0 : tensor<1x1x4x4xf32>) outs(%pe : tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  %o = accel.matmul %p, %v : (tensor<1x1x4x4xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// A finite mask value scaled by 1e-38 afterwards no longer masks: not raised.
// CHECK-LABEL: func.func @finite_mask_then_scale(
// CHECK-NOT: accel.attention
// CHECK: return
func.func @finite_mask_then_scale(%q: tensor<1x1x4x8xf32>, %k: tensor<1x1x4x8xf32>, %v: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> (tensor<1x1x4x4xf32>)
  %me = tensor.empty() : tensor<4x4xi1>
  %mask = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%me : tensor<4x4xi1>) {
  ^bb0(%out: i1):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %r = arith.cmpi sle, %j, %i : index
    linalg.yield %r : i1
  } -> tensor<4x4xi1>
  %sel_e0 = tensor.empty() : tensor<1x1x4x4xf32>
  %sel0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %s : tensor<4x4xi1>, tensor<1x1x4x4xf32>) outs(%sel_e0 : tensor<1x1x4x4xf32>) {
  ^bb0(%m: i1, %x0: f32, %o: f32):
    %c = arith.constant -2.3819765e+38 : f32
    %r = arith.select %m, %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x1x4x4xf32>
  %sc_e1 = tensor.empty() : tensor<1x1x4x4xf32>
  %sc1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sel0 : tensor<1x1x4x4xf32>) outs(%sc_e1 : tensor<1x1x4x4xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 1.0e+38 : f32
    %r = arith.divf %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x1x4x4xf32>
  %pe = tensor.empty() : tensor<1x1x4x4xf32>
  %p = linalg.softmax dimension(3) ins(%sc1 : tensor<1x1x4x4xf32>) outs(%pe : tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  %o = accel.matmul %p, %v : (tensor<1x1x4x4xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// An init that is zero in one element only is not a zero fill.
// CHECK-LABEL: func.func @init_partial(
// CHECK-NOT: accel.matmul
// CHECK: return
func.func @init_partial(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>, %x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %ones = linalg.fill ins(%one : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, 0)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x4xf32>) outs(%ones : tensor<4x4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %z = arith.constant 0.0 : f32
    linalg.yield %z : f32
  } -> tensor<4x4xf32>
  %r = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x4xf32>) outs(%init : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// out[m, k] = a[m, k] * b[k, k]: the reduction dim in the output is no matmul.
// CHECK-LABEL: func.func @diag(
// CHECK-NOT: accel.matmul
// CHECK: return
func.func @diag(%a: tensor<4x8xf32>, %b: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "reduction"]} ins(%a, %b : tensor<4x8xf32>, tensor<8x8xf32>) outs(%f : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// A [1, M, K] broadcast over the batch: the raised matmul must keep the batch size.
// CHECK-LABEL: func.func @bmm_bcast(
// CHECK-NOT: accel.matmul
// CHECK: return
func.func @bmm_bcast(%a: tensor<1x4x8xf32>, %b: tensor<8x5xf32>) -> tensor<3x4x5xf32> {
  %ae = tensor.empty() : tensor<3x4x8xf32>
  %ab = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%a : tensor<1x4x8xf32>) outs(%ae : tensor<3x4x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<3x4x8xf32>
  %be = tensor.empty() : tensor<3x8x5xf32>
  %bb = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%b : tensor<8x5xf32>) outs(%be : tensor<3x8x5xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<3x8x5xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x4x5xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  %r = linalg.batch_matmul ins(%ab, %bb : tensor<3x4x8xf32>, tensor<3x8x5xf32>) outs(%f : tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  return %r : tensor<3x4x5xf32>
}

// A merged batch that cannot be split for one operand leaves the matmul unsplit (no half-done rewrite).
// CHECK-LABEL: func.func @split_fail(
// CHECK: accel.matmul %arg0, %arg1 : (tensor<4x3x8xf32>, tensor<1x8x5xf32>) -> tensor<4x3x5xf32>
// CHECK: tensor.expand_shape
// CHECK: return
func.func @split_fail(%a: tensor<4x3x8xf32>, %b: tensor<1x8x5xf32>) -> tensor<2x2x3x5xf32> {
  %m = accel.matmul %a, %b : (tensor<4x3x8xf32>, tensor<1x8x5xf32>) -> tensor<4x3x5xf32>
  %r = tensor.expand_shape %m [[0, 1], [2], [3]] output_shape [2, 2, 3, 5] : tensor<4x3x5xf32> into tensor<2x2x3x5xf32>
  return %r : tensor<2x2x3x5xf32>
}

// One query head against four (repeated) kv heads: the output has four heads, so no accel.attention.
// CHECK-LABEL: func.func @gqa_q_one_head(
// CHECK-NOT: accel.attention
// CHECK: return
func.func @gqa_q_one_head(%q: tensor<1x1x4x8xf32>, %k0: tensor<1x1x6x8xf32>, %v0: tensor<1x1x6x8xf32>) -> tensor<1x4x4x8xf32> {
  %ke = tensor.empty() : tensor<1x1x4x6x8xf32>
  %kb = linalg.broadcast ins(%k0 : tensor<1x1x6x8xf32>) outs(%ke : tensor<1x1x4x6x8xf32>) dimensions = [2]
  %k = tensor.collapse_shape %kb [[0], [1, 2], [3], [4]] : tensor<1x1x4x6x8xf32> into tensor<1x4x6x8xf32>
  %vb = linalg.broadcast ins(%v0 : tensor<1x1x6x8xf32>) outs(%ke : tensor<1x1x4x6x8xf32>) dimensions = [2]
  %v = tensor.collapse_shape %vb [[0], [1, 2], [3], [4]] : tensor<1x1x4x6x8xf32> into tensor<1x4x6x8xf32>
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x1x4x8xf32>, tensor<1x4x6x8xf32>) -> (tensor<1x4x4x6xf32>)
  %pe = tensor.empty() : tensor<1x4x4x6xf32>
  %p = linalg.softmax dimension(3) ins(%s : tensor<1x4x4x6xf32>) outs(%pe : tensor<1x4x4x6xf32>) -> tensor<1x4x4x6xf32>
  %o = accel.matmul %p, %v : (tensor<1x4x4x6xf32>, tensor<1x4x6x8xf32>) -> tensor<1x4x4x8xf32>
  return %o : tensor<1x4x4x8xf32>
}

// Scales whose product overflows f32: no accel.attention with an infinite scale.
// CHECK-LABEL: func.func @scale_overflow(
// CHECK-NOT: accel.attention
// CHECK: return
func.func @scale_overflow(%q: tensor<1x1x4x8xf32>, %k: tensor<1x1x4x8xf32>, %v: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> (tensor<1x1x4x4xf32>)
  %sc_e0 = tensor.empty() : tensor<1x1x4x4xf32>
  %sc0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x1x4x4xf32>) outs(%sc_e0 : tensor<1x1x4x4xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 1.0e+20 : f32
    %r = arith.mulf %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x1x4x4xf32>
  %sc_e1 = tensor.empty() : tensor<1x1x4x4xf32>
  %sc1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sc0 : tensor<1x1x4x4xf32>) outs(%sc_e1 : tensor<1x1x4x4xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 1.0e+20 : f32
    %r = arith.mulf %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x1x4x4xf32>
  %pe = tensor.empty() : tensor<1x1x4x4xf32>
  %p = linalg.softmax dimension(3) ins(%sc1 : tensor<1x1x4x4xf32>) outs(%pe : tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  %o = accel.matmul %p, %v : (tensor<1x1x4x4xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// A materialized transpose of a [K, M] tensor is an ordinary [M, K] A.
// CHECK-LABEL: func.func @ta(
// CHECK: accel.matmul %{{.*}}, %arg1 : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
// CHECK: return
func.func @ta(%at: tensor<8x4xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %te = tensor.empty() : tensor<4x8xf32>
  %a = linalg.transpose ins(%at : tensor<8x4xf32>) outs(%te : tensor<4x8xf32>) permutation = [1, 0]
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x5xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<4x5xf32>) -> tensor<4x5xf32>
  %r = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%f : tensor<4x5xf32>) -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// A causal mask built from many tensors (the evaluator's cache grows while in use).
// CHECK-LABEL: func.func @many_inputs_mask(
// CHECK: accel.attention %arg0, %arg1, %arg2 {causal = true, scale = 1.000000e+00 : f32}
// CHECK: return
func.func @many_inputs_mask(%q: tensor<1x1x4x8xf32>, %k: tensor<1x1x4x8xf32>, %v: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %s = accel.matmul %q, %k {transpose_b = true} : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> (tensor<1x1x4x4xf32>)
  %in0 = arith.constant dense<0> : tensor<4x4xindex>
  %in1 = arith.constant dense<1> : tensor<4x4xindex>
  %in2 = arith.constant dense<2> : tensor<4x4xindex>
  %in3 = arith.constant dense<3> : tensor<4x4xindex>
  %in4 = arith.constant dense<4> : tensor<4x4xindex>
  %in5 = arith.constant dense<5> : tensor<4x4xindex>
  %in6 = arith.constant dense<6> : tensor<4x4xindex>
  %in7 = arith.constant dense<7> : tensor<4x4xindex>
  %in8 = arith.constant dense<8> : tensor<4x4xindex>
  %in9 = arith.constant dense<9> : tensor<4x4xindex>
  %in10 = arith.constant dense<10> : tensor<4x4xindex>
  %in11 = arith.constant dense<11> : tensor<4x4xindex>
  %in12 = arith.constant dense<12> : tensor<4x4xindex>
  %in13 = arith.constant dense<13> : tensor<4x4xindex>
  %in14 = arith.constant dense<14> : tensor<4x4xindex>
  %in15 = arith.constant dense<15> : tensor<4x4xindex>
  %in16 = arith.constant dense<16> : tensor<4x4xindex>
  %in17 = arith.constant dense<17> : tensor<4x4xindex>
  %in18 = arith.constant dense<18> : tensor<4x4xindex>
  %in19 = arith.constant dense<19> : tensor<4x4xindex>
  %in20 = arith.constant dense<20> : tensor<4x4xindex>
  %in21 = arith.constant dense<21> : tensor<4x4xindex>
  %in22 = arith.constant dense<22> : tensor<4x4xindex>
  %in23 = arith.constant dense<23> : tensor<4x4xindex>
  %in24 = arith.constant dense<24> : tensor<4x4xindex>
  %in25 = arith.constant dense<25> : tensor<4x4xindex>
  %in26 = arith.constant dense<26> : tensor<4x4xindex>
  %in27 = arith.constant dense<27> : tensor<4x4xindex>
  %in28 = arith.constant dense<28> : tensor<4x4xindex>
  %in29 = arith.constant dense<29> : tensor<4x4xindex>
  %in30 = arith.constant dense<30> : tensor<4x4xindex>
  %in31 = arith.constant dense<31> : tensor<4x4xindex>
  %in32 = arith.constant dense<32> : tensor<4x4xindex>
  %in33 = arith.constant dense<33> : tensor<4x4xindex>
  %in34 = arith.constant dense<34> : tensor<4x4xindex>
  %in35 = arith.constant dense<35> : tensor<4x4xindex>
  %in36 = arith.constant dense<36> : tensor<4x4xindex>
  %in37 = arith.constant dense<37> : tensor<4x4xindex>
  %in38 = arith.constant dense<38> : tensor<4x4xindex>
  %in39 = arith.constant dense<39> : tensor<4x4xindex>
  %in40 = arith.constant dense<40> : tensor<4x4xindex>
  %in41 = arith.constant dense<41> : tensor<4x4xindex>
  %in42 = arith.constant dense<42> : tensor<4x4xindex>
  %in43 = arith.constant dense<43> : tensor<4x4xindex>
  %in44 = arith.constant dense<44> : tensor<4x4xindex>
  %in45 = arith.constant dense<45> : tensor<4x4xindex>
  %in46 = arith.constant dense<46> : tensor<4x4xindex>
  %in47 = arith.constant dense<47> : tensor<4x4xindex>
  %in48 = arith.constant dense<48> : tensor<4x4xindex>
  %in49 = arith.constant dense<49> : tensor<4x4xindex>
  %in50 = arith.constant dense<50> : tensor<4x4xindex>
  %in51 = arith.constant dense<51> : tensor<4x4xindex>
  %in52 = arith.constant dense<52> : tensor<4x4xindex>
  %in53 = arith.constant dense<53> : tensor<4x4xindex>
  %in54 = arith.constant dense<54> : tensor<4x4xindex>
  %in55 = arith.constant dense<55> : tensor<4x4xindex>
  %in56 = arith.constant dense<56> : tensor<4x4xindex>
  %in57 = arith.constant dense<57> : tensor<4x4xindex>
  %in58 = arith.constant dense<58> : tensor<4x4xindex>
  %in59 = arith.constant dense<59> : tensor<4x4xindex>
  %me = tensor.empty() : tensor<4x4xi1>
  %mask = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%in0, %in1, %in2, %in3, %in4, %in5, %in6, %in7, %in8, %in9, %in10, %in11, %in12, %in13, %in14, %in15, %in16, %in17, %in18, %in19, %in20, %in21, %in22, %in23, %in24, %in25, %in26, %in27, %in28, %in29, %in30, %in31, %in32, %in33, %in34, %in35, %in36, %in37, %in38, %in39, %in40, %in41, %in42, %in43, %in44, %in45, %in46, %in47, %in48, %in49, %in50, %in51, %in52, %in53, %in54, %in55, %in56, %in57, %in58, %in59 : tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>, tensor<4x4xindex>) outs(%me : tensor<4x4xi1>) {
  ^bb0(%a0: index, %a1: index, %a2: index, %a3: index, %a4: index, %a5: index, %a6: index, %a7: index, %a8: index, %a9: index, %a10: index, %a11: index, %a12: index, %a13: index, %a14: index, %a15: index, %a16: index, %a17: index, %a18: index, %a19: index, %a20: index, %a21: index, %a22: index, %a23: index, %a24: index, %a25: index, %a26: index, %a27: index, %a28: index, %a29: index, %a30: index, %a31: index, %a32: index, %a33: index, %a34: index, %a35: index, %a36: index, %a37: index, %a38: index, %a39: index, %a40: index, %a41: index, %a42: index, %a43: index, %a44: index, %a45: index, %a46: index, %a47: index, %a48: index, %a49: index, %a50: index, %a51: index, %a52: index, %a53: index, %a54: index, %a55: index, %a56: index, %a57: index, %a58: index, %a59: index, %out: i1):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %t = arith.addi %j, %a0 : index
    %r = arith.cmpi sle, %t, %i : index
    linalg.yield %r : i1
  } -> tensor<4x4xi1>
  %sel_e0 = tensor.empty() : tensor<1x1x4x4xf32>
  %sel0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %s : tensor<4x4xi1>, tensor<1x1x4x4xf32>) outs(%sel_e0 : tensor<1x1x4x4xf32>) {
  ^bb0(%m: i1, %x0: f32, %o: f32):
    %c = arith.constant 0xFF800000 : f32
    %r = arith.select %m, %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x1x4x4xf32>
  %pe = tensor.empty() : tensor<1x1x4x4xf32>
  %p = linalg.softmax dimension(3) ins(%sel0 : tensor<1x1x4x4xf32>) outs(%pe : tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  %o = accel.matmul %p, %v : (tensor<1x1x4x4xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}
