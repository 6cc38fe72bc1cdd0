// The Primer and RePaViT example blocks run on the CPU, and accel-optimize
// does not change what they compute.
// RUN: accel-run %S/../../examples/primer.mlir --entry=primer_block --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %S/../../examples/repavit.mlir --entry=repavit_ffn --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// SAME: compare: result #0 ok
//
// What accel-optimize makes of them: Primer's projection + residual, FFN up +
// bias + squared ReLU and FFN down + residual are three fused dispatches
// (the QKV projection and the convolution stay separate); RePaViT's FFN
// loses its idle channels to one folded [16, 16] weight, and its GELU (a
// DAG over the first layer's result) is that layer's epilogue.
// RUN: accel-opt %S/../../examples/primer.mlir --accel-optimize | FileCheck %s --check-prefix=PRIMER
// RUN: accel-opt %S/../../examples/repavit.mlir --accel-optimize 2>/dev/null | FileCheck %s --check-prefix=REPAVIT
// PRIMER-LABEL: func.func @primer_block
// PRIMER: accel.matmul {{.+}} -> tensor<2x64x384xf32>
// PRIMER: linalg.depthwise_conv_1d_nwc_wc
// PRIMER: accel.attention
// PRIMER: accel.dispatch
// PRIMER: arith.addf
// PRIMER: accel.dispatch
// PRIMER: arith.maximumf
// PRIMER-NEXT: arith.mulf
// PRIMER: accel.dispatch
// PRIMER: arith.addf
// REPAVIT-LABEL: func.func @repavit_ffn
// REPAVIT-NOT: tensor.concat
// REPAVIT: accel.dispatch
// REPAVIT: accel.matmul {{.+}} -> tensor<4x49x48xf32>
// REPAVIT: math.tanh
// REPAVIT: accel.yield
// REPAVIT: accel.matmul {{.+}} : (tensor<4x49x16xf32>, tensor<16x16xf32>) -> tensor<4x49x16xf32>
// REPAVIT: accel.dispatch
// REPAVIT: accel.matmul {{.+}} : (tensor<4x49x48xf32>, tensor<16x48xf32>, tensor<16xf32>) -> tensor<4x49x16xf32>
// REPAVIT-NOT: tensor.concat
