// RUN: accel-opt %s --accel-fuse-linalg | FileCheck %s
// Numerics: the same random inputs with and without the pass (bit-equal:
// the fused body holds the same ops in the same order).
// RUN: accel-run %s --entry=layer_norm_scale --input=3x5x37 --input=37 --pipeline=accel-fuse-linalg --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=shared_producer --input=4x6 --pipeline=accel-fuse-linalg --compare-pipeline=none | FileCheck %s --check-prefixes=SAME,SAME2
// RUN: accel-run %s --entry=epilogue_untouched --input=4x8 --input=8x8 --pipeline=accel-fuse-linalg --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=chain --input=5 --input=5 --input=5 --input=5 --pipeline=accel-fuse-linalg --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// SAME: compare: result #0 ok: {{.+}} max abs error 0.000000e+00
// SAME2: compare: result #1 ok: {{.+}} max abs error 0.000000e+00

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#rows3 = affine_map<(d0, d1, d2) -> (d0, d1)>
#cols3 = affine_map<(d0, d1, d2) -> (d2)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>

// The square of the centered input feeds the variance's row sum, and the
// scale multiplies the centered input: each single-use elementwise
// producer fuses into its consumer, the reduction included.
// CHECK-LABEL: func.func @layer_norm_scale
// CHECK-SAME: (%[[X:.+]]: tensor<3x5x37xf32>, %[[G:.+]]: tensor<37xf32>)
// CHECK: linalg.fill
// CHECK: %[[SQSUM:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] : tensor<3x5x37xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.+]]: f32, %[[OUT:.+]]: f32):
// CHECK-NEXT: %[[SQ:.+]] = arith.mulf %[[IN]], %[[IN]] : f32
// CHECK-NEXT: %[[ADD:.+]] = arith.addf %[[OUT]], %[[SQ]] : f32
// CHECK-NEXT: linalg.yield %[[ADD]] : f32
// CHECK: linalg.generic {{.*}}ins(%[[X]], %[[SQSUM]], %[[G]] :
// CHECK: math.rsqrt
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @layer_norm_scale(%x: tensor<3x5x37xf32>, %g: tensor<37xf32>) -> tensor<3x5x37xf32> {
  %zero = arith.constant 0.0 : f32
  %e3 = tensor.empty() : tensor<3x5x37xf32>
  %sq = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x : tensor<3x5x37xf32>) outs(%e3 : tensor<3x5x37xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %in : f32
    linalg.yield %m : f32
  } -> tensor<3x5x37xf32>
  %e2 = tensor.empty() : tensor<3x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e2 : tensor<3x5xf32>) -> tensor<3x5xf32>
  %sum = linalg.generic {indexing_maps = [#id3, #rows3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%sq : tensor<3x5x37xf32>) outs(%init : tensor<3x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %out, %in : f32
    linalg.yield %a : f32
  } -> tensor<3x5xf32>
  %e4 = tensor.empty() : tensor<3x5x37xf32>
  %rs = linalg.generic {indexing_maps = [#rows3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%sum : tensor<3x5xf32>) outs(%e4 : tensor<3x5x37xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.constant 37.0 : f32
    %v = arith.divf %in, %n : f32
    %eps = arith.constant 1.0e-5 : f32
    %ve = arith.addf %v, %eps : f32
    %r = math.rsqrt %ve : f32
    linalg.yield %r : f32
  } -> tensor<3x5x37xf32>
  %e5 = tensor.empty() : tensor<3x5x37xf32>
  %y = linalg.generic {indexing_maps = [#id3, #id3, #cols3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %rs, %g : tensor<3x5x37xf32>, tensor<3x5x37xf32>, tensor<37xf32>) outs(%e5 : tensor<3x5x37xf32>) {
  ^bb0(%in: f32, %r: f32, %gi: f32, %out: f32):
    %a = arith.mulf %in, %r : f32
    %b = arith.mulf %a, %gi : f32
    linalg.yield %b : f32
  } -> tensor<3x5x37xf32>
  return %y : tensor<3x5x37xf32>
}

// negative_: a producer with two uses stays (fusing it would compute it
// twice or give the fused op two results).
// CHECK-LABEL: func.func @shared_producer
// CHECK-COUNT-3: linalg.generic
// CHECK: return
func.func @shared_producer(%x: tensor<4x6xf32>) -> (tensor<4x6xf32>, tensor<4x6xf32>) {
  %e = tensor.empty() : tensor<4x6xf32>
  %n = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.negf %in : f32
    linalg.yield %v : f32
  } -> tensor<4x6xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%n : tensor<4x6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<4x6xf32>
  %b = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%n : tensor<4x6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.tanh %in : f32
    linalg.yield %v : f32
  } -> tensor<4x6xf32>
  return %a, %b : tensor<4x6xf32>, tensor<4x6xf32>
}

// negative_: the ops of a GEMM dispatch are its epilogue's, not fused here.
// CHECK-LABEL: func.func @epilogue_untouched
// CHECK: accel.dispatch
// CHECK: accel.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0
// CHECK-NEXT: arith.negf
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0
// CHECK-NEXT: math.exp
func.func @epilogue_untouched(%a: tensor<4x8xf32>, %b: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %r = accel.dispatch(%a, %b : tensor<4x8xf32>, tensor<8x8xf32>) -> (tensor<4x8xf32>) {
  ^bb0(%x: tensor<4x8xf32>, %y: tensor<8x8xf32>):
    %m = accel.matmul %x, %y : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
    %e = tensor.empty() : tensor<4x8xf32>
    %n = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%m : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %v = arith.negf %in : f32
      linalg.yield %v : f32
    } -> tensor<4x8xf32>
    %x2 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%n : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %v = math.exp %in : f32
      linalg.yield %v : f32
    } -> tensor<4x8xf32>
    accel.yield %x2 : tensor<4x8xf32>
  }
  return %r : tensor<4x8xf32>
}

// A chain of three adds becomes one op (in rounds: the greedy driver alone
// stops after the first fusion).
// CHECK-LABEL: func.func @chain
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @chain(%a: tensor<5xf32>, %b: tensor<5xf32>, %c: tensor<5xf32>, %d: tensor<5xf32>) -> tensor<5xf32> {
  %e = tensor.empty() : tensor<5xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a, %b : tensor<5xf32>, tensor<5xf32>) outs(%e : tensor<5xf32>) {
  ^bb0(%u: f32, %v: f32, %out: f32):
    %s = arith.addf %u, %v : f32
    linalg.yield %s : f32
  } -> tensor<5xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x, %c : tensor<5xf32>, tensor<5xf32>) outs(%e : tensor<5xf32>) {
  ^bb0(%u: f32, %v: f32, %out: f32):
    %s = arith.addf %u, %v : f32
    linalg.yield %s : f32
  } -> tensor<5xf32>
  %z = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%y, %d : tensor<5xf32>, tensor<5xf32>) outs(%e : tensor<5xf32>) {
  ^bb0(%u: f32, %v: f32, %out: f32):
    %s = arith.addf %u, %v : f32
    linalg.yield %s : f32
  } -> tensor<5xf32>
  return %z : tensor<5xf32>
}

// negative_: a producer whose body reads its init (fusing it would give
// the fused op a second result), and a producer read through a broadcast
// (it would be recomputed for every element it is broadcast to).
// CHECK-LABEL: func.func @negative_init_reader_and_broadcast
// CHECK-COUNT-4: linalg.generic
// CHECK: return
func.func @negative_init_reader_and_broadcast(%x: tensor<5xf32>, %y: tensor<5xf32>, %r: tensor<3xf32>) -> (tensor<5xf32>, tensor<3x4xf32>) {
  %e = tensor.empty() : tensor<5xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<5xf32>) outs(%y : tensor<5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.subf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<5xf32>
  %q = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%p : tensor<5xf32>) outs(%e : tensor<5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %in : f32
    linalg.yield %m : f32
  } -> tensor<5xf32>
  %e3 = tensor.empty() : tensor<3xf32>
  %x3 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%r : tensor<3xf32>) outs(%e3 : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<3xf32>
  %e34 = tensor.empty() : tensor<3x4xf32>
  %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x3 : tensor<3xf32>) outs(%e34 : tensor<3x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.negf %in : f32
    linalg.yield %v : f32
  } -> tensor<3x4xf32>
  return %q, %b : tensor<5xf32>, tensor<3x4xf32>
}
