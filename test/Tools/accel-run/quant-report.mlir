// accel-run --quant-report: per accel.matmul, the INT8 / FP8 error of its
// operands on a real run, and the best format per tensor.
// RUN: accel-run %s --entry=layers --quant-report | FileCheck %s
// RUN: accel-run %s --entry=no_matmul --quant-report | FileCheck %s --check-prefix=NONE
// NONE: quant-report: @no_matmul has no accel.matmul in its body

// CHECK: quant-report: @layers, 2 accel.matmul
// CHECK-NEXT: layer 0: loc({{.+}}quant-report.mlir":{{[0-9]+}}:8) accel.matmul [4x64] x [64x16]
// CHECK-NEXT: tensor     granularity      int8       e4m3       e5m2       best
// Uniform activations and weights: INT8's even grid wins everywhere.
// CHECK-NEXT: activation tensor {{.+}} int8
// CHECK-NEXT: activation token {{.+}} int8
// CHECK-NEXT: weight     tensor {{.+}} int8
// CHECK-NEXT: weight     channel {{.+}} int8
// CHECK-NEXT: output     token x channel {{.+}} int8
// The same weights and an activation with one outlier 10^4 times the rest:
// per tensor only FP8's exponent keeps the small values ("FP8 versus INT8").
// The weight rows do not change.
// CHECK-NEXT: layer 1: loc({{.+}}quant-report.mlir":{{[0-9]+}}:8) accel.matmul [4x64] x [64x16]
// CHECK-NEXT: tensor
// CHECK-NEXT: activation tensor {{.+}} e4m3
// CHECK-NEXT: activation token
// CHECK-NEXT: weight     tensor {{.+}} int8
// CHECK-NEXT: weight     channel {{.+}} int8
func.func @layers(%x: tensor<4x64xf32>, %w: tensor<64x16xf32>) -> tensor<4x16xf32> {
  %y = accel.matmul %x, %w : (tensor<4x64xf32>, tensor<64x16xf32>) -> tensor<4x16xf32>
  %small = arith.constant dense<0.01> : tensor<4x64xf32>
  %xs = arith.mulf %x, %small : tensor<4x64xf32>
  %outlier = arith.constant 100.0 : f32
  %i0 = arith.constant 0 : index
  %xo = tensor.insert %outlier into %xs[%i0, %i0] : tensor<4x64xf32>
  %z = accel.matmul %xo, %w : (tensor<4x64xf32>, tensor<64x16xf32>) -> tensor<4x16xf32>
  %r = arith.addf %y, %z : tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

func.func @no_matmul(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
