// RUN: accel-opt %s --accel-to-linalg -split-input-file | FileCheck %s

// Structure of the Quantization family's lowering (contract §5). Numerics
// are checked by the execution tests in test/Integration/Quantization.

// Static per-tensor scale: one elementwise generic; scale_out is the scale.
// CHECK-LABEL: func.func @quantize_static_tensor_i8(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<4x8xf32>, %[[S:[a-z0-9]+]]: tensor<f32>)
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<4x8xi8>
// CHECK:         %[[Q:.+]] = linalg.generic
// CHECK-SAME:        iterator_types = ["parallel", "parallel"]
// CHECK-SAME:        ins(%[[X]], %[[S]] : tensor<4x8xf32>, tensor<f32>) outs(%[[E]] : tensor<4x8xi8>)
// CHECK:           %[[DIV:.+]] = arith.divf
// CHECK:           %[[ROUND:.+]] = math.roundeven %[[DIV]] : f32
// CHECK:           %[[LO:.+]] = arith.maximumf %[[ROUND]]
// CHECK:           %[[HI:.+]] = arith.minimumf %[[LO]]
// CHECK:           %[[NAN:.+]] = arith.cmpf uno, %[[DIV]], %[[DIV]]
// CHECK:           %[[SEL:.+]] = arith.select %[[NAN]], %{{.+}}, %[[HI]]
// CHECK:           %[[INT:.+]] = arith.fptosi %[[SEL]] : f32 to i32
// CHECK:           %[[I8:.+]] = arith.trunci %[[INT]] : i32 to i8
// CHECK:           linalg.yield %[[I8]] : i8
// CHECK:         return %[[Q]], %[[S]]
// CHECK-NOT:     accel.
func.func @quantize_static_tensor_i8(%x: tensor<4x8xf32>, %s: tensor<f32>) -> (tensor<4x8xi8>, tensor<f32>) {
  %q, %so = accel.quantize %x, %s {dtype = i8} : (tensor<4x8xf32>, tensor<f32>) -> (tensor<4x8xi8>, tensor<f32>)
  return %q, %so : tensor<4x8xi8>, tensor<f32>
}

// -----

// Dynamic per-channel scale (axis 1): absmax reduction over dim 0, then
// absmax / 7 (1 where 0), then the quantization; f16 goes through f32.
// CHECK-LABEL: func.func @quantize_dynamic_channel_i4(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<?x8xf16>)
// CHECK:         %[[ZERO:.+]] = linalg.fill {{.*}} -> tensor<8xf32>
// CHECK:         %[[ABSMAX:.+]] = linalg.generic
// CHECK-SAME:        iterator_types = ["reduction", "parallel"]
// CHECK-SAME:        ins(%[[X]] : tensor<?x8xf16>) outs(%[[ZERO]] : tensor<8xf32>)
// CHECK:           arith.extf %{{.+}} : f16 to f32
// CHECK:           math.absf
// CHECK:           arith.maxnumf
// CHECK:         %[[SCALE:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[ABSMAX]] : tensor<8xf32>)
// CHECK:           arith.divf
// CHECK:           arith.cmpf oeq
// CHECK:           arith.select
// CHECK:         %[[Q:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[X]], %[[SCALE]] : tensor<?x8xf16>, tensor<8xf32>) outs(%{{.+}} : tensor<?x8xi4>)
// CHECK:           math.roundeven
// CHECK:           arith.trunci %{{.+}} : i32 to i4
// CHECK:         return %[[Q]], %[[SCALE]]
// CHECK-NOT:     accel.
func.func @quantize_dynamic_channel_i4(%x: tensor<?x8xf16>) -> (tensor<?x8xi4>, tensor<8xf32>) {
  %q, %s = accel.quantize %x {dtype = i4, granularity = "channel", axis = 1 : i64} : (tensor<?x8xf16>) -> (tensor<?x8xi4>, tensor<8xf32>)
  return %q, %s : tensor<?x8xi4>, tensor<8xf32>
}

// -----

// Dynamic group scales along a dynamic dim: run-time divisibility check, x
// gathered as [2, dim / 32, 32] for the absmax, the scale read through a
// floordiv map by the elementwise quantization.
// CHECK: #[[$GROUP:.+]] = affine_map<(d0, d1) -> (d0, d1 floordiv 32)>
// CHECK-LABEL: func.func @quantize_dynamic_group(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<2x?xbf16>)
// CHECK:         %[[DIM:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<2x?xbf16>
// CHECK:         %[[REM:.+]] = arith.remui %[[DIM]]
// CHECK:         %[[OK:.+]] = arith.cmpi eq, %[[REM]]
// CHECK:         cf.assert %[[OK]], "'accel.quantize' op expects group_size 32 to divide dim 1"
// CHECK:         %[[GROUPS:.+]] = arith.divui %[[DIM]]
// CHECK:         %[[VIEW:.+]] = linalg.generic
// CHECK-SAME:        outs(%{{.+}} : tensor<2x?x32xbf16>)
// CHECK:           tensor.extract %[[X]]
// CHECK:         %[[ABSMAX:.+]] = linalg.generic
// CHECK-SAME:        iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:        ins(%[[VIEW]] : tensor<2x?x32xbf16>) outs(%{{.+}} : tensor<2x?xf32>)
// CHECK:         %[[SCALE:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[ABSMAX]] : tensor<2x?xf32>)
// CHECK:         %[[Q:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[$GROUP]], #{{.+}}]
// CHECK-SAME:        ins(%[[X]], %[[SCALE]] : tensor<2x?xbf16>, tensor<2x?xf32>) outs(%{{.+}} : tensor<2x?xi8>)
// CHECK:         return %[[Q]], %[[SCALE]]
// CHECK-NOT:     accel.
func.func @quantize_dynamic_group(%x: tensor<2x?xbf16>) -> (tensor<2x?xi8>, tensor<2x?xf32>) {
  %q, %s = accel.quantize %x {dtype = i8, granularity = "group", axis = 1 : i64, group_size = 32 : i64} : (tensor<2x?xbf16>) -> (tensor<2x?xi8>, tensor<2x?xf32>)
  return %q, %s : tensor<2x?xi8>, tensor<2x?xf32>
}

// -----

// Per-token dynamic scales of [B, S, K] activations (group_size = K): one
// group, so no view of x is needed.
// CHECK-LABEL: func.func @quantize_per_token(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<?x?x64xf32>)
// CHECK-NOT:     tensor.extract
// CHECK:         %[[ABSMAX:.+]] = linalg.generic
// CHECK-SAME:        iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME:        ins(%[[X]] : tensor<?x?x64xf32>) outs(%{{.+}} : tensor<?x?x1xf32>)
// CHECK:         %[[SCALE:.+]] = linalg.generic
// CHECK:         %[[Q:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[X]], %[[SCALE]] : tensor<?x?x64xf32>, tensor<?x?x1xf32>)
// CHECK:         return %[[Q]], %[[SCALE]]
// CHECK-NOT:     accel.
func.func @quantize_per_token(%x: tensor<?x?x64xf32>) -> (tensor<?x?x64xi8>, tensor<?x?x1xf32>) {
  %q, %s = accel.quantize %x {dtype = i8, granularity = "group", axis = 2 : i64, group_size = 64 : i64} : (tensor<?x?x64xf32>) -> (tensor<?x?x64xi8>, tensor<?x?x1xf32>)
  return %q, %s : tensor<?x?x64xi8>, tensor<?x?x1xf32>
}

// -----

// A static group scale with a dynamic dim: checked against x at run time.
// CHECK-LABEL: func.func @quantize_static_group_scale(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<?x64xf32>, %[[S:[a-z0-9]+]]: tensor<?x2xf32>)
// CHECK:         %[[XD:.+]] = tensor.dim %[[X]]
// CHECK:         %[[SD:.+]] = tensor.dim %[[S]]
// CHECK:         %[[EQ:.+]] = arith.cmpi eq, %[[SD]], %[[XD]]
// CHECK:         cf.assert %[[EQ]], "'accel.quantize' op expects scale dim 0 to match the granularity's scale shape"
// CHECK:         %[[Q:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[X]], %[[S]] : tensor<?x64xf32>, tensor<?x2xf32>)
// CHECK:         return %[[Q]], %[[S]]
// CHECK-NOT:     accel.
func.func @quantize_static_group_scale(%x: tensor<?x64xf32>, %s: tensor<?x2xf32>) -> (tensor<?x64xi8>, tensor<?x2xf32>) {
  %q, %so = accel.quantize %x, %s {dtype = i8, granularity = "group", axis = 1 : i64, group_size = 32 : i64} : (tensor<?x64xf32>, tensor<?x2xf32>) -> (tensor<?x64xi8>, tensor<?x2xf32>)
  return %q, %so : tensor<?x64xi8>, tensor<?x2xf32>
}

// -----

// fp8: saturate to +-448, then the bit-level f32 -> f8E4M3FN conversion;
// no arith.truncf to an f8 type (the CPU pipeline cannot lower it).
// CHECK-LABEL: func.func @quantize_fp8(
// CHECK:         linalg.generic
// CHECK-SAME:        outs(%{{.+}} : tensor<f32>)
// CHECK:           arith.divf %{{.+}}, %{{.+}} : f32
// CHECK:         %[[Q:.+]] = linalg.generic
// CHECK-SAME:        outs(%{{.+}} : tensor<16xf8E4M3FN>)
// CHECK:           %[[DIV:.+]] = arith.divf
// CHECK:           %[[LO:.+]] = arith.maximumf %[[DIV]]
// CHECK:           %[[SAT:.+]] = arith.minimumf %[[LO]]
// CHECK:           %[[BITS:.+]] = arith.bitcast %[[SAT]] : f32 to i32
// CHECK:           math.roundeven
// CHECK:           arith.cmpf uno, %[[DIV]], %[[DIV]]
// CHECK:           %[[BYTE:.+]] = arith.trunci %{{.+}} : i32 to i8
// CHECK:           %[[F8:.+]] = arith.bitcast %[[BYTE]] : i8 to f8E4M3FN
// CHECK:           linalg.yield %[[F8]] : f8E4M3FN
// CHECK-NOT:     arith.truncf
// CHECK-NOT:     accel.
func.func @quantize_fp8(%x: tensor<16xf32>) -> (tensor<16xf8E4M3FN>, tensor<f32>) {
  %q, %s = accel.quantize %x {dtype = f8E4M3FN} : (tensor<16xf32>) -> (tensor<16xf8E4M3FN>, tensor<f32>)
  return %q, %s : tensor<16xf8E4M3FN>, tensor<f32>
}

// -----

// CHECK-LABEL: func.func @dequantize_tensor_f16(
// CHECK-SAME:      %[[Q:[a-z0-9]+]]: tensor<4x8xi8>, %[[S:[a-z0-9]+]]: tensor<f32>)
// CHECK:         %[[X:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[Q]], %[[S]] : tensor<4x8xi8>, tensor<f32>) outs(%{{.+}} : tensor<4x8xf16>)
// CHECK:           %[[F:.+]] = arith.sitofp %{{.+}} : i8 to f32
// CHECK:           %[[M:.+]] = arith.mulf %[[F]]
// CHECK:           %[[H:.+]] = arith.truncf %[[M]] : f32 to f16
// CHECK:           linalg.yield %[[H]] : f16
// CHECK:         return %[[X]]
// CHECK-NOT:     accel.
func.func @dequantize_tensor_f16(%q: tensor<4x8xi8>, %s: tensor<f32>) -> tensor<4x8xf16> {
  %x = accel.dequantize %q, %s : (tensor<4x8xi8>, tensor<f32>) -> tensor<4x8xf16>
  return %x : tensor<4x8xf16>
}

// -----

// fp8 decodes on the bit level (no arith.extf from f8E5M2).
// CHECK: #[[$ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @dequantize_fp8_channel(
// CHECK-SAME:      %[[Q:[a-z0-9]+]]: tensor<4x8xf8E5M2>, %[[S:[a-z0-9]+]]: tensor<4xf32>)
// CHECK:         linalg.generic {indexing_maps = [#{{.+}}, #[[$ROW]], #{{.+}}]
// CHECK-SAME:        ins(%[[Q]], %[[S]] : tensor<4x8xf8E5M2>, tensor<4xf32>)
// CHECK:           %[[BYTE:.+]] = arith.bitcast %{{.+}} : f8E5M2 to i8
// CHECK:           arith.extui %[[BYTE]] : i8 to i32
// CHECK:           %[[F:.+]] = arith.bitcast %{{.+}} : i32 to f32
// CHECK:           arith.mulf %[[F]]
// CHECK-NOT:     arith.extf
// CHECK-NOT:     accel.
func.func @dequantize_fp8_channel(%q: tensor<4x8xf8E5M2>, %s: tensor<4xf32>) -> tensor<4x8xf32> {
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64} : (tensor<4x8xf8E5M2>, tensor<4xf32>) -> tensor<4x8xf32>
  return %x : tensor<4x8xf32>
}

// -----

// CHECK: #[[$GROUP:.+]] = affine_map<(d0, d1) -> (d0 floordiv 16, d1)>
// CHECK-LABEL: func.func @dequantize_group_dynamic(
// CHECK-SAME:      %[[Q:[a-z0-9]+]]: tensor<?x?xi4>, %[[S:[a-z0-9]+]]: tensor<?x?xf32>)
// CHECK:         cf.assert %{{.+}}, "'accel.dequantize' op expects group_size 16 to divide dim 0"
// CHECK:         cf.assert %{{.+}}, "'accel.dequantize' op expects scale dim 0 to match the granularity's scale shape"
// CHECK:         cf.assert %{{.+}}, "'accel.dequantize' op expects scale dim 1 to match the granularity's scale shape"
// CHECK:         %[[X:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[$GROUP]], #{{.+}}]
// CHECK-SAME:        ins(%[[Q]], %[[S]] : tensor<?x?xi4>, tensor<?x?xf32>)
// CHECK:           arith.sitofp %{{.+}} : i4 to f32
// CHECK:         return %[[X]]
// CHECK-NOT:     accel.
func.func @dequantize_group_dynamic(%q: tensor<?x?xi4>, %s: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %x = accel.dequantize %q, %s {granularity = "group", axis = 0 : i64, group_size = 16 : i64} : (tensor<?x?xi4>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %x : tensor<?x?xf32>
}

// -----

// W8A8 per-token x per-channel: exact i32 sums (one group), then
// sitofp * (a_scale * b_scale) summed in f32.
// CHECK-LABEL: func.func @qmm_w8a8(
// CHECK-SAME:      %[[A:[a-z0-9]+]]: tensor<8x64xi8>, %[[AS:[a-z0-9]+]]: tensor<8xf32>, %[[B:[a-z0-9]+]]: tensor<64x16xi8>, %[[BS:[a-z0-9]+]]: tensor<16xf32>)
// CHECK:         %[[P0:.+]] = linalg.fill {{.*}} -> tensor<8x16x1xi32>
// CHECK:         %[[P:.+]] = linalg.generic
// CHECK-SAME:        iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME:        ins(%[[A]], %[[B]] : tensor<8x64xi8>, tensor<64x16xi8>) outs(%[[P0]] : tensor<8x16x1xi32>)
// CHECK:           %[[EB:.+]] = arith.extsi %{{.+}} : i8 to i32
// CHECK:           %[[EA:.+]] = arith.extsi %{{.+}} : i8 to i32
// CHECK:           %[[PROD:.+]] = arith.muli %[[EA]], %[[EB]] : i32
// CHECK:           arith.addi %{{.+}}, %[[PROD]] : i32
// CHECK:         %[[OUT:.+]] = linalg.generic
// CHECK-SAME:        iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:        ins(%[[P]], %[[AS]], %[[BS]] : tensor<8x16x1xi32>, tensor<8xf32>, tensor<16xf32>) outs(%{{.+}} : tensor<8x16xf32>)
// CHECK:           %[[SC:.+]] = arith.mulf
// CHECK:           %[[FP:.+]] = arith.sitofp %{{.+}} : i32 to f32
// CHECK:           %[[T:.+]] = arith.mulf %[[FP]], %[[SC]]
// CHECK:           arith.addf %{{.+}}, %[[T]]
// CHECK:         return %[[OUT]]
// CHECK-NOT:     accel.
func.func @qmm_w8a8(%a: tensor<8x64xi8>, %as: tensor<8xf32>, %b: tensor<64x16xi8>, %bs: tensor<16xf32>) -> tensor<8x16xf32> {
  %y = accel.quantized_matmul %a, %as, %b, %bs : (tensor<8x64xi8>, tensor<8xf32>, tensor<64x16xi8>, tensor<16xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// -----

// FP8, batched a, b as [N, K], bf16 bias, f16 result: f32 products of the
// decoded values, then the scales, then bias and one rounding to f16.
// CHECK: #[[$A:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d4)>
// CHECK: #[[$BT:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d2, d4)>
// CHECK-LABEL: func.func @qmm_fp8_transpose_bias(
// CHECK-SAME:      %[[A:[a-z0-9]+]]: tensor<2x8x64xf8E4M3FN>, %[[AS:[a-z0-9]+]]: tensor<f32>, %[[B:[a-z0-9]+]]: tensor<16x64xf8E4M3FN>, %[[BS:[a-z0-9]+]]: tensor<f32>, %[[BIAS:[a-z0-9]+]]: tensor<16xbf16>)
// CHECK:         %[[P:.+]] = linalg.generic {indexing_maps = [#[[$A]], #[[$BT]], #{{.+}}]
// CHECK-SAME:        ins(%[[A]], %[[B]] : tensor<2x8x64xf8E4M3FN>, tensor<16x64xf8E4M3FN>) outs(%{{.+}} : tensor<2x8x16x1xf32>)
// CHECK:           arith.bitcast %{{.+}} : f8E4M3FN to i8
// CHECK:           %[[DB:.+]] = arith.bitcast %{{.+}} : i32 to f32
// CHECK:           arith.bitcast %{{.+}} : f8E4M3FN to i8
// CHECK:           %[[DA:.+]] = arith.bitcast %{{.+}} : i32 to f32
// CHECK:           %[[PROD:.+]] = arith.mulf %[[DA]], %[[DB]] : f32
// CHECK:           arith.addf %{{.+}}, %[[PROD]]
// CHECK:         %[[ACC:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[P]], %[[AS]], %[[BS]] : tensor<2x8x16x1xf32>, tensor<f32>, tensor<f32>) outs(%{{.+}} : tensor<2x8x16xf32>)
// CHECK:         %[[OUT:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[ACC]], %[[BIAS]] : tensor<2x8x16xf32>, tensor<16xbf16>) outs(%{{.+}} : tensor<2x8x16xf16>)
// CHECK:           %[[EB:.+]] = arith.extf %{{.+}} : bf16 to f32
// CHECK:           %[[SUM:.+]] = arith.addf %{{.+}}, %[[EB]]
// CHECK:           arith.truncf %[[SUM]] : f32 to f16
// CHECK:         return %[[OUT]]
// CHECK-NOT:     accel.
func.func @qmm_fp8_transpose_bias(%a: tensor<2x8x64xf8E4M3FN>, %as: tensor<f32>, %b: tensor<16x64xf8E4M3FN>, %bs: tensor<f32>, %bias: tensor<16xbf16>) -> tensor<2x8x16xf16> {
  %y = accel.quantized_matmul %a, %as, %b, %bs, %bias {transpose_b = true} : (tensor<2x8x64xf8E4M3FN>, tensor<f32>, tensor<16x64xf8E4M3FN>, tensor<f32>, tensor<16xbf16>) -> tensor<2x8x16xf16>
  return %y : tensor<2x8x16xf16>
}

// -----

// W4A16 in groups of 16: one f32 contraction over (group, k-in-group) of
// a * (b * b_scale[group, n]); a_scale multiplies the sum in the epilogue.
// CHECK-LABEL: func.func @qmm_w4a16(
// CHECK-SAME:      %[[A:[a-z0-9]+]]: tensor<?x64xbf16>, %[[AS:[a-z0-9]+]]: tensor<?xf32>, %[[B:[a-z0-9]+]]: tensor<64x16xi4>, %[[BS:[a-z0-9]+]]: tensor<4x16xf32>)
// CHECK:         cf.assert %{{.+}}, "'accel.quantized_matmul' op expects a_scale dim 0 to match a"
// CHECK:         %[[AV:.+]] = linalg.generic
// CHECK-SAME:        outs(%{{.+}} : tensor<?x4x16xbf16>)
// CHECK:         %[[BV:.+]] = tensor.expand_shape %[[B]] {{\[}}[0, 1], [2]] output_shape [4, 16, 16]
// CHECK:         %[[ACC:.+]] = linalg.generic
// CHECK-SAME:        iterator_types = ["parallel", "parallel", "reduction", "reduction"]
// CHECK-SAME:        ins(%[[AV]], %[[BV]], %[[BS]] : tensor<?x4x16xbf16>, tensor<4x16x16xi4>, tensor<4x16xf32>) outs(%{{.+}} : tensor<?x16xf32>)
// CHECK:           %[[W:.+]] = arith.sitofp %{{.+}} : i4 to f32
// CHECK:           %[[WS:.+]] = arith.mulf %[[W]]
// CHECK:           %[[X:.+]] = arith.extf %{{.+}} : bf16 to f32
// CHECK:           %[[T:.+]] = arith.mulf %[[X]], %[[WS]]
// CHECK:           arith.addf %{{.+}}, %[[T]]
// CHECK:         %[[OUT:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[ACC]], %[[AS]] : tensor<?x16xf32>, tensor<?xf32>) outs(%{{.+}} : tensor<?x16xbf16>)
// CHECK:           %[[M:.+]] = arith.mulf
// CHECK:           arith.truncf %[[M]] : f32 to bf16
// CHECK:         return %[[OUT]]
// CHECK-NOT:     accel.
func.func @qmm_w4a16(%a: tensor<?x64xbf16>, %as: tensor<?xf32>, %b: tensor<64x16xi4>, %bs: tensor<4x16xf32>) -> tensor<?x16xbf16> {
  %y = accel.quantized_matmul %a, %as, %b, %bs : (tensor<?x64xbf16>, tensor<?xf32>, tensor<64x16xi4>, tensor<4x16xf32>) -> tensor<?x16xbf16>
  return %y : tensor<?x16xbf16>
}

// -----

// W4A16 with a per-channel b_scale: no group loop.
// CHECK-LABEL: func.func @qmm_w4a16_channel(
// CHECK-SAME:      %[[A:[a-z0-9]+]]: tensor<3x64xf16>, %[[AS:[a-z0-9]+]]: tensor<f32>, %[[B:[a-z0-9]+]]: tensor<16x64xi4>, %[[BS:[a-z0-9]+]]: tensor<16xf32>)
// CHECK:         %[[ACC:.+]] = linalg.generic
// CHECK-SAME:        iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:        ins(%[[A]], %[[B]], %[[BS]] : tensor<3x64xf16>, tensor<16x64xi4>, tensor<16xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:        ins(%[[ACC]], %[[AS]] : tensor<3x16xf32>, tensor<f32>) outs(%{{.+}} : tensor<3x16xf32>)
// CHECK-NOT:     accel.
func.func @qmm_w4a16_channel(%a: tensor<3x64xf16>, %as: tensor<f32>, %b: tensor<16x64xi4>, %bs: tensor<16xf32>) -> tensor<3x16xf32> {
  %y = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true} : (tensor<3x64xf16>, tensor<f32>, tensor<16x64xi4>, tensor<16xf32>) -> tensor<3x16xf32>
  return %y : tensor<3x16xf32>
}

// -----

// W4A8 with every size dynamic: run-time checks, the group size computed
// from b_scale, a and b gathered as [M, G, K/G] and [N, G, K/G].
// CHECK-LABEL: func.func @qmm_w4a8_dynamic(
// CHECK-SAME:      %[[A:[a-z0-9]+]]: tensor<?x?xi8>, %[[AS:[a-z0-9]+]]: tensor<f32>, %[[B:[a-z0-9]+]]: tensor<?x?xi4>, %[[BS:[a-z0-9]+]]: tensor<?x?xf32>)
// CHECK:         cf.assert %{{.+}}, "'accel.quantized_matmul' op expects the K of a and b to match"
// CHECK:         cf.assert %{{.+}}, "'accel.quantized_matmul' op expects b_scale to match the N of b"
// CHECK:         %[[G:.+]] = tensor.dim %[[BS]]
// CHECK:         %[[POS:.+]] = arith.cmpi sgt, %[[G]]
// CHECK:         cf.assert %[[POS]], "'accel.quantized_matmul' op expects a positive number of scale groups of b that divides K"
// CHECK:         %[[REM:.+]] = arith.remui %{{.+}}, %[[G]]
// CHECK:         cf.assert %{{.+}}, "'accel.quantized_matmul' op expects a positive number of scale groups of b that divides K"
// CHECK:         %[[GS:.+]] = arith.divui %{{.+}}, %[[G]]
// CHECK:         %[[AV:.+]] = linalg.generic
// CHECK-SAME:        outs(%{{.+}} : tensor<?x?x?xi8>)
// CHECK:           tensor.extract %[[A]]
// CHECK:         %[[BV:.+]] = linalg.generic
// CHECK-SAME:        outs(%{{.+}} : tensor<?x?x?xi4>)
// CHECK:           tensor.extract %[[B]]
// CHECK:         %[[P:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[AV]], %[[BV]] : tensor<?x?x?xi8>, tensor<?x?x?xi4>) outs(%{{.+}} : tensor<?x?x?xi32>)
// CHECK:           arith.extsi %{{.+}} : i4 to i32
// CHECK:           arith.extsi %{{.+}} : i8 to i32
// CHECK:           arith.muli
// CHECK:           arith.addi
// CHECK:         %[[OUT:.+]] = linalg.generic
// CHECK-SAME:        ins(%[[P]], %[[AS]], %[[BS]] : tensor<?x?x?xi32>, tensor<f32>, tensor<?x?xf32>)
// CHECK:         return %[[OUT]]
// CHECK-NOT:     accel.
func.func @qmm_w4a8_dynamic(%a: tensor<?x?xi8>, %as: tensor<f32>, %b: tensor<?x?xi4>, %bs: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %y = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true} : (tensor<?x?xi8>, tensor<f32>, tensor<?x?xi4>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// The reference folds nothing (DialectConversionFoldingMode::Never): the
// quantize(dequantize(q, s), s) that accel's folder turns into q (see
// test/Dialect/Accel/canonicalize.mlir) is lowered as written, both ops, so
// the fold can be checked against it.

// CHECK-LABEL: func.func @negative_fold_quantize_of_dequantize
// CHECK-SAME: (%[[Q:.+]]: tensor<4x8xi8>, %[[S:.+]]: tensor<4xf32>)
// CHECK: %[[X:.+]] = linalg.generic
// CHECK-SAME: ins(%[[Q]], %[[S]] : tensor<4x8xi8>, tensor<4xf32>)
// CHECK: arith.mulf
// CHECK: %[[R:.+]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[S]] : tensor<4x8xf32>, tensor<4xf32>)
// CHECK: math.roundeven
// CHECK: return %[[R]] : tensor<4x8xi8>
func.func @negative_fold_quantize_of_dequantize(%q: tensor<4x8xi8>, %s: tensor<4xf32>) -> tensor<4x8xi8> {
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64} : (tensor<4x8xi8>, tensor<4xf32>) -> tensor<4x8xf32>
  %r, %rs = accel.quantize %x, %s {dtype = i8, granularity = "channel", axis = 0 : i64} : (tensor<4x8xf32>, tensor<4xf32>) -> (tensor<4x8xi8>, tensor<4xf32>)
  return %r : tensor<4x8xi8>
}
