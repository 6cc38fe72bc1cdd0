// RUN: accel-opt %s --accel-cpu-reference | not --crash %run_cpu group_does_not_divide 2>/dev/null | FileCheck %s --check-prefix=GROUP
// RUN: accel-opt %s --accel-cpu-reference | not --crash %run_cpu scale_shape_mismatch 2>/dev/null | FileCheck %s --check-prefix=SCALE
// RUN: accel-opt %s --accel-cpu-reference | not --crash %run_cpu groups_do_not_divide_k 2>/dev/null | FileCheck %s --check-prefix=GROUPS-K
// RUN: accel-opt %s --accel-cpu-reference | not --crash %run_cpu k_mismatch 2>/dev/null | FileCheck %s --check-prefix=K
// Each failure names the check that fired, at the op it belongs to.
// GROUP: runtime-checks.mlir:19:{{[0-9]+}}: error: 'accel.quantize' op expects group_size 2 to divide dim 1
// SCALE: runtime-checks.mlir:25:{{[0-9]+}}: error: 'accel.dequantize' op expects scale dim 0 to match the granularity's scale shape
// GROUPS-K: runtime-checks.mlir:31:{{[0-9]+}}: error: 'accel.quantized_matmul' op expects a positive number of scale groups of b that divides K
// K: runtime-checks.mlir:31:{{[0-9]+}}: error: 'accel.quantized_matmul' op expects the K of a and b to match
// RUN: accel-opt %s --accel-cpu-reference | %run_cpu valid | FileCheck %s

// The run-time checks (cf.assert) of shape rules the verifier cannot see
// with dynamic dims abort the program; the same calls with valid shapes
// run.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @quantize_groups(%x: tensor<?x?xf32>) -> (tensor<?x?xi8>, tensor<?x?xf32>) {
  %q, %s = accel.quantize %x {dtype = i8, granularity = "group", axis = 1 : i64, group_size = 2 : i64}
      : (tensor<?x?xf32>) -> (tensor<?x?xi8>, tensor<?x?xf32>)
  return %q, %s : tensor<?x?xi8>, tensor<?x?xf32>
}

func.func @dequantize_channel(%q: tensor<?x?xi8>, %s: tensor<?xf32>) -> tensor<?x?xf32> {
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
      : (tensor<?x?xi8>, tensor<?xf32>) -> tensor<?x?xf32>
  return %x : tensor<?x?xf32>
}

func.func @w4a8(%a: tensor<?x?xi8>, %as: tensor<f32>, %b: tensor<?x?xi4>, %bs: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %y = accel.quantized_matmul %a, %as, %b, %bs
      : (tensor<?x?xi8>, tensor<f32>, tensor<?x?xi4>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// Dim 1 (5) is not a multiple of group_size 2.
func.func @group_does_not_divide() {
  %x = arith.constant dense<1.0> : tensor<2x5xf32>
  %xd = tensor.cast %x : tensor<2x5xf32> to tensor<?x?xf32>
  %q, %s = call @quantize_groups(%xd) : (tensor<?x?xf32>) -> (tensor<?x?xi8>, tensor<?x?xf32>)
  return
}

// Three rows, two scales.
func.func @scale_shape_mismatch() {
  %q = arith.constant dense<1> : tensor<3x4xi8>
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %qd = tensor.cast %q : tensor<3x4xi8> to tensor<?x?xi8>
  %sd = tensor.cast %s : tensor<2xf32> to tensor<?xf32>
  %x = call @dequantize_channel(%qd, %sd) : (tensor<?x?xi8>, tensor<?xf32>) -> tensor<?x?xf32>
  return
}

// K = 6 in 4 groups.
func.func @groups_do_not_divide_k() {
  %a = arith.constant dense<1> : tensor<1x6xi8>
  %as = arith.constant dense<1.0> : tensor<f32>
  %b = arith.constant dense<1> : tensor<6x2xi4>
  %bs = arith.constant dense<1.0> : tensor<4x2xf32>
  %ad = tensor.cast %a : tensor<1x6xi8> to tensor<?x?xi8>
  %bd = tensor.cast %b : tensor<6x2xi4> to tensor<?x?xi4>
  %bsd = tensor.cast %bs : tensor<4x2xf32> to tensor<?x?xf32>
  %y = call @w4a8(%ad, %as, %bd, %bsd) : (tensor<?x?xi8>, tensor<f32>, tensor<?x?xi4>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return
}

// a has K = 6, b has K = 4.
func.func @k_mismatch() {
  %a = arith.constant dense<1> : tensor<1x6xi8>
  %as = arith.constant dense<1.0> : tensor<f32>
  %b = arith.constant dense<1> : tensor<4x2xi4>
  %bs = arith.constant dense<1.0> : tensor<2x2xf32>
  %ad = tensor.cast %a : tensor<1x6xi8> to tensor<?x?xi8>
  %bd = tensor.cast %b : tensor<4x2xi4> to tensor<?x?xi4>
  %bsd = tensor.cast %bs : tensor<2x2xf32> to tensor<?x?xf32>
  %y = call @w4a8(%ad, %as, %bd, %bsd) : (tensor<?x?xi8>, tensor<f32>, tensor<?x?xi4>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return
}

// K = 6 in 3 groups of 2: [1, 6] of ones @ [6, 2] of ones = 6 per column.
func.func @valid() {
  %a = arith.constant dense<1> : tensor<1x6xi8>
  %as = arith.constant dense<1.0> : tensor<f32>
  %b = arith.constant dense<1> : tensor<6x2xi4>
  %bs = arith.constant dense<1.0> : tensor<3x2xf32>
  %ad = tensor.cast %a : tensor<1x6xi8> to tensor<?x?xi8>
  %bd = tensor.cast %b : tensor<6x2xi4> to tensor<?x?xi4>
  %bsd = tensor.cast %bs : tensor<3x2xf32> to tensor<?x?xf32>
  %y = call @w4a8(%ad, %as, %bd, %bsd) : (tensor<?x?xi8>, tensor<f32>, tensor<?x?xi4>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %u = tensor.cast %y : tensor<?x?xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [1, 2]
  // CHECK-NEXT: {{\[}}[6, 6]]
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
