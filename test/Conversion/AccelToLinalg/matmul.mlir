// RUN: accel-opt %s --accel-to-linalg -split-input-file | FileCheck %s

// Plain f32 matmul: one linalg.matmul accumulating into a zero-filled f32
// tensor, no epilogue.

// CHECK-LABEL: func.func @matmul_f32
// CHECK-SAME: (%[[A:.+]]: tensor<4x8xf32>, %[[B:.+]]: tensor<8x5xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<4x5xf32>)
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x5xf32>) outs(%[[ACC]] : tensor<4x5xf32>)
// CHECK-NOT: linalg.generic
// CHECK-NOT: accel.
// CHECK: return %[[MM]] : tensor<4x5xf32>
func.func @matmul_f32(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %0 = accel.matmul %a, %b : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// transpose_b reads b as [N, K]; the generic form of the contract is
// accepted as well.

// CHECK-DAG: #[[$B:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @matmul_transpose_b
// CHECK: linalg.contract indexing_maps = [#{{.+}}, #[[$B]], #{{.+}}]
// CHECK-SAME: ins(%{{.+}}, %{{.+}} : tensor<4x8xf32>, tensor<5x8xf32>)
// CHECK-NOT: accel.
// CHECK: return
func.func @matmul_transpose_b(%a: tensor<4x8xf32>, %b: tensor<5x8xf32>) -> tensor<4x5xf32> {
  %0 = "accel.matmul"(%a, %b) <{transpose_b = true}> : (tensor<4x8xf32>, tensor<5x8xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// f16 inputs are extended to f32 in the contraction; the bias (here of the
// inputs' type) is added in f32 after the reduction, and the sum is rounded
// once to bf16.

// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$COL:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @matmul_bias_f16_to_bf16
// CHECK-SAME: (%[[A:.+]]: tensor<4x8xf16>, %[[B:.+]]: tensor<8x5xf16>, %[[BIAS:.+]]: tensor<5xf16>)
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<4x8xf16>, tensor<8x5xf16>) outs(%{{.+}} : tensor<4x5xf32>)
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<4x5xbf16>
// CHECK: %[[RES:.+]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[$ID]], #[[$COL]], #[[$ID]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel"]
// CHECK-SAME: ins(%[[MM]], %[[BIAS]] : tensor<4x5xf32>, tensor<5xf16>) outs(%[[INIT]] : tensor<4x5xbf16>)
// CHECK: ^bb0(%[[V:.+]]: f32, %[[BV:.+]]: f16, %{{.+}}: bf16):
// CHECK: %[[BE:.+]] = arith.extf %[[BV]] : f16 to f32
// CHECK: %[[SUM:.+]] = arith.addf %[[V]], %[[BE]] : f32
// CHECK: %[[R:.+]] = arith.truncf %[[SUM]] : f32 to bf16
// CHECK: linalg.yield %[[R]] : bf16
// CHECK-NOT: accel.
// CHECK: return %[[RES]] : tensor<4x5xbf16>
func.func @matmul_bias_f16_to_bf16(%a: tensor<4x8xf16>, %b: tensor<8x5xf16>, %bias: tensor<5xf16>) -> tensor<4x5xbf16> {
  %0 = accel.matmul %a, %b, %bias : (tensor<4x8xf16>, tensor<8x5xf16>, tensor<5xf16>) -> tensor<4x5xbf16>
  return %0 : tensor<4x5xbf16>
}

// -----

// f16 x f16 -> f16 without a bias still rounds in a separate epilogue.

// CHECK-LABEL: func.func @matmul_f16_result
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK-NOT: accel.
// CHECK: return
func.func @matmul_f16_result(%a: tensor<4x8xf16>, %b: tensor<8x5xf16>) -> tensor<4x5xf16> {
  %0 = accel.matmul %a, %b : (tensor<4x8xf16>, tensor<8x5xf16>) -> tensor<4x5xf16>
  return %0 : tensor<4x5xf16>
}

// -----

// numpy batch broadcasting: a static 1 against 3 reads index 0; a missing
// leading batch dim of b is absent from its map.

// CHECK-DAG: #[[$A:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[$B:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[$C:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @matmul_batch_broadcast
// CHECK: linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x3x4x5xf32>)
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[$A]], #[[$B]], #[[$C]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
// CHECK-NOT: accel.
// CHECK: return
func.func @matmul_batch_broadcast(%a: tensor<2x1x4x8xf32>, %b: tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = accel.matmul %a, %b : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// A rank-2 b is shared by every batch of a (here a dynamic batch and M,
// which need no run-time check).

// CHECK-DAG: #[[$A:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[$B:.+]] = affine_map<(d0, d1, d2, d3) -> (d3, d2)>
// CHECK-LABEL: func.func @matmul_shared_b
// CHECK-SAME: (%[[A:.+]]: tensor<?x?x8xf32>, %[[B:.+]]: tensor<8x5xf32>)
// CHECK-NOT: cf.assert
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[D0:.+]] = tensor.dim %[[A]], %[[C0]]
// CHECK-DAG: %[[D1:.+]] = tensor.dim %[[A]], %[[C1]]
// CHECK: tensor.empty(%[[D0]], %[[D1]]) : tensor<?x?x5xf32>
// CHECK: linalg.contract indexing_maps = [#[[$A]], #[[$B]], #{{.+}}]
// CHECK-NOT: cf.assert
// CHECK-NOT: accel.
// CHECK: return
func.func @matmul_shared_b(%a: tensor<?x?x8xf32>, %b: tensor<8x5xf32>) -> tensor<?x?x5xf32> {
  %0 = accel.matmul %a, %b : (tensor<?x?x8xf32>, tensor<8x5xf32>) -> tensor<?x?x5xf32>
  return %0 : tensor<?x?x5xf32>
}

// -----

// A rank-2 a against a batched b: a has no batch dim in its map.

// CHECK-DAG: #[[$A:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-DAG: #[[$B:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-LABEL: func.func @matmul_shared_a
// CHECK: linalg.contract indexing_maps = [#[[$A]], #[[$B]], #{{.+}}]
// CHECK-SAME: outs(%{{.+}} : tensor<3x4x5xf32>)
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK-NOT: accel.
// CHECK: return %{{.+}} : tensor<3x4x5xf16>
func.func @matmul_shared_a(%a: tensor<4x8xbf16>, %b: tensor<3x8x5xbf16>) -> tensor<3x4x5xf16> {
  %0 = accel.matmul %a, %b : (tensor<4x8xbf16>, tensor<3x8x5xbf16>) -> tensor<3x4x5xf16>
  return %0 : tensor<3x4x5xf16>
}

// -----

// Dynamic K and a dynamic bias length are checked at run time.

// CHECK-LABEL: func.func @matmul_dynamic_k_bias
// CHECK-SAME: (%[[A:.+]]: tensor<4x?xf32>, %[[B:.+]]: tensor<?x?xf32>, %[[BIAS:.+]]: tensor<?xf32>)
// CHECK-DAG: %[[KB:.+]] = tensor.dim %[[B]], %{{.+}} : tensor<?x?xf32>
// CHECK-DAG: %[[KA:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<4x?xf32>
// CHECK: %[[SAMEK:.+]] = arith.cmpi eq, %[[KA]], %[[KB]] : index
// CHECK: cf.assert %[[SAMEK]], "'accel.matmul' op expects the reduction dims of a and b to match"
// CHECK: %[[LEN:.+]] = tensor.dim %[[BIAS]], %{{.+}} : tensor<?xf32>
// CHECK: %[[SAMEN:.+]] = arith.cmpi eq, %[[LEN]], %{{.+}} : index
// CHECK: cf.assert %[[SAMEN]], "'accel.matmul' op expects bias to have N elements"
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.+}}, %[[BIAS]] : tensor<4x?xf32>, tensor<?xf32>)
// CHECK-NOT: accel.
// CHECK: return
func.func @matmul_dynamic_k_bias(%a: tensor<4x?xf32>, %b: tensor<?x?xf32>, %bias: tensor<?xf32>) -> tensor<4x?xf32> {
  %0 = accel.matmul %a, %b, %bias : (tensor<4x?xf32>, tensor<?x?xf32>, tensor<?xf32>) -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

// Two dynamic batch dims: either may be 1 at run time. The sizes are checked
// to be equal or 1, the result takes the other one when a's is 1, and both
// operands are stretched by a copy that reads index 0 of a size-1 dim.

// CHECK-LABEL: func.func @matmul_dynamic_batch
// CHECK-SAME: (%[[A:.+]]: tensor<?x4x8xf32>, %[[B:.+]]: tensor<?x8x5xf32>)
// CHECK-DAG: %[[DA:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<?x4x8xf32>
// CHECK-DAG: %[[DB:.+]] = tensor.dim %[[B]], %{{.+}} : tensor<?x8x5xf32>
// CHECK-DAG: %[[AONE:.+]] = arith.cmpi eq, %[[DA]], %{{.+}} : index
// CHECK-DAG: %[[BONE:.+]] = arith.cmpi eq, %[[DB]], %{{.+}} : index
// CHECK-DAG: %[[EITHER:.+]] = arith.ori %[[AONE]], %[[BONE]] : i1
// CHECK-DAG: %[[SAME:.+]] = arith.cmpi eq, %[[DA]], %[[DB]] : index
// CHECK: %[[OK:.+]] = arith.ori %[[SAME]], %[[EITHER]] : i1
// CHECK: cf.assert %[[OK]], "'accel.matmul' op expects batch dim 0 of a and b to be equal or 1"
// CHECK: %[[BATCH:.+]] = arith.select %[[AONE]], %[[DB]], %[[DA]] : index
// CHECK: %[[AINIT:.+]] = tensor.empty(%[[BATCH]]) : tensor<?x4x8xf32>
// CHECK: %[[ABCAST:.+]] = linalg.generic
// CHECK-SAME: outs(%[[AINIT]] : tensor<?x4x8xf32>)
// CHECK: %[[I:.+]] = linalg.index 0 : index
// CHECK: %[[SEL:.+]] = arith.select %{{.+}}, %{{.+}}, %[[I]] : index
// CHECK: tensor.extract %[[A]][%[[SEL]], %{{.+}}, %{{.+}}] : tensor<?x4x8xf32>
// CHECK: %[[BINIT:.+]] = tensor.empty(%[[BATCH]]) : tensor<?x8x5xf32>
// CHECK: %[[BBCAST:.+]] = linalg.generic
// CHECK-SAME: outs(%[[BINIT]] : tensor<?x8x5xf32>)
// CHECK: tensor.extract %[[B]]
// CHECK: tensor.empty(%[[BATCH]]) : tensor<?x4x5xf32>
// CHECK: linalg.batch_matmul ins(%[[ABCAST]], %[[BBCAST]] : tensor<?x4x8xf32>, tensor<?x8x5xf32>)
// CHECK-NOT: accel.
// CHECK: return
func.func @matmul_dynamic_batch(%a: tensor<?x4x8xf32>, %b: tensor<?x8x5xf32>) -> tensor<?x4x5xf32> {
  %0 = accel.matmul %a, %b : (tensor<?x4x8xf32>, tensor<?x8x5xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// -----

// A dynamic batch dim against a static 3: only a is stretched, and the
// result batch is 3.

// CHECK-LABEL: func.func @matmul_dynamic_vs_static_batch
// CHECK-SAME: (%[[A:.+]]: tensor<?x4x8xf32>, %[[B:.+]]: tensor<3x8x5xf32>)
// CHECK: cf.assert %{{.+}}, "'accel.matmul' op expects batch dim 0 of a and b to be equal or 1"
// CHECK: %[[ABCAST:.+]] = linalg.generic
// CHECK: tensor.extract %[[A]]
// CHECK: linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<3x4x5xf32>)
// CHECK: linalg.batch_matmul ins(%[[ABCAST]], %[[B]] : tensor<3x4x8xf32>, tensor<3x8x5xf32>)
// CHECK-NOT: accel.
// CHECK: return
func.func @matmul_dynamic_vs_static_batch(%a: tensor<?x4x8xf32>, %b: tensor<3x8x5xf32>) -> tensor<?x4x5xf32> {
  %0 = accel.matmul %a, %b : (tensor<?x4x8xf32>, tensor<3x8x5xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// -----

// A declared result more static than the operands: the size is checked at
// run time and the result is built with the declared type.

// CHECK-LABEL: func.func @matmul_declared_static
// CHECK-SAME: (%[[A:.+]]: tensor<?x8xf32>, %[[B:.+]]: tensor<8x5xf32>)
// CHECK: %[[M:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<?x8xf32>
// CHECK: %[[OK:.+]] = arith.cmpi eq, %[[M]], %{{.+}} : index
// CHECK: cf.assert %[[OK]], "'accel.matmul' op expects result dim 0 to equal its declared size 4"
// CHECK: linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4x5xf32>)
// CHECK: %[[MM:.+]] = linalg.matmul
// CHECK-NOT: accel.
// CHECK: return %[[MM]] : tensor<4x5xf32>
func.func @matmul_declared_static(%a: tensor<?x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %0 = accel.matmul %a, %b : (tensor<?x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// A declared result less static than what the lowering builds gets a
// tensor.cast.

// CHECK-LABEL: func.func @matmul_declared_dynamic
// CHECK: %[[MM:.+]] = linalg.matmul
// CHECK: %[[CAST:.+]] = tensor.cast %[[MM]] : tensor<4x5xf32> to tensor<?x?xf32>
// CHECK: return %[[CAST]] : tensor<?x?xf32>
func.func @matmul_declared_dynamic(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<?x?xf32> {
  %0 = accel.matmul %a, %b : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
