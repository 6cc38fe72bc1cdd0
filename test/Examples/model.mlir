// RUN: accel-opt %S/../../examples/model.mlir -accel-optimize | FileCheck %s

// The shipped example goes through accel-optimize: the FFN's explicit
// weight transpose folds into the matmul, and the residual adds and the
// bias + squared ReLU become the epilogues of their matmuls' dispatches.

// CHECK-LABEL: func.func @transformer_block
// CHECK-SAME: %[[W2:[^:]+]]: tensor<256x1024xbf16>) -> tensor<2x128x256xbf16>
// CHECK: accel.attention {{.+}} {causal = true}
// CHECK: %[[H:.+]] = accel.dispatch
// CHECK: accel.matmul
// CHECK-NEXT: arith.addf
// CHECK-NEXT: accel.yield
// CHECK: %[[U:.+]] = accel.dispatch(%[[H]],
// CHECK: accel.matmul {{.+}} {transpose_b = true} : (tensor<2x128x256xbf16>, tensor<1024x256xbf16>, tensor<1024xf32>)
// CHECK-NEXT: arith.maximumf
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: accel.yield
// CHECK: %[[OUT:.+]] = accel.dispatch(%[[U]], %[[W2]], %[[H]] :
// CHECK: accel.matmul %{{.+}}, %{{.+}} {transpose_b = true} : (tensor<2x128x1024xbf16>, tensor<256x1024xbf16>)
// CHECK-NEXT: arith.addf
// CHECK-NEXT: accel.yield
// CHECK: return %[[OUT]]

// CHECK-LABEL: func.func @rgcn_layer
// CHECK: accel.gather_rows
// CHECK: accel.typed_matmul
// CHECK: accel.scatter_reduce {{.+}} {num_rows = 1000 : i64, reduce = "mean"}

// CHECK-LABEL: func.func @w8a8_linear
// CHECK: %[[Q:.+]], %[[S:.+]] = accel.quantize
// CHECK: accel.quantized_matmul %[[Q]], %[[S]]
