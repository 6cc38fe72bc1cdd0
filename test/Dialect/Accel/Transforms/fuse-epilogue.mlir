// RUN: accel-opt %s --accel-fuse-epilogue | FileCheck %s
// RUN: accel-opt %s --accel-fuse-epilogue=remarks=true -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// Numerics: the same random inputs with and without the pass.
// RUN: accel-run %s --entry=squared_relu --input=8x16 --input=16x32 --pipeline=accel-fuse-epilogue --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=residual_used_twice --input=4x8 --input=8x8 --input=4x8 --pipeline=accel-fuse-epilogue --compare-pipeline=none | FileCheck %s --check-prefixes=SAME,SAME2
// RUN: accel-run %s --entry=generic_bias_gelu --input=5x7 --input=7x3 --input=3 --pipeline=accel-fuse-epilogue --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=attention_scaled --input=1x2x9x8 --input=1x2x11x8 --input=1x2x11x8 --input=1x2x9x8 --pipeline=accel-fuse-epilogue --compare-pipeline=none | FileCheck %s --check-prefixes=SAME,SAME2
// RUN: accel-run %s --entry=quantized_dequant_chain --input=13x64 --input=13 --input=32x64 --input=32 --input=13x32 --pipeline=accel-fuse-epilogue --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=gelu_tanh_reconverges --input=6x5 --input=5x7 --input=6x7 --pipeline=accel-fuse-epilogue --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=negative_branches_apart --input=6x5 --input=5x7 --pipeline=accel-fuse-epilogue --compare-pipeline=none | FileCheck %s --check-prefixes=SAME,SAME2
// SAME: compare: result #0 ok: {{.+}} max abs error 0.000000e+00
// SAME2: compare: result #1 ok: {{.+}} max abs error 0.000000e+00

// Bias, squared ReLU and a cast: one dispatch, the splat zero cloned in.
// CHECK-LABEL: func.func @squared_relu
// CHECK-SAME: (%[[X:[^:]+]]: tensor<8x16xf32>, %[[W:[^:]+]]: tensor<16x32xf32>)
// CHECK-NEXT: %[[D:.+]] = accel.dispatch(%[[X]], %[[W]] : tensor<8x16xf32>, tensor<16x32xf32>) -> (tensor<8x32xbf16>) {
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<8x16xf32>, %[[B:.+]]: tensor<16x32xf32>):
// CHECK-NEXT: %[[Z:.+]] = arith.constant dense<0.000000e+00> : tensor<8x32xf32>
// CHECK-NEXT: %[[M:.+]] = accel.matmul %[[A]], %[[B]]
// CHECK-NEXT: %[[R:.+]] = arith.maximumf %[[M]], %[[Z]]
// CHECK-NEXT: %[[S:.+]] = arith.mulf %[[R]], %[[R]]
// CHECK-NEXT: %[[C:.+]] = arith.truncf %[[S]]
// CHECK-NEXT: accel.yield %[[C]] : tensor<8x32xbf16>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[D]]
func.func @squared_relu(%x: tensor<8x16xf32>, %w: tensor<16x32xf32>) -> tensor<8x32xbf16> {
  %zero = arith.constant dense<0.0> : tensor<8x32xf32>
  %m = accel.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %r = arith.maximumf %m, %zero : tensor<8x32xf32>
  %s = arith.mulf %r, %r : tensor<8x32xf32>
  %c = arith.truncf %s : tensor<8x32xf32> to tensor<8x32xbf16>
  return %c : tensor<8x32xbf16>
}

// A residual add whose result is used twice: the chain stops there, and
// the dispatch returns it; the residual is an input.
// CHECK-LABEL: func.func @residual_used_twice
// CHECK: %[[D:.+]] = accel.dispatch(%{{.+}}, %{{.+}}, %[[RES:[^ ]+]] :
// CHECK: accel.matmul
// CHECK-NEXT: arith.addf
// CHECK-NEXT: accel.yield
// CHECK: arith.mulf %[[D]], %[[D]]
// REMARK: fuse-epilogue.mlir:[[#@LINE+4]]:8: remark: epilogue stops here: the value is used by 2 ops, so the dispatch returns it
func.func @residual_used_twice(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>, %res: tensor<4x8xf32>)
    -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %m = accel.matmul %x, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %h = arith.addf %res, %m : tensor<4x8xf32>
  %sq = arith.mulf %h, %h : tensor<4x8xf32>
  %e = math.exp %h : tensor<4x8xf32>
  return %sq, %e : tensor<4x8xf32>, tensor<4x8xf32>
}

// A broadcast bias as a linalg.generic (the way front ends write it), then
// GELU by erf: the bias is an input, read through its broadcast map.
// CHECK-LABEL: func.func @generic_bias_gelu
// CHECK: accel.dispatch
// CHECK: accel.matmul
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: math.erf
// CHECK: accel.yield
// CHECK-NOT: linalg.generic
// CHECK: return
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @generic_bias_gelu(%x: tensor<5x7xf32>, %w: tensor<7x3xf32>, %bias: tensor<3xf32>) -> tensor<5x3xf32> {
  %m = accel.matmul %x, %w : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  %init = tensor.empty() : tensor<5x3xf32>
  %b = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m, %bias : tensor<5x3xf32>, tensor<3xf32>) outs(%init : tensor<5x3xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<5x3xf32>
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<5x3xf32>) outs(%init : tensor<5x3xf32>) {
  ^bb0(%a: f32, %o: f32):
    %half = arith.constant 0.5 : f32
    %one = arith.constant 1.0 : f32
    %rsqrt2 = arith.constant 0.70710678 : f32
    %t = arith.mulf %a, %rsqrt2 : f32
    %e = math.erf %t : f32
    %p = arith.addf %e, %one : f32
    %q = arith.mulf %p, %half : f32
    %r = arith.mulf %q, %a : f32
    linalg.yield %r : f32
  } -> tensor<5x3xf32>
  return %g : tensor<5x3xf32>
}

// Attention's lse is returned too; its output is scaled.
// CHECK-LABEL: func.func @attention_scaled
// CHECK: %[[D:.+]]:2 = accel.dispatch
// CHECK: %[[O:.+]], %[[L:.+]] = accel.attention
// CHECK-NEXT: %[[S:.+]] = arith.mulf %[[O]], %{{.+}}
// CHECK-NEXT: accel.yield %[[S]], %[[L]]
// CHECK: return %[[D]]#0, %[[D]]#1
func.func @attention_scaled(%q: tensor<1x2x9x8xf32>, %k: tensor<1x2x11x8xf32>, %v: tensor<1x2x11x8xf32>,
                            %s: tensor<1x2x9x8xf32>) -> (tensor<1x2x9x8xf32>, tensor<1x2x9xf32>) {
  %o, %lse = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x2x9x8xf32>, tensor<1x2x11x8xf32>, tensor<1x2x11x8xf32>) -> (tensor<1x2x9x8xf32>, tensor<1x2x9xf32>)
  %r = arith.mulf %o, %s : tensor<1x2x9x8xf32>
  return %r, %lse : tensor<1x2x9x8xf32>, tensor<1x2x9xf32>
}

// What does not fuse stays, with a remark: a transpose of the result.
// CHECK-LABEL: func.func @negative_transpose
// CHECK-NOT: accel.dispatch
// CHECK: linalg.transpose
// REMARK: fuse-epilogue.mlir:[[#@LINE+4]]:8: remark: not fused into the epilogue: it reads the value through a map other than the identity (a transpose or broadcast of it)
func.func @negative_transpose(%x: tensor<4x8xf32>, %w: tensor<8x6xf32>) -> tensor<6x4xf32> {
  %m = accel.matmul %x, %w : (tensor<4x8xf32>, tensor<8x6xf32>) -> tensor<4x6xf32>
  %init = tensor.empty() : tensor<6x4xf32>
  %t = linalg.transpose ins(%m : tensor<4x6xf32>) outs(%init : tensor<6x4xf32>) permutation = [1, 0]
  return %t : tensor<6x4xf32>
}

// A matmul result used twice fuses nothing.
// CHECK-LABEL: func.func @negative_two_users
// CHECK-NOT: accel.dispatch
func.func @negative_two_users(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %m = accel.matmul %x, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %a = math.exp %m : tensor<4x8xf32>
  %b = math.tanh %m : tensor<4x8xf32>
  return %a, %b : tensor<4x8xf32>, tensor<4x8xf32>
}

// Dequantize of an int result, then a scale of a dynamic shape.
// CHECK-LABEL: func.func @quantized_dequant_chain
// CHECK: accel.dispatch
// CHECK: accel.quantized_matmul
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: accel.yield
func.func @quantized_dequant_chain(%xq: tensor<?x64xi8>, %xs: tensor<?xf32>, %w: tensor<32x64xi8>,
                                   %ws: tensor<32xf32>, %g: tensor<?x32xf32>) -> tensor<?x32xf32> {
  %y = accel.quantized_matmul %xq, %xs, %w, %ws {transpose_b = true}
      : (tensor<?x64xi8>, tensor<?xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<?x32xf32>
  %r = arith.mulf %y, %g : tensor<?x32xf32>
  return %r : tensor<?x32xf32>
}

// A value used by several ops that reconverge into one (GELU's tanh form,
// x * 0.5 * (1 + tanh(c * (x + 0.044715 x^3)))): the whole DAG fuses, and
// the chain goes on through the residual add.
// CHECK-LABEL: func.func @gelu_tanh_reconverges
// CHECK: %[[D:.+]] = accel.dispatch
// CHECK: accel.matmul
// CHECK-COUNT-3: arith.mulf
// CHECK: arith.addf
// CHECK: math.tanh
// CHECK: arith.addf %{{.+}}, %{{.+}} : tensor<6x7xf32>
// CHECK: accel.yield
// CHECK-NEXT: }
// CHECK-NEXT: return %[[D]]
func.func @gelu_tanh_reconverges(%x: tensor<6x5xf32>, %w: tensor<5x7xf32>, %res: tensor<6x7xf32>) -> tensor<6x7xf32> {
  %m = accel.matmul %x, %w : (tensor<6x5xf32>, tensor<5x7xf32>) -> tensor<6x7xf32>
  %half = arith.constant dense<0.5> : tensor<6x7xf32>
  %one = arith.constant dense<1.0> : tensor<6x7xf32>
  %c = arith.constant dense<0.7978845608> : tensor<6x7xf32>
  %k = arith.constant dense<0.044715> : tensor<6x7xf32>
  %x2 = arith.mulf %m, %m : tensor<6x7xf32>
  %x3 = arith.mulf %x2, %m : tensor<6x7xf32>
  %t0 = arith.mulf %k, %x3 : tensor<6x7xf32>
  %t1 = arith.addf %m, %t0 : tensor<6x7xf32>
  %t2 = arith.mulf %c, %t1 : tensor<6x7xf32>
  %t3 = math.tanh %t2 : tensor<6x7xf32>
  %t4 = arith.addf %one, %t3 : tensor<6x7xf32>
  %t5 = arith.mulf %half, %t4 : tensor<6x7xf32>
  %gelu = arith.mulf %m, %t5 : tensor<6x7xf32>
  %y = arith.addf %gelu, %res : tensor<6x7xf32>
  return %y : tensor<6x7xf32>
}

// negative: two branches of a value that end apart do not reconverge: the
// value is the dispatch's result and each branch stays outside.
// REMARK: fuse-epilogue.mlir:[[#@LINE+9]]:8: remark: epilogue stops here: the value is used by 2 ops, so the dispatch returns it
// CHECK-LABEL: func.func @negative_branches_apart
// CHECK: %[[D:.+]] = accel.dispatch
// CHECK: accel.yield
// CHECK: arith.mulf %[[D]], %[[D]]
// CHECK: math.exp %[[D]]
func.func @negative_branches_apart(%x: tensor<6x5xf32>, %w: tensor<5x7xf32>) -> (tensor<6x7xf32>, tensor<6x7xf32>) {
  %m = accel.matmul %x, %w : (tensor<6x5xf32>, tensor<5x7xf32>) -> tensor<6x7xf32>
  %zero = arith.constant dense<0.0> : tensor<6x7xf32>
  %r = arith.maximumf %m, %zero : tensor<6x7xf32>
  %sq = arith.mulf %r, %r : tensor<6x7xf32>
  %e = math.exp %r : tensor<6x7xf32>
  return %sq, %e : tensor<6x7xf32>, tensor<6x7xf32>
}
