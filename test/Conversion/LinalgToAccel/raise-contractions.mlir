// accel-raise on contractions: what becomes accel.matmul, and what is left
// alone. The numerics of every raised form are checked by the RUN lines at
// the end (the same random inputs with and without the raise).
// RUN: accel-opt %s --accel-raise --split-input-file | FileCheck %s
// With remarks, each raised op says so; an accel op that was there already
// does not (and keeps no mark).
// RUN: accel-opt %s --accel-raise=remarks=true --split-input-file 2>&1 | FileCheck %s --check-prefix=REMARK
// REMARK: raise-contractions.mlir:{{[0-9]+}}:8: remark: raised to accel.matmul
// REMARK-NOT: accel.raise.preexisting
// RUN: accel-run %s --entry=named_matmul --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=mixed_precision_matmul --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=broadcast_weight --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=merged_batch_transposed_b --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=contraction_generic --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=dynamic_rows --input=13x7 --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=linalg_contract --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=bias_broadcast --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=bias_map --input=random --input=random --input=random --pipeline=accel-raise --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// SAME: compare: result #0 ok

// CHECK-LABEL: func.func @named_matmul
// CHECK-NEXT: %[[R:.*]] = accel.matmul %arg0, %arg1 : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
// CHECK-NEXT: return %[[R]]
func.func @named_matmul(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>) -> tensor<5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<5x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<5x3xf32>) -> tensor<5x3xf32>
  %r = linalg.matmul ins(%a, %b : tensor<5x7xf32>, tensor<7x3xf32>) outs(%init : tensor<5x3xf32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// -----

// f16 inputs accumulated into f32 (the body extends both operands).
// CHECK-LABEL: func.func @mixed_precision_matmul
// CHECK-NEXT: accel.matmul %arg0, %arg1 : (tensor<4x6xf16>, tensor<6x2xf16>) -> tensor<4x2xf32>
func.func @mixed_precision_matmul(%a: tensor<4x6xf16>, %b: tensor<6x2xf16>) -> tensor<4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %r = linalg.matmul ins(%a, %b : tensor<4x6xf16>, tensor<6x2xf16>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

// torch-mlir's Linear: the 2-D weight broadcast to [B, K, N] for
// batch_matmul is read unbroadcast; accel.matmul broadcasts batch dims.
// CHECK-LABEL: func.func @broadcast_weight
// CHECK-NEXT: accel.matmul %arg0, %arg1 : (tensor<2x5x4xf32>, tensor<4x3xf32>) -> tensor<2x5x3xf32>
func.func @broadcast_weight(%x: tensor<2x5x4xf32>, %w: tensor<4x3xf32>) -> tensor<2x5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %eb = tensor.empty() : tensor<2x4x3xf32>
  %wb = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%w : tensor<4x3xf32>) outs(%eb : tensor<2x4x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x4x3xf32>
  %e = tensor.empty() : tensor<2x5x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  %r = linalg.batch_matmul ins(%x, %wb : tensor<2x5x4xf32>, tensor<2x4x3xf32>) outs(%init : tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  return %r : tensor<2x5x3xf32>
}

// -----

// A transpose of B (JAX's yield-only generic or torch-mlir's
// linalg.transpose) becomes transpose_b; merged batch dims come back.
// CHECK-LABEL: func.func @merged_batch_transposed_b
// CHECK-NEXT: %[[R:.*]] = accel.matmul %arg0, %arg1 {transpose_b = true} : (tensor<2x3x8x4xf32>, tensor<2x3x6x4xf32>) -> tensor<2x3x8x6xf32>
// CHECK-NEXT: return %[[R]]
func.func @merged_batch_transposed_b(%q: tensor<2x3x8x4xf32>, %k: tensor<2x3x6x4xf32>) -> tensor<2x3x8x6xf32> {
  %zero = arith.constant 0.0 : f32
  %et = tensor.empty() : tensor<2x3x4x6xf32>
  %kt = linalg.transpose ins(%k : tensor<2x3x6x4xf32>) outs(%et : tensor<2x3x4x6xf32>) permutation = [0, 1, 3, 2]
  %qc = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x3x8x4xf32> into tensor<6x8x4xf32>
  %kc = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<2x3x4x6xf32> into tensor<6x4x6xf32>
  %e = tensor.empty() : tensor<6x8x6xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<6x8x6xf32>) -> tensor<6x8x6xf32>
  %s = linalg.batch_matmul ins(%qc, %kc : tensor<6x8x4xf32>, tensor<6x4x6xf32>) outs(%init : tensor<6x8x6xf32>) -> tensor<6x8x6xf32>
  %r = tensor.expand_shape %s [[0, 1], [2], [3]] output_shape [2, 3, 8, 6] : tensor<6x8x6xf32> into tensor<2x3x8x6xf32>
  return %r : tensor<2x3x8x6xf32>
}

// -----

// A contraction generic reading B as [n, k], with its operands in the
// other order in the body.
// CHECK-LABEL: func.func @contraction_generic
// CHECK-NEXT: accel.matmul %arg0, %arg1 {transpose_b = true} : (tensor<5x7xf32>, tensor<3x7xf32>) -> tensor<5x3xf32>
func.func @contraction_generic(%a: tensor<5x7xf32>, %b: tensor<3x7xf32>) -> tensor<5x3xf32> {
  %zero = arith.constant dense<0.0> : tensor<5x3xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<5x7xf32>, tensor<3x7xf32>) outs(%zero : tensor<5x3xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %y, %x : f32
    %s = arith.addf %p, %acc : f32
    linalg.yield %s : f32
  } -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// -----

// Dynamic rows are fine: accel.matmul takes them at run time.
// CHECK-LABEL: func.func @dynamic_rows
// CHECK: accel.matmul %arg0, %arg1 : (tensor<?x7xf32>, tensor<7x3xf32>) -> tensor<?x3xf32>
func.func @dynamic_rows(%a: tensor<?x7xf32>, %b: tensor<7x3xf32>) -> tensor<?x3xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x7xf32>
  %e = tensor.empty(%m) : tensor<?x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<?x3xf32>) -> tensor<?x3xf32>
  %r = linalg.matmul ins(%a, %b : tensor<?x7xf32>, tensor<7x3xf32>) outs(%init : tensor<?x3xf32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// -----

// linalg.contract, upstream's general contraction op.
// CHECK-LABEL: func.func @linalg_contract
// CHECK-NEXT: accel.matmul %arg0, %arg1 {transpose_b = true} : (tensor<5x7xf32>, tensor<3x7xf32>) -> tensor<5x3xf32>
func.func @linalg_contract(%a: tensor<5x7xf32>, %b: tensor<3x7xf32>) -> tensor<5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<5x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<5x3xf32>) -> tensor<5x3xf32>
  %r = linalg.contract indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>] ins(%a, %b : tensor<5x7xf32>, tensor<3x7xf32>) outs(%init : tensor<5x3xf32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// -----

// A per-column bias becomes accel.matmul's bias operand: broadcast by a
// generic and added (JAX), or added through a broadcasting map (torch-mlir).
// CHECK-LABEL: func.func @bias_broadcast
// CHECK-NEXT: %[[R:.*]] = accel.matmul %arg0, %arg1, %arg2 : (tensor<5x7xf32>, tensor<7x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
// CHECK-NEXT: return %[[R]]
func.func @bias_broadcast(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>, %bias: tensor<3xf32>) -> tensor<5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<5x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<5x3xf32>) -> tensor<5x3xf32>
  %r = linalg.matmul ins(%a, %b : tensor<5x7xf32>, tensor<7x3xf32>) outs(%init : tensor<5x3xf32>) -> tensor<5x3xf32>
  %bb = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%bias : tensor<3xf32>) outs(%e : tensor<5x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<5x3xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%r, %bb : tensor<5x3xf32>, tensor<5x3xf32>) outs(%e : tensor<5x3xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %z = arith.addf %x, %y : f32
    linalg.yield %z : f32
  } -> tensor<5x3xf32>
  return %sum : tensor<5x3xf32>
}
// CHECK-LABEL: func.func @bias_map
// CHECK-NEXT: %[[R:.*]] = accel.matmul %arg0, %arg1, %arg2 : (tensor<5x7xf32>, tensor<7x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
// CHECK-NEXT: return %[[R]]
func.func @bias_map(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>, %bias: tensor<3xf32>) -> tensor<5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<5x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<5x3xf32>) -> tensor<5x3xf32>
  %r = linalg.matmul ins(%a, %b : tensor<5x7xf32>, tensor<7x3xf32>) outs(%init : tensor<5x3xf32>) -> tensor<5x3xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%bias, %r : tensor<3xf32>, tensor<5x3xf32>) outs(%e : tensor<5x3xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %z = arith.addf %x, %y : f32
    linalg.yield %z : f32
  } -> tensor<5x3xf32>
  return %sum : tensor<5x3xf32>
}

// -----

// A per-row vector is not a bias (accel.matmul's bias is per column).
// CHECK-LABEL: func.func @row_vector_is_not_a_bias
// CHECK: accel.matmul %arg0, %arg1 :
// CHECK: linalg.generic
func.func @row_vector_is_not_a_bias(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>, %v: tensor<5xf32>) -> tensor<5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<5x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<5x3xf32>) -> tensor<5x3xf32>
  %r = linalg.matmul ins(%a, %b : tensor<5x7xf32>, tensor<7x3xf32>) outs(%init : tensor<5x3xf32>) -> tensor<5x3xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%r, %v : tensor<5x3xf32>, tensor<5xf32>) outs(%e : tensor<5x3xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %z = arith.addf %x, %y : f32
    linalg.yield %z : f32
  } -> tensor<5x3xf32>
  return %sum : tensor<5x3xf32>
}

// -----

// Left alone: an accumulating matmul (the init is not zero), A read
// K-major (accel.matmul has no transpose_a), mixed input types, integer
// operands and a body that is not a plain multiply-add.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: accel.matmul
// CHECK-COUNT-4: linalg.matmul
// CHECK: linalg.generic
// CHECK-NOT: accel.matmul
func.func @left_alone(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>, %c: tensor<5x3xf32>,
                      %at: tensor<7x5xf32>, %h: tensor<7x3xf16>,
                      %i: tensor<5x7xi8>, %j: tensor<7x3xi8>) -> (tensor<5x3xf32>, tensor<5x3xf32>, tensor<5x3xf32>, tensor<5x3xi32>, tensor<5x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %izero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<5x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<5x3xf32>) -> tensor<5x3xf32>
  %accumulating = linalg.matmul ins(%a, %b : tensor<5x7xf32>, tensor<7x3xf32>) outs(%c : tensor<5x3xf32>) -> tensor<5x3xf32>
  %transposed_a = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>] ins(%at, %b : tensor<7x5xf32>, tensor<7x3xf32>) outs(%init : tensor<5x3xf32>) -> tensor<5x3xf32>
  %mixed = linalg.matmul ins(%a, %h : tensor<5x7xf32>, tensor<7x3xf16>) outs(%init : tensor<5x3xf32>) -> tensor<5x3xf32>
  %ie = tensor.empty() : tensor<5x3xi32>
  %iinit = linalg.fill ins(%izero : i32) outs(%ie : tensor<5x3xi32>) -> tensor<5x3xi32>
  %integer = linalg.matmul ins(%i, %j : tensor<5x7xi8>, tensor<7x3xi8>) outs(%iinit : tensor<5x3xi32>) -> tensor<5x3xi32>
  %not_mul_add = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<5x7xf32>, tensor<7x3xf32>) outs(%init : tensor<5x3xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.addf %x, %y : f32
    %s = arith.maximumf %p, %acc : f32
    linalg.yield %s : f32
  } -> tensor<5x3xf32>
  return %accumulating, %transposed_a, %mixed, %integer, %not_mul_add : tensor<5x3xf32>, tensor<5x3xf32>, tensor<5x3xf32>, tensor<5x3xi32>, tensor<5x3xf32>
}

// -----

// Already accel: nothing to raise, nothing reported.
// CHECK-LABEL: func.func @already_accel
// CHECK-NEXT: accel.matmul %arg0, %arg1 :
func.func @already_accel(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>) -> tensor<5x3xf32> {
  // REMARK-NOT: raise-contractions.mlir:[[# @LINE + 1]]:{{[0-9]+}}: remark
  %r = accel.matmul %a, %b : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}
