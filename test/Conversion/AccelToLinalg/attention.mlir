// RUN: accel-opt %s --accel-to-linalg -split-input-file | FileCheck %s

// Scores (q k^T over d), scale, row max, exp, row sum, p v and the division
// by the row sum, in f32 over the query heads viewed as [B, Hkv, G, ...].

// CHECK-DAG: #[[$Q5:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>
// CHECK-DAG: #[[$KV:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d5)>
// CHECK-DAG: #[[$S5:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[$ID5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[$ROW5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @plain(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<2x4x8x16xf32>, %[[K:[^:]+]]: tensor<2x4x10x16xf32>, %[[V:[^:]+]]: tensor<2x4x10x8xf32>)
// CHECK: %[[Q5V:.+]] = tensor.expand_shape %[[Q]] {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 4, 1, 8, 16]
// CHECK: %[[SCALE:.+]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[QK:.+]] = linalg.generic {indexing_maps = [#[[$Q5]], #[[$KV]], #[[$S5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[Q5V]], %[[K]] :
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[S:.+]] = linalg.generic {{.*}} outs(%[[QK]] : tensor<2x4x1x8x10xf32>)
// CHECK: arith.mulf %{{.+}}, %[[SCALE]]
// CHECK: %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[$ID5]], #[[$ROW5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[S]]
// CHECK: arith.maximumf
// CHECK: %[[P:.+]] = linalg.generic {{.*}} ins(%[[MAX]] : {{.*}}) outs(%[[S]] :
// CHECK: arith.cmpf oeq, %{{.+}}, %{{.+}} : f32
// CHECK: math.exp
// CHECK: %[[SUM:.+]] = linalg.generic {{.*}} ins(%[[P]] :
// CHECK: arith.addf
// CHECK: %[[PV:.+]] = linalg.generic {indexing_maps = [#[[$S5]], #[[$KV]], #[[$Q5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "parallel"]} ins(%[[P]], %[[V]] :
// CHECK: %[[OUT:.+]] = linalg.generic {{.*}} ins(%[[PV]], %[[SUM]] :
// CHECK: arith.divf
// CHECK: arith.select
// CHECK: %[[R:.+]] = tensor.collapse_shape %[[OUT]] {{\[}}[0], [1, 2], [3], [4]] : tensor<2x4x1x8x8xf32> into tensor<2x4x8x8xf32>
// CHECK: return %[[R]]
// CHECK-NOT: accel.
func.func @plain(%q: tensor<2x4x8x16xf32>, %k: tensor<2x4x10x16xf32>, %v: tensor<2x4x10x8xf32>) -> tensor<2x4x8x8xf32> {
  %o = accel.attention %q, %k, %v : (tensor<2x4x8x16xf32>, tensor<2x4x10x16xf32>, tensor<2x4x10x8xf32>) -> tensor<2x4x8x8xf32>
  return %o : tensor<2x4x8x8xf32>
}

// -----

// lse = m + log(l), -inf where l = 0; GQA expands 8 query heads to [2, 4].

// CHECK-LABEL: func.func @lse_gqa(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x8x5x4xbf16>
// CHECK: tensor.expand_shape %[[Q]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 4, 5, 4] : tensor<1x8x5x4xbf16> into tensor<1x2x4x5x4xbf16>
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: linalg.generic
// CHECK: arith.extf %{{.+}} : bf16 to f32
// CHECK: arith.extf %{{.+}} : bf16 to f32
// CHECK: %[[OUT:.+]] = linalg.generic {{.*}} ins(%{{.+}}, %{{.+}} : tensor<1x2x4x5x3xf32>, tensor<1x2x4x5xf32>)
// CHECK: arith.divf
// CHECK: arith.truncf %{{.+}} : f32 to bf16
// CHECK: %[[O:.+]] = tensor.collapse_shape %[[OUT]] {{.*}} into tensor<1x8x5x3xbf16>
// CHECK: %[[LSE:.+]] = linalg.generic
// CHECK: %[[NINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[EMPTY:.+]] = arith.cmpf oeq
// CHECK: %[[LOG:.+]] = math.log
// CHECK: %[[SUM:.+]] = arith.addf %{{.+}}, %[[LOG]]
// CHECK: arith.select %[[EMPTY]], %[[NINF]], %[[SUM]]
// CHECK: %[[L:.+]] = tensor.collapse_shape %[[LSE]] {{\[}}[0], [1, 2], [3]] : tensor<1x2x4x5xf32> into tensor<1x8x5xf32>
// CHECK: return %[[O]], %[[L]]
func.func @lse_gqa(%q: tensor<1x8x5x4xbf16>, %k: tensor<1x2x7x4xbf16>, %v: tensor<1x2x7x3xbf16>) -> (tensor<1x8x5x3xbf16>, tensor<1x8x5xf32>) {
  %o, %l = accel.attention %q, %k, %v : (tensor<1x8x5x4xbf16>, tensor<1x2x7x4xbf16>, tensor<1x2x7x3xbf16>) -> (tensor<1x8x5x3xbf16>, tensor<1x8x5xf32>)
  return %o, %l : tensor<1x8x5x3xbf16>, tensor<1x8x5xf32>
}

// -----

// causal: visible iff j + Sq <= i + Sk, masked scores are -inf.

// CHECK-LABEL: func.func @causal(
// CHECK-DAG: %[[SQ:.+]] = arith.constant 3 : index
// CHECK-DAG: %[[SK:.+]] = arith.constant 6 : index
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
// CHECK: %[[SCALED:.+]] = arith.mulf
// CHECK: %[[I:.+]] = linalg.index 3 : index
// CHECK: %[[J:.+]] = linalg.index 4 : index
// CHECK: %[[LHS:.+]] = arith.addi %[[J]], %[[SQ]] : index
// CHECK: %[[RHS:.+]] = arith.addi %[[I]], %[[SK]] : index
// CHECK: %[[VIS:.+]] = arith.cmpi ule, %[[LHS]], %[[RHS]] : index
// CHECK: %[[NINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: arith.select %[[VIS]], %[[SCALED]], %[[NINF]] : f32
func.func @causal(%q: tensor<1x1x3x2xf32>, %k: tensor<1x1x6x2xf32>, %v: tensor<1x1x6x2xf32>) -> tensor<1x1x3x2xf32> {
  %o = accel.attention %q, %k, %v {causal = true, scale = 1.0 : f32} : (tensor<1x1x3x2xf32>, tensor<1x1x6x2xf32>, tensor<1x1x6x2xf32>) -> tensor<1x1x3x2xf32>
  return %o : tensor<1x1x3x2xf32>
}

// -----

// head_shard: the query head is kh * G + g; kb mod S == h mod S or
// 0 <= qb - kb < L, ANDed with causal. Positions are aligned bottom-right:
// qb = floor((i + Sk - Sq) / Bk), signed (i + Sk - Sq < 0 when Sq > Sk),
// with floor division built from truncating ones; kb = j / Bk.

// CHECK-LABEL: func.func @head_shard_causal(
// CHECK-DAG: %[[G:.+]] = arith.constant 2 : index
// CHECK-DAG: %[[SQ:.+]] = arith.constant 64 : index
// CHECK: linalg.generic
// CHECK: %[[I:.+]] = linalg.index 3 : index
// CHECK: %[[J:.+]] = linalg.index 4 : index
// CHECK: %[[CAUSAL:.+]] = arith.cmpi ule
// CHECK: %[[KH:.+]] = linalg.index 1 : index
// CHECK: %[[GI:.+]] = linalg.index 2 : index
// CHECK: %[[KHG:.+]] = arith.muli %[[KH]], %[[G]] : index
// CHECK: %[[H:.+]] = arith.addi %[[KHG]], %[[GI]] : index
// CHECK-DAG: %[[BK:.+]] = arith.constant 16 : index
// CHECK-DAG: %[[S:.+]] = arith.constant 3 : index
// CHECK: %[[ISK:.+]] = arith.addi %[[I]], %{{.+}} : index
// CHECK: %[[POS:.+]] = arith.subi %[[ISK]], %{{.+}} : index
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[ONE:.+]] = arith.constant 1 : index
// CHECK: %[[NEG:.+]] = arith.cmpi slt, %[[POS]], %[[ZERO]] : index
// CHECK: %[[TRUNC:.+]] = arith.divsi %[[POS]], %[[BK]] : index
// CHECK: %[[POS1:.+]] = arith.addi %[[POS]], %[[ONE]] : index
// CHECK: %[[TRUNC1:.+]] = arith.divsi %[[POS1]], %[[BK]] : index
// CHECK: %[[BELOW:.+]] = arith.subi %[[TRUNC1]], %[[ONE]] : index
// CHECK: %[[QB:.+]] = arith.select %[[NEG]], %[[BELOW]], %[[TRUNC]] : index
// CHECK: %[[KB:.+]] = arith.divui %[[J]], %[[BK]] : index
// CHECK: %[[KM:.+]] = arith.remui %[[KB]], %[[S]] : index
// CHECK: %[[HM:.+]] = arith.remui %[[H]], %[[S]] : index
// CHECK: %[[OWN:.+]] = arith.cmpi eq, %[[KM]], %[[HM]] : index
// CHECK: %[[DIST:.+]] = arith.subi %[[QB]], %[[KB]] : index
// CHECK: %[[BEHIND:.+]] = arith.cmpi sge, %[[DIST]], %[[ZERO]] : index
// CHECK: %[[L:.+]] = arith.constant 2 : index
// CHECK: %[[NEAR:.+]] = arith.cmpi slt, %[[DIST]], %[[L]] : index
// CHECK: %[[LOCAL:.+]] = arith.andi %[[BEHIND]], %[[NEAR]] : i1
// CHECK: %[[SHARD:.+]] = arith.ori %[[OWN]], %[[LOCAL]] : i1
// CHECK: %[[VIS:.+]] = arith.andi %[[CAUSAL]], %[[SHARD]] : i1
// CHECK: arith.select %[[VIS]]
func.func @head_shard_causal(%q: tensor<1x4x64x8xf16>, %k: tensor<1x2x64x8xf16>, %v: tensor<1x2x64x8xf16>) -> tensor<1x4x64x8xf32> {
  %o = accel.attention %q, %k, %v {causal = true, sparsity = #accel.head_shard<num_shards = 3, block = 16, local_blocks = 2>}
      : (tensor<1x4x64x8xf16>, tensor<1x2x64x8xf16>, tensor<1x2x64x8xf16>) -> tensor<1x4x64x8xf32>
  return %o : tensor<1x4x64x8xf32>
}

// -----

// A bias [Sk] is read along the key dim; a static 1 stretches.

// CHECK-DAG: #[[$BIASMAP:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d4)>
// CHECK-DAG: #[[$ROWMAP:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d3, 0)>
// CHECK-LABEL: func.func @bias_keys(
// CHECK-SAME: %[[BIAS:[^:]+]]: tensor<6xf16>
// CHECK: linalg.generic {indexing_maps = [#[[$BIASMAP]], {{.+}}]{{.*}} ins(%[[BIAS]] : tensor<6xf16>)
// CHECK: %[[SCALED:.+]] = arith.mulf
// CHECK: %[[B32:.+]] = arith.extf %{{.+}} : f16 to f32
// CHECK: arith.addf %[[SCALED]], %[[B32]] : f32
func.func @bias_keys(%q: tensor<1x1x3x2xf16>, %k: tensor<1x1x6x2xf16>, %v: tensor<1x1x6x2xf16>, %bias: tensor<6xf16>) -> tensor<1x1x3x2xf16> {
  %o = accel.attention %q, %k, %v, %bias : (tensor<1x1x3x2xf16>, tensor<1x1x6x2xf16>, tensor<1x1x6x2xf16>, tensor<6xf16>) -> tensor<1x1x3x2xf16>
  return %o : tensor<1x1x3x2xf16>
}

// CHECK-LABEL: func.func @bias_rows(
// CHECK-SAME: %[[BIAS:[^:]+]]: tensor<3x1xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ROWMAP]], {{.+}}]{{.*}} ins(%[[BIAS]] : tensor<3x1xf32>)
func.func @bias_rows(%q: tensor<1x1x3x2xf32>, %k: tensor<1x1x6x2xf32>, %v: tensor<1x1x6x2xf32>, %bias: tensor<3x1xf32>) -> tensor<1x1x3x2xf32> {
  %o = accel.attention %q, %k, %v, %bias : (tensor<1x1x3x2xf32>, tensor<1x1x6x2xf32>, tensor<1x1x6x2xf32>, tensor<3x1xf32>) -> tensor<1x1x3x2xf32>
  return %o : tensor<1x1x3x2xf32>
}

// -----

// A bias with a full query-head dim is expanded to [Hkv, G] with the queries.

// CHECK-DAG: #[[$BIASMAP:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @bias_heads(
// CHECK-SAME: %[[BIAS:[^:]+]]: tensor<1x4x3x6xf32>
// CHECK: %[[B5:.+]] = tensor.expand_shape %[[BIAS]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 2, 3, 6]
// CHECK: linalg.generic {indexing_maps = [#[[$BIASMAP]], {{.+}}]{{.*}} ins(%[[B5]] : tensor<1x2x2x3x6xf32>)
func.func @bias_heads(%q: tensor<2x4x3x2xf32>, %k: tensor<2x2x6x2xf32>, %v: tensor<2x2x6x2xf32>, %bias: tensor<1x4x3x6xf32>) -> tensor<2x4x3x2xf32> {
  %o = accel.attention %q, %k, %v, %bias : (tensor<2x4x3x2xf32>, tensor<2x2x6x2xf32>, tensor<2x2x6x2xf32>, tensor<1x4x3x6xf32>) -> tensor<2x4x3x2xf32>
  return %o : tensor<2x4x3x2xf32>
}

// -----

// f8 inputs are widened inside the generics, on the bit level (upstream has
// no LLVM lowering of extf from f8).

// CHECK-LABEL: func.func @f8(
// CHECK-NOT: arith.extf %{{.+}} : f8E4M3FN
// CHECK: arith.bitcast %{{.+}} : f8E4M3FN to i8
// CHECK: arith.bitcast %{{.+}} : f8E4M3FN to i8
// CHECK: arith.bitcast %{{.+}} : f8E4M3FN to i8
func.func @f8(%q: tensor<1x1x3x2xf8E4M3FN>, %k: tensor<1x1x6x2xf8E4M3FN>, %v: tensor<1x1x6x2xf8E4M3FN>) -> tensor<1x1x3x2xf16> {
  %o = accel.attention %q, %k, %v : (tensor<1x1x3x2xf8E4M3FN>, tensor<1x1x6x2xf8E4M3FN>, tensor<1x1x6x2xf8E4M3FN>) -> tensor<1x1x3x2xf16>
  return %o : tensor<1x1x3x2xf16>
}

// -----

// Dynamic sizes: run-time checks, G = Hq / Hkv and 1/sqrt(D) computed at run
// time; with Hq and Hkv both dynamic the queries are gathered into
// [B, Hkv, G, ...] (no expand_shape with two dynamic sizes in one group).

// CHECK-LABEL: func.func @dynamic(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<?x?x?x?xf32>, %[[K:[^:]+]]: tensor<?x?x?x?xf32>, %[[V:[^:]+]]: tensor<?x?x?x?xf32>)
// CHECK: cf.assert %{{.+}}, "'accel.attention' op expects the batch sizes of the operands and results to agree"
// CHECK: cf.assert %{{.+}}, "'accel.attention' op expects the kv head sizes of the operands and results to agree"
// CHECK: cf.assert %{{.+}}, "'accel.attention' op expects the key length sizes of the operands and results to agree"
// CHECK: cf.assert %{{.+}}, "'accel.attention' op expects the head dim sizes of the operands and results to agree"
// CHECK: cf.assert %{{.+}}, "'accel.attention' op expects at least one kv head"
// CHECK: %[[REM:.+]] = arith.remui
// CHECK: cf.assert %{{.+}}, "'accel.attention' op expects the query heads to be a multiple of the kv heads"
// CHECK: %[[G:.+]] = arith.divui
// CHECK: %[[Q5:.+]] = linalg.generic
// CHECK: tensor.extract %[[Q]]
// CHECK: math.sqrt
// CHECK: %[[SCALE:.+]] = arith.divf
// CHECK: linalg.generic {{.*}} ins(%[[Q5]], %[[K]] : tensor<?x?x?x?x?xf32>, tensor<?x?x?x?xf32>)
// CHECK-NOT: tensor.expand_shape
// CHECK: tensor.collapse_shape
// CHECK-NOT: accel.
func.func @dynamic(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %o = accel.attention %q, %k, %v : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  return %o : tensor<?x?x?x?xf32>
}

// -----

// Static sizes known from any operand or result refine the others; a result
// more static than the inputs is reached with tensor.cast.

// CHECK-LABEL: func.func @mixed(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<?x4x?x8xf32>, %[[K:[^:]+]]: tensor<2x?x5x8xf32>
// CHECK: %[[C2:.+]] = arith.constant 2 : index
// CHECK: %[[B:.+]] = tensor.dim %[[Q]], %{{.+}} : tensor<?x4x?x8xf32>
// CHECK: %[[SAME:.+]] = arith.cmpi eq, %[[B]], %[[C2]] : index
// CHECK: cf.assert %[[SAME]], "'accel.attention' op expects the batch sizes of the operands and results to agree"
// CHECK: %[[QC:.+]] = tensor.cast %[[Q]] : tensor<?x4x?x8xf32> to tensor<2x4x3x8xf32>
// CHECK: tensor.expand_shape %[[QC]] {{.*}} output_shape [2, 2, 2, 3, 8]
// CHECK: %[[KC:.+]] = tensor.cast %[[K]] : tensor<2x?x5x8xf32> to tensor<2x2x5x8xf32>
// CHECK: arith.constant 0.353553385 : f32
// CHECK: tensor.collapse_shape
// CHECK-SAME: into tensor<2x4x3x8xf32>
func.func @mixed(%q: tensor<?x4x?x8xf32>, %k: tensor<2x?x5x8xf32>, %v: tensor<?x2x?x8xf32>) -> tensor<2x4x3x8xf32> {
  %o = accel.attention %q, %k, %v : (tensor<?x4x?x8xf32>, tensor<2x?x5x8xf32>, tensor<?x2x?x8xf32>) -> tensor<2x4x3x8xf32>
  return %o : tensor<2x4x3x8xf32>
}

// -----

// attention_grad: P recomputed from lse (0 where masked or lse = -inf),
// D = rowsum(dout * out), dV = P^T dout and dK = dS^T q reduce over (g, i),
// dP = dout v^T, dS = P * (dP - D), dQ = dS k; the scale multiplies dq and
// dk once, each gradient is rounded once.

// CHECK-DAG: #[[$Q5:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>
// CHECK-DAG: #[[$KV:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d5)>
// CHECK-DAG: #[[$S5:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @grad(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x3x2xf16>, %[[K:[^:]+]]: tensor<1x2x5x2xf16>, %[[V:[^:]+]]: tensor<1x2x5x3xf16>, %[[O:[^:]+]]: tensor<1x4x3x3xf16>, %[[L:[^:]+]]: tensor<1x4x3xf32>, %[[DO:[^:]+]]: tensor<1x4x3x3xf16>)
// CHECK-DAG: %[[Q5V:.+]] = tensor.expand_shape %[[Q]]
// CHECK-DAG: %[[O5:.+]] = tensor.expand_shape %[[O]]
// CHECK-DAG: %[[DO5:.+]] = tensor.expand_shape %[[DO]]
// CHECK-DAG: %[[L4:.+]] = tensor.expand_shape %[[L]]
// CHECK: %[[SCALE:.+]] = arith.constant 0.707106769 : f32
// CHECK: %[[QK:.+]] = linalg.generic {indexing_maps = [#[[$Q5]], #[[$KV]], #[[$S5]]]{{.*}} ins(%[[Q5V]], %[[K]] :
// CHECK: %[[P:.+]] = linalg.generic {{.*}} ins(%[[L4]] : tensor<1x2x2x3xf32>) outs(%[[QK]] :
// CHECK: math.exp
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpi ule
// CHECK: arith.xori
// CHECK: arith.ori
// CHECK: arith.select
// CHECK: %[[D:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[DO5]], %[[O5]] :
// CHECK: %[[DV:.+]] = linalg.generic {indexing_maps = [#[[$S5]], #[[$Q5]], #[[$KV]]], iterator_types = ["parallel", "parallel", "reduction", "reduction", "parallel", "parallel"]} ins(%[[P]], %[[DO5]] :
// CHECK: %[[DP:.+]] = linalg.generic {indexing_maps = [#[[$Q5]], #[[$KV]], #[[$S5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[DO5]], %[[V]] :
// CHECK: %[[DS:.+]] = linalg.generic {{.*}} ins(%[[P]], %[[D]] : {{.*}}) outs(%[[DP]] :
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: %[[DQ:.+]] = linalg.generic {indexing_maps = [#[[$S5]], #[[$KV]], #[[$Q5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "parallel"]} ins(%[[DS]], %[[K]] :
// CHECK: %[[DK:.+]] = linalg.generic {indexing_maps = [#[[$S5]], #[[$Q5]], #[[$KV]]], iterator_types = ["parallel", "parallel", "reduction", "reduction", "parallel", "parallel"]} ins(%[[DS]], %[[Q5V]] :
// CHECK: %[[DQR:.+]] = linalg.generic {{.*}} ins(%[[DQ]] :
// CHECK: arith.mulf %{{.+}}, %[[SCALE]]
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK: %[[DQC:.+]] = tensor.collapse_shape %[[DQR]] {{.*}} into tensor<1x4x3x2xf16>
// CHECK: %[[DKR:.+]] = linalg.generic {{.*}} ins(%[[DK]] :
// CHECK: arith.mulf %{{.+}}, %[[SCALE]]
// CHECK: %[[DVR:.+]] = linalg.generic {{.*}} ins(%[[DV]] :
// CHECK-NOT: arith.mulf
// CHECK: arith.truncf %{{.+}} : f32 to bf16
// CHECK: return %[[DQC]], %[[DKR]], %[[DVR]]
// CHECK-NOT: accel.
func.func @grad(%q: tensor<1x4x3x2xf16>, %k: tensor<1x2x5x2xf16>, %v: tensor<1x2x5x3xf16>,
                %o: tensor<1x4x3x3xf16>, %l: tensor<1x4x3xf32>, %do: tensor<1x4x3x3xf16>)
    -> (tensor<1x4x3x2xf16>, tensor<1x2x5x2xf32>, tensor<1x2x5x3xbf16>) {
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %l, %do {causal = true}
      : (tensor<1x4x3x2xf16>, tensor<1x2x5x2xf16>, tensor<1x2x5x3xf16>, tensor<1x4x3x3xf16>,
         tensor<1x4x3xf32>, tensor<1x4x3x3xf16>)
      -> (tensor<1x4x3x2xf16>, tensor<1x2x5x2xf32>, tensor<1x2x5x3xbf16>)
  return %dq, %dk, %dv : tensor<1x4x3x2xf16>, tensor<1x2x5x2xf32>, tensor<1x2x5x3xbf16>
}

// -----

// attention_grad with dynamic sizes: the same run-time checks, including
// those of out, lse, dout and the declared gradients.

// CHECK-LABEL: func.func @grad_dynamic(
// CHECK: cf.assert %{{.+}}, "'accel.attention_grad' op expects the batch sizes of the operands and results to agree"
// CHECK: cf.assert %{{.+}}, "'accel.attention_grad' op expects the query length sizes of the operands and results to agree"
// CHECK: cf.assert %{{.+}}, "'accel.attention_grad' op expects the query heads to be a multiple of the kv heads"
// CHECK: math.sqrt
// CHECK-NOT: accel.
func.func @grad_dynamic(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>,
                        %o: tensor<?x?x?x?xf32>, %l: tensor<?x?x?xf32>, %do: tensor<?x?x?x?xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %l, %do
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>,
         tensor<?x?x?xf32>, tensor<?x?x?x?xf32>)
      -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>)
  return %dq, %dk, %dv : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}
