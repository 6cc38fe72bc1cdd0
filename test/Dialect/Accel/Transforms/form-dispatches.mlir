// RUN: accel-opt %s --accel-form-dispatches | FileCheck %s

// Each accel op outside a dispatch becomes a dispatch of one: its distinct
// operands are the inputs, its attributes stay on it, its uses take the
// dispatch's results; other ops and ops already in a dispatch stay.

// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x16x64xbf16>, %[[K:[^:]+]]: tensor<1x2x16x64xbf16>)
func.func @chain(%q: tensor<1x2x16x64xbf16>, %k: tensor<1x2x16x64xbf16>) -> tensor<1x2x16x64xbf16> {
  // CHECK: %[[D0:.+]] = accel.dispatch(%[[Q]], %[[K]] : tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>) -> (tensor<1x2x16x64xbf16>) {
  // CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<1x2x16x64xbf16>, %[[B:.+]]: tensor<1x2x16x64xbf16>):
  // CHECK-NEXT: %[[O:.+]] = accel.attention %[[A]], %[[B]], %[[B]] {accel.kernel_config = #accel.attention_sm80_config<block_n = 32, num_warps = 2>, causal = true}
  // CHECK-NEXT: accel.yield %[[O]]
  // CHECK-NEXT: }
  %o = accel.attention %q, %k, %k {causal = true, accel.kernel_config = #accel.attention_sm80_config<block_n = 32, num_warps = 2>}
      : (tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>) -> tensor<1x2x16x64xbf16>
  // CHECK: %[[D1:.+]] = accel.dispatch(%[[D0]], %[[Q]] : tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>) -> (tensor<1x2x16x64xbf16>) {
  // CHECK-NEXT: ^bb0(%[[C:.+]]: tensor<1x2x16x64xbf16>, %[[E:.+]]: tensor<1x2x16x64xbf16>):
  // CHECK-NEXT: accel.attention %[[C]], %[[E]], %[[E]] :
  %p = accel.attention %o, %q, %q
      : (tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>) -> tensor<1x2x16x64xbf16>
  // CHECK: return %[[D1]]
  return %p : tensor<1x2x16x64xbf16>
}

// CHECK-LABEL: func.func @mixed
func.func @mixed(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  // A dispatch that fusion formed stays as it is.
  // CHECK: accel.dispatch(%{{.+}}, %{{.+}} : tensor<4x8xf32>, tensor<8x16xf32>) -> (tensor<4x16xf32>) {
  // CHECK-NEXT: ^bb0
  // CHECK-NEXT: accel.matmul
  // CHECK-NEXT: arith.addf
  // CHECK-NEXT: accel.yield
  %0 = accel.dispatch(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) -> (tensor<4x16xf32>) {
  ^bb0(%x: tensor<4x8xf32>, %y: tensor<8x16xf32>):
    %m = accel.matmul %x, %y : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
    %s = arith.addf %m, %m : tensor<4x16xf32>
    accel.yield %s : tensor<4x16xf32>
  }
  // CHECK: %[[M:.+]] = accel.dispatch
  // CHECK-NEXT: ^bb0
  // CHECK-NEXT: accel.matmul
  // CHECK-NEXT: accel.yield
  // CHECK-NEXT: }
  // Non-accel ops are not kernels of their own.
  // CHECK-NEXT: arith.negf %[[M]]
  %1 = accel.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %2 = arith.negf %1 : tensor<4x16xf32>
  return %0, %2 : tensor<4x16xf32>, tensor<4x16xf32>
}
