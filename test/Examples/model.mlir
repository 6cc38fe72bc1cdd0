// RUN: accel-opt %S/../../examples/model.mlir -accel-optimize | FileCheck %s

// The shipped example goes through accel-optimize: the FFN's explicit
// weight transpose folds into the matmul, everything else survives intact.

// CHECK-LABEL: func.func @transformer_block
// CHECK-SAME: %[[W2:[^:]+]]: tensor<256x1024xbf16>) -> tensor<2x128x256xbf16>
// CHECK: accel.attention {{.+}} {causal = true}
// CHECK: accel.matmul {{.+}} {transpose_b = true} : (tensor<2x128x256xbf16>, tensor<1024x256xbf16>, tensor<1024xf32>)
// CHECK: accel.matmul %{{.+}}, %[[W2]] {transpose_b = true} : (tensor<2x128x1024xbf16>, tensor<256x1024xbf16>)

// CHECK-LABEL: func.func @rgcn_layer
// CHECK: accel.gather_rows
// CHECK: accel.typed_matmul
// CHECK: accel.scatter_reduce {{.+}} {num_rows = 1000 : i64, reduce = "mean"}

// CHECK-LABEL: func.func @w8a8_linear
// CHECK: %[[Q:.+]], %[[S:.+]] = accel.quantize
// CHECK: accel.quantized_matmul %[[Q]], %[[S]]
