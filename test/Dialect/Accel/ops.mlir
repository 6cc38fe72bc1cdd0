// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Every op of the contract in its custom form; the second RUN line takes
// each through the generic form and back.

// CHECK-LABEL: func.func @matmul
// GENERIC-LABEL: sym_name = "matmul"
func.func @matmul(%a: tensor<8x?x64xf16>, %b: tensor<128x64xf16>,
                  %bias: tensor<128xf32>, %c: tensor<?x64x32xbf16>,
                  %d: tensor<1x32x16xbf16>) -> (tensor<8x?x128xf32>, tensor<?x64x16xbf16>) {
  // CHECK: %[[T:.+]] = accel.matmul %{{.+}}, %{{.+}}, %{{.+}} {transpose_b = true} : (tensor<8x?x64xf16>, tensor<128x64xf16>, tensor<128xf32>) -> tensor<8x?x128xf32>
  // GENERIC: "accel.matmul"(%{{.+}}, %{{.+}}, %{{.+}}) <{transpose_b = true}>
  %0 = accel.matmul %a, %b, %bias {transpose_b = true}
      : (tensor<8x?x64xf16>, tensor<128x64xf16>, tensor<128xf32>) -> tensor<8x?x128xf32>
  // CHECK: accel.matmul %{{.+}}, %{{.+}} : (tensor<?x64x32xbf16>, tensor<1x32x16xbf16>) -> tensor<?x64x16xbf16>
  // GENERIC: "accel.matmul"(%{{.+}}, %{{.+}}) <{transpose_b = false}>
  %1 = accel.matmul %c, %d : (tensor<?x64x32xbf16>, tensor<1x32x16xbf16>) -> tensor<?x64x16xbf16>
  return %0, %1 : tensor<8x?x128xf32>, tensor<?x64x16xbf16>
}

// CHECK-LABEL: func.func @attention
// GENERIC-LABEL: sym_name = "attention"
func.func @attention(%q: tensor<2x8x?x64xbf16>, %k: tensor<2x2x?x64xbf16>,
                     %v: tensor<2x2x?x64xbf16>, %bias: tensor<1x1x?x?xf32>)
    -> (tensor<2x8x?x64xbf16>, tensor<2x8x?xf32>, tensor<2x8x?x64xf32>) {
  // CHECK: %[[O:.+]], %[[LSE:.+]] = accel.attention %{{.+}}, %{{.+}}, %{{.+}} {causal = true, scale = 1.250000e-01 : f32, sparsity = #accel.head_shard<num_shards = 4, block = 64, local_blocks = 2>} : (tensor<2x8x?x64xbf16>, tensor<2x2x?x64xbf16>, tensor<2x2x?x64xbf16>) -> (tensor<2x8x?x64xbf16>, tensor<2x8x?xf32>)
  // GENERIC: "accel.attention"(%{{.+}}, %{{.+}}, %{{.+}}) <{causal = true, scale = 1.250000e-01 : f32, sparsity = #accel.head_shard<num_shards = 4, block = 64, local_blocks = 2>}>
  %o, %lse = accel.attention %q, %k, %v {
      causal = true, scale = 0.125 : f32,
      sparsity = #accel.head_shard<num_shards = 4, block = 64, local_blocks = 2>}
      : (tensor<2x8x?x64xbf16>, tensor<2x2x?x64xbf16>, tensor<2x2x?x64xbf16>)
      -> (tensor<2x8x?x64xbf16>, tensor<2x8x?xf32>)
  // CHECK: accel.attention %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : (tensor<2x8x?x64xbf16>, tensor<2x2x?x64xbf16>, tensor<2x2x?x64xbf16>, tensor<1x1x?x?xf32>) -> tensor<2x8x?x64xf32>
  %o2 = accel.attention %q, %k, %v, %bias
      : (tensor<2x8x?x64xbf16>, tensor<2x2x?x64xbf16>, tensor<2x2x?x64xbf16>, tensor<1x1x?x?xf32>)
      -> tensor<2x8x?x64xf32>
  return %o, %lse, %o2 : tensor<2x8x?x64xbf16>, tensor<2x8x?xf32>, tensor<2x8x?x64xf32>
}

// CHECK-LABEL: func.func @attention_fp8
func.func @attention_fp8(%q: tensor<1x4x128x128xf8E4M3FN>, %k: tensor<1x1x256x128xf8E4M3FN>,
                         %v: tensor<1x1x256x128xf8E4M3FN>) -> tensor<1x4x128x128xbf16> {
  // CHECK: accel.attention {{.+}} -> tensor<1x4x128x128xbf16>
  %o = accel.attention %q, %k, %v
      : (tensor<1x4x128x128xf8E4M3FN>, tensor<1x1x256x128xf8E4M3FN>, tensor<1x1x256x128xf8E4M3FN>)
      -> tensor<1x4x128x128xbf16>
  return %o : tensor<1x4x128x128xbf16>
}

// CHECK-LABEL: func.func @attention_grad
// GENERIC-LABEL: sym_name = "attention_grad"
func.func @attention_grad(%q: tensor<1x4x128x64xf16>, %k: tensor<1x2x96x64xf16>,
                          %v: tensor<1x2x96x32xf16>, %o: tensor<1x4x128x32xf16>,
                          %lse: tensor<1x4x128xf32>, %do: tensor<1x4x128x32xf16>)
    -> (tensor<1x4x128x64xf16>, tensor<1x2x96x64xf32>, tensor<1x2x96x32xf16>) {
  // CHECK: %[[DQ:.+]], %[[DK:.+]], %[[DV:.+]] = accel.attention_grad %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} {causal = true}
  // GENERIC: "accel.attention_grad"({{.+}}) <{causal = true}>
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do {causal = true}
      : (tensor<1x4x128x64xf16>, tensor<1x2x96x64xf16>, tensor<1x2x96x32xf16>,
         tensor<1x4x128x32xf16>, tensor<1x4x128xf32>, tensor<1x4x128x32xf16>)
      -> (tensor<1x4x128x64xf16>, tensor<1x2x96x64xf32>, tensor<1x2x96x32xf16>)
  return %dq, %dk, %dv : tensor<1x4x128x64xf16>, tensor<1x2x96x64xf32>, tensor<1x2x96x32xf16>
}

// CHECK-LABEL: func.func @monarch
// GENERIC-LABEL: sym_name = "monarch"
func.func @monarch(%x: tensor<?x3x256xf16>, %w: tensor<4x32x64xf16>,
                   %y: tensor<16x64xf32>, %w1: tensor<8x4x8xf32>, %w2: tensor<4x16x8xf32>)
    -> (tensor<?x3x128xf16>, tensor<16x64xf32>) {
  // CHECK: accel.block_diag_matmul %{{.+}}, %{{.+}} : (tensor<?x3x256xf16>, tensor<4x32x64xf16>) -> tensor<?x3x128xf16>
  // GENERIC: "accel.block_diag_matmul"
  %0 = accel.block_diag_matmul %x, %w : (tensor<?x3x256xf16>, tensor<4x32x64xf16>) -> tensor<?x3x128xf16>
  // CHECK: accel.monarch_matmul %{{.+}}, %{{.+}}, %{{.+}} : (tensor<16x64xf32>, tensor<8x4x8xf32>, tensor<4x16x8xf32>) -> tensor<16x64xf32>
  // GENERIC: "accel.monarch_matmul"
  %1 = accel.monarch_matmul %y, %w1, %w2
      : (tensor<16x64xf32>, tensor<8x4x8xf32>, tensor<4x16x8xf32>) -> tensor<16x64xf32>
  return %0, %1 : tensor<?x3x128xf16>, tensor<16x64xf32>
}

// CHECK-LABEL: func.func @rgcn
// GENERIC-LABEL: sym_name = "rgcn"
func.func @rgcn(%x: tensor<?x64xf32>, %src: tensor<?xi64>, %dst: tensor<?xi64>,
                %etype: tensor<?xi32>, %w: tensor<8x64x32xf32>, %offsets: tensor<9xi64>)
    -> (tensor<100x32xf32>, tensor<?x32xf32>, tensor<?x4xf32>) {
  // CHECK: %[[H:.+]] = accel.gather_rows %{{.+}}, %{{.+}} : (tensor<?x64xf32>, tensor<?xi64>) -> tensor<?x64xf32>
  // GENERIC: "accel.gather_rows"
  %h = accel.gather_rows %x, %src : (tensor<?x64xf32>, tensor<?xi64>) -> tensor<?x64xf32>
  // CHECK: %[[M:.+]] = accel.typed_matmul %[[H]], %{{.+}}, %{{.+}} : (tensor<?x64xf32>, tensor<8x64x32xf32>, tensor<?xi32>) -> tensor<?x32xf32>
  // GENERIC: "accel.typed_matmul"
  %m = accel.typed_matmul %h, %w, %etype
      : (tensor<?x64xf32>, tensor<8x64x32xf32>, tensor<?xi32>) -> tensor<?x32xf32>
  // CHECK: accel.segment_matmul %[[H]], %{{.+}}, %{{.+}} : (tensor<?x64xf32>, tensor<8x64x32xf32>, tensor<9xi64>) -> tensor<?x32xf32>
  // GENERIC: "accel.segment_matmul"
  %s = accel.segment_matmul %h, %w, %offsets
      : (tensor<?x64xf32>, tensor<8x64x32xf32>, tensor<9xi64>) -> tensor<?x32xf32>
  // CHECK: accel.scatter_reduce %[[M]], %{{.+}} {num_rows = 100 : i64, reduce = "mean"} : (tensor<?x32xf32>, tensor<?xi64>) -> tensor<100x32xf32>
  // GENERIC: "accel.scatter_reduce"(%{{.+}}, %{{.+}}) <{num_rows = 100 : i64, reduce = "mean"}>
  %agg = accel.scatter_reduce %m, %dst {num_rows = 100 : i64, reduce = "mean"}
      : (tensor<?x32xf32>, tensor<?xi64>) -> tensor<100x32xf32>
  %c0 = arith.constant 0 : index
  %e = tensor.dim %m, %c0 : tensor<?x32xf32>
  %score = tensor.extract_slice %m[0, 0] [%e, 4] [1, 1] : tensor<?x32xf32> to tensor<?x4xf32>
  // CHECK: accel.edge_softmax %{{.+}}, %{{.+}} {num_nodes = 100 : i64} : (tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x4xf32>
  // GENERIC: "accel.edge_softmax"(%{{.+}}, %{{.+}}) <{num_nodes = 100 : i64}>
  %a = accel.edge_softmax %score, %dst {num_nodes = 100 : i64}
      : (tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x4xf32>
  return %agg, %s, %a : tensor<100x32xf32>, tensor<?x32xf32>, tensor<?x4xf32>
}

// CHECK-LABEL: func.func @quantization
// GENERIC-LABEL: sym_name = "quantization"
func.func @quantization(%x: tensor<?x256xf16>, %w: tensor<128x256xf32>,
                        %ws: tensor<128xf32>, %s0: tensor<f32>)
    -> (tensor<?x256xi8>, tensor<?x4xf32>, tensor<128x256xf32>, tensor<128x256xf8E4M3FN>, tensor<?x256xi4>) {
  // CHECK: %[[Q:.+]], %[[S:.+]] = accel.quantize %{{.+}} {axis = 1 : i64, dtype = i8, granularity = "group", group_size = 64 : i64} : (tensor<?x256xf16>) -> (tensor<?x256xi8>, tensor<?x4xf32>)
  // GENERIC: "accel.quantize"(%{{.+}}) <{axis = 1 : i64, dtype = i8, granularity = "group", group_size = 64 : i64}>
  %q, %s = accel.quantize %x {dtype = i8, granularity = "group", axis = 1 : i64, group_size = 64 : i64}
      : (tensor<?x256xf16>) -> (tensor<?x256xi8>, tensor<?x4xf32>)
  // CHECK: accel.quantize %{{.+}}, %{{.+}} {axis = 0 : i64, dtype = i8, granularity = "channel"}
  %wq, %wsout = accel.quantize %w, %ws {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<128x256xf32>, tensor<128xf32>) -> (tensor<128x256xi8>, tensor<128xf32>)
  // CHECK: accel.dequantize %{{.+}}, %{{.+}} {axis = 0 : i64, granularity = "channel"} : (tensor<128x256xi8>, tensor<128xf32>) -> tensor<128x256xf32>
  // GENERIC: "accel.dequantize"
  %wd = accel.dequantize %wq, %ws {granularity = "channel", axis = 0 : i64}
      : (tensor<128x256xi8>, tensor<128xf32>) -> tensor<128x256xf32>
  // CHECK: accel.quantize %{{.+}}, %{{.+}} {dtype = f8E4M3FN} : (tensor<128x256xf32>, tensor<f32>)
  %f8, %f8s = accel.quantize %w, %s0 {dtype = f8E4M3FN}
      : (tensor<128x256xf32>, tensor<f32>) -> (tensor<128x256xf8E4M3FN>, tensor<f32>)
  // CHECK: accel.quantize %{{.+}} {dtype = i4} : (tensor<?x256xf16>) -> (tensor<?x256xi4>, tensor<f32>)
  %q4, %s4 = accel.quantize %x {dtype = i4} : (tensor<?x256xf16>) -> (tensor<?x256xi4>, tensor<f32>)
  return %q, %s, %wd, %f8, %q4 : tensor<?x256xi8>, tensor<?x4xf32>, tensor<128x256xf32>, tensor<128x256xf8E4M3FN>, tensor<?x256xi4>
}

// CHECK-LABEL: func.func @quantized_matmul
// GENERIC-LABEL: sym_name = "quantized_matmul"
func.func @quantized_matmul(%a8: tensor<?x4096xi8>, %as: tensor<?xf32>,
                            %b8: tensor<1024x4096xi8>, %bs: tensor<1024xf32>,
                            %a16: tensor<2x?x4096xbf16>, %as16: tensor<f32>,
                            %b4: tensor<4096x1024xi4>, %bs4: tensor<32x1024xf32>,
                            %af8: tensor<64x4096xf8E4M3FN>, %s: tensor<f32>,
                            %bf8: tensor<1024x4096xf8E4M3FN>, %bias: tensor<1024xbf16>)
    -> (tensor<?x1024xbf16>, tensor<2x?x1024xbf16>, tensor<?x1024xf32>, tensor<64x1024xf16>) {
  // W8A8, per-token and per-channel scales.
  // CHECK: accel.quantized_matmul %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} {transpose_b = true} : (tensor<?x4096xi8>, tensor<?xf32>, tensor<1024x4096xi8>, tensor<1024xf32>) -> tensor<?x1024xbf16>
  // GENERIC: "accel.quantized_matmul"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) <{transpose_b = true}>
  %0 = accel.quantized_matmul %a8, %as, %b8, %bs {transpose_b = true}
      : (tensor<?x4096xi8>, tensor<?xf32>, tensor<1024x4096xi8>, tensor<1024xf32>) -> tensor<?x1024xbf16>
  // W4A16 with groups of 128 along K.
  // CHECK: accel.quantized_matmul {{.+}} : (tensor<2x?x4096xbf16>, tensor<f32>, tensor<4096x1024xi4>, tensor<32x1024xf32>) -> tensor<2x?x1024xbf16>
  %1 = accel.quantized_matmul %a16, %as16, %b4, %bs4
      : (tensor<2x?x4096xbf16>, tensor<f32>, tensor<4096x1024xi4>, tensor<32x1024xf32>) -> tensor<2x?x1024xbf16>
  // W4A8.
  // CHECK: accel.quantized_matmul {{.+}} : (tensor<?x4096xi8>, tensor<?xf32>, tensor<4096x1024xi4>, tensor<32x1024xf32>) -> tensor<?x1024xf32>
  %2 = accel.quantized_matmul %a8, %as, %b4, %bs4
      : (tensor<?x4096xi8>, tensor<?xf32>, tensor<4096x1024xi4>, tensor<32x1024xf32>) -> tensor<?x1024xf32>
  // FP8 with per-tensor scales and a bias.
  // CHECK: accel.quantized_matmul {{.+}}, %{{.+}} {transpose_b = true} : (tensor<64x4096xf8E4M3FN>, tensor<f32>, tensor<1024x4096xf8E4M3FN>, tensor<f32>, tensor<1024xbf16>) -> tensor<64x1024xf16>
  %3 = accel.quantized_matmul %af8, %s, %bf8, %s, %bias {transpose_b = true}
      : (tensor<64x4096xf8E4M3FN>, tensor<f32>, tensor<1024x4096xf8E4M3FN>, tensor<f32>, tensor<1024xbf16>) -> tensor<64x1024xf16>
  return %0, %1, %2, %3 : tensor<?x1024xbf16>, tensor<2x?x1024xbf16>, tensor<?x1024xf32>, tensor<64x1024xf16>
}

// The discardable request of accel-monarch-project (contract section 7).
// CHECK-LABEL: func.func @monarch_request
// CHECK: accel.matmul %{{.+}}, %{{.+}} {accel.monarch = {nblocks = 4 : i64}}
func.func @monarch_request(%a: tensor<3x16xf32>, %b: tensor<16x8xf32>) -> tensor<3x8xf32> {
  %y = accel.matmul %a, %b {accel.monarch = {nblocks = 4 : i64}} : (tensor<3x16xf32>, tensor<16x8xf32>) -> tensor<3x8xf32>
  return %y : tensor<3x8xf32>
}
