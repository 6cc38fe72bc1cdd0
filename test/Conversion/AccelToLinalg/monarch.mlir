// RUN: accel-opt %s --accel-to-linalg -split-input-file | FileCheck %s

// block_diag_matmul: x's last dim is split into [nb, p], one contraction per
// block accumulates in f32, and [nb, q] is merged back.

// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG: #[[$Y:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @block_diag_f32
// CHECK-SAME: (%[[X:.+]]: tensor<4x12xf32>, %[[W:.+]]: tensor<3x5x4xf32>)
// CHECK-NOT: cf.assert
// CHECK: %[[XB:.+]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2]] output_shape [4, 3, 4] : tensor<4x12xf32> into tensor<4x3x4xf32>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4x3x5xf32>)
// CHECK: %[[Y:.+]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[$X]], #[[$W]], #[[$Y]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%[[XB]], %[[W]] : tensor<4x3x4xf32>, tensor<3x5x4xf32>) outs(%[[ACC]] : tensor<4x3x5xf32>)
// CHECK: ^bb0(%[[XV:.+]]: f32, %[[WV:.+]]: f32, %[[OUT:.+]]: f32):
// CHECK: %[[P:.+]] = arith.mulf %[[WV]], %[[XV]] : f32
// CHECK: arith.addf %[[OUT]], %[[P]] : f32
// CHECK: %[[R:.+]] = tensor.collapse_shape %[[Y]] {{\[}}[0], [1, 2]] : tensor<4x3x5xf32> into tensor<4x15xf32>
// CHECK-NOT: accel.
// CHECK: return %[[R]] : tensor<4x15xf32>
func.func @block_diag_f32(%x: tensor<4x12xf32>, %w: tensor<3x5x4xf32>) -> tensor<4x15xf32> {
  %0 = accel.block_diag_matmul %x, %w : (tensor<4x12xf32>, tensor<3x5x4xf32>) -> tensor<4x15xf32>
  return %0 : tensor<4x15xf32>
}

// -----

// No batch dims; bf16 inputs accumulate in f32 and round once to f16.

// CHECK-LABEL: func.func @block_diag_rank1_bf16_to_f16
// CHECK: tensor.expand_shape %{{.+}} {{\[}}[0, 1]] output_shape [2, 3] : tensor<6xbf16> into tensor<2x3xbf16>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: arith.extf %{{.+}} : bf16 to f32
// CHECK: arith.extf %{{.+}} : bf16 to f32
// CHECK: %[[Y:.+]] = linalg.generic
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK: %[[R:.+]] = tensor.collapse_shape %[[Y]] {{\[}}[0, 1]] : tensor<2x4xf16> into tensor<8xf16>
// CHECK-NOT: accel.
// CHECK: return %[[R]]
func.func @block_diag_rank1_bf16_to_f16(%x: tensor<6xbf16>, %w: tensor<2x4x3xbf16>) -> tensor<8xf16> {
  %0 = "accel.block_diag_matmul"(%x, %w) : (tensor<6xbf16>, tensor<2x4x3xbf16>) -> tensor<8xf16>
  return %0 : tensor<8xf16>
}

// -----

// Dynamic nb and p: x's last dim is checked against nb * p at run time.
// A split into two dynamic sizes is a copy that reads x[.., b * p + j]
// (LLVM 22 cannot lower a memref.expand_shape with two dynamic sizes in one
// group).

// CHECK-LABEL: func.func @block_diag_dynamic
// CHECK-SAME: (%[[X:.+]]: tensor<?x12xf32>, %[[W:.+]]: tensor<?x3x?xf32>)
// CHECK-DAG: %[[NB:.+]] = tensor.dim %[[W]], %{{.+}} : tensor<?x3x?xf32>
// CHECK-DAG: %[[P:.+]] = tensor.dim %[[W]], %{{.+}} : tensor<?x3x?xf32>
// CHECK: %[[NBP:.+]] = arith.muli %[[NB]], %[[P]] : index
// CHECK: %[[OK:.+]] = arith.cmpi eq, %{{.+}}, %[[NBP]] : index
// CHECK: cf.assert %[[OK]], "'accel.block_diag_matmul' op expects the last dim of x to equal nb * p"
// CHECK-NOT: tensor.expand_shape
// CHECK: %[[INIT:.+]] = tensor.empty(%{{.+}}, %[[NB]], %[[P]]) : tensor<?x?x?xf32>
// CHECK: %[[XB:.+]] = linalg.generic
// CHECK-SAME: outs(%[[INIT]] : tensor<?x?x?xf32>)
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: %[[I1:.+]] = linalg.index 1 : index
// CHECK: %[[S:.+]] = arith.muli %[[I1]], %[[P]] : index
// CHECK: %[[I2:.+]] = linalg.index 2 : index
// CHECK: %[[FLAT:.+]] = arith.addi %[[S]], %[[I2]] : index
// CHECK: tensor.extract %[[X]][%[[I0]], %[[FLAT]]] : tensor<?x12xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[XB]], %[[W]] : tensor<?x?x?xf32>, tensor<?x3x?xf32>)
// CHECK: tensor.collapse_shape %{{.+}} {{\[}}[0], [1, 2]] : tensor<?x?x3xf32> into tensor<?x?xf32>
// CHECK-NOT: accel.
// CHECK: return
func.func @block_diag_dynamic(%x: tensor<?x12xf32>, %w: tensor<?x3x?xf32>) -> tensor<?x?xf32> {
  %0 = accel.block_diag_matmul %x, %w : (tensor<?x12xf32>, tensor<?x3x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Only nb dynamic: a dynamic dim of the split, so a gather rather than a
// tensor.expand_shape (whose dynamic forms LLVM 22's CPU pipeline rejects or
// crashes on).

// CHECK-LABEL: func.func @block_diag_dynamic_nb
// CHECK-SAME: (%[[X:.+]]: tensor<?x12xf32>, %[[W:.+]]: tensor<?x3x4xf32>)
// CHECK: %[[NB:.+]] = tensor.dim %[[W]], %{{.+}} : tensor<?x3x4xf32>
// CHECK: cf.assert %{{.+}}, "'accel.block_diag_matmul' op expects the last dim of x to equal nb * p"
// CHECK-NOT: tensor.expand_shape
// CHECK: %[[B:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x12xf32>
// CHECK: %[[INIT:.+]] = tensor.empty(%{{.+}}, %[[NB]]) : tensor<?x?x4xf32>
// CHECK: %[[XB:.+]] = linalg.generic
// CHECK-SAME: outs(%[[INIT]] : tensor<?x?x4xf32>)
// CHECK: tensor.extract %[[X]]
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[XB]], %[[W]] : tensor<?x?x4xf32>, tensor<?x3x4xf32>)
// CHECK-NOT: accel.
// CHECK: return
func.func @block_diag_dynamic_nb(%x: tensor<?x12xf32>, %w: tensor<?x3x4xf32>) -> tensor<?x?xf32> {
  %0 = accel.block_diag_matmul %x, %w : (tensor<?x12xf32>, tensor<?x3x4xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Static nb and p against a dynamic last dim of x: checked, then cast to the
// static nb * p.

// CHECK-LABEL: func.func @block_diag_dynamic_x
// CHECK-SAME: (%[[X:.+]]: tensor<2x?xf32>, %[[W:.+]]: tensor<3x5x4xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<2x?xf32>
// CHECK: %[[OK:.+]] = arith.cmpi eq, %[[N]], %{{.+}} : index
// CHECK: cf.assert %[[OK]], "'accel.block_diag_matmul' op expects the last dim of x to equal nb * p"
// CHECK: %[[XC:.+]] = tensor.cast %[[X]] : tensor<2x?xf32> to tensor<2x12xf32>
// CHECK: tensor.expand_shape %[[XC]] {{\[}}[0], [1, 2]] output_shape [2, 3, 4] : tensor<2x12xf32> into tensor<2x3x4xf32>
// CHECK-NOT: accel.
// CHECK: return %{{.+}} : tensor<2x15xf32>
func.func @block_diag_dynamic_x(%x: tensor<2x?xf32>, %w: tensor<3x5x4xf32>) -> tensor<2x15xf32> {
  %0 = accel.block_diag_matmul %x, %w : (tensor<2x?xf32>, tensor<3x5x4xf32>) -> tensor<2x15xf32>
  return %0 : tensor<2x15xf32>
}

// -----

// monarch_matmul with k=2, q=3, p=2 and l=3, s=5, r=2 (k*q = l*r = 6): the
// first factor stays in f32, is viewed as [r, l] = [2, 3], and the second
// factor reads it transposed (t2[.., c, j] = t1[.., j, c]) and writes
// y[.., o, c], so that merging [s, l] puts u[.., c, o] at o*l + c.

// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d2, d3, d4)>
// CHECK-DAG: #[[$T1:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$T2:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d4, d2)>
// CHECK-DAG: #[[$Y:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d2)>
// CHECK-LABEL: func.func @monarch_f32
// CHECK-SAME: (%[[X:.+]]: tensor<2x7x4xf32>, %[[W1:.+]]: tensor<2x3x2xf32>, %[[W2:.+]]: tensor<3x5x2xf32>)
// CHECK-NOT: cf.assert
// CHECK: %[[XB:.+]] = tensor.expand_shape %[[X]] {{\[}}[0], [1], [2, 3]] output_shape [2, 7, 2, 2] : tensor<2x7x4xf32> into tensor<2x7x2x2xf32>
// CHECK: %[[T1:.+]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[$X]], #[[$W]], #[[$T1]]]
// CHECK-SAME: ins(%[[XB]], %[[W1]] : tensor<2x7x2x2xf32>, tensor<2x3x2xf32>) outs(%{{.+}} : tensor<2x7x2x3xf32>)
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[T1]] {{\[}}[0], [1], [2, 3]] : tensor<2x7x2x3xf32> into tensor<2x7x6xf32>
// CHECK: %[[VIEW:.+]] = tensor.expand_shape %[[FLAT]] {{\[}}[0], [1], [2, 3]] output_shape [2, 7, 2, 3] : tensor<2x7x6xf32> into tensor<2x7x2x3xf32>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x7x5x3xf32>)
// CHECK: %[[Y:.+]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[$W]], #[[$T2]], #[[$Y]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%[[W2]], %[[VIEW]] : tensor<3x5x2xf32>, tensor<2x7x2x3xf32>) outs(%[[ACC]] : tensor<2x7x5x3xf32>)
// CHECK: %[[R:.+]] = tensor.collapse_shape %[[Y]] {{\[}}[0], [1], [2, 3]] : tensor<2x7x5x3xf32> into tensor<2x7x15xf32>
// CHECK-NOT: accel.
// CHECK: return %[[R]] : tensor<2x7x15xf32>
func.func @monarch_f32(%x: tensor<2x7x4xf32>, %w1: tensor<2x3x2xf32>, %w2: tensor<3x5x2xf32>) -> tensor<2x7x15xf32> {
  %0 = accel.monarch_matmul %x, %w1, %w2 : (tensor<2x7x4xf32>, tensor<2x3x2xf32>, tensor<3x5x2xf32>) -> tensor<2x7x15xf32>
  return %0 : tensor<2x7x15xf32>
}

// -----

// f16 Monarch with dynamic factor sizes and a declared static batch: x's
// last dim against k * p, l * r against k * q and the batch against the
// declared 4 are checked at run time; t1 stays f32 between the factors and
// the result is rounded once. Splitting x into [k, p] and viewing t1 as
// [r, l] are copies, as each splits into two dynamic sizes.

// CHECK-LABEL: func.func @monarch_dynamic_f16
// CHECK-SAME: (%[[X:.+]]: tensor<?x?xf16>, %[[W1:.+]]: tensor<?x3x?xf16>, %[[W2:.+]]: tensor<?x5x?xf16>)
// CHECK: cf.assert %{{.+}}, "'accel.monarch_matmul' op expects the last dim of x to equal k * p of w1"
// CHECK: cf.assert %{{.+}}, "'accel.monarch_matmul' op expects l * r of w2 to equal k * q of w1"
// CHECK: cf.assert %{{.+}}, "'accel.monarch_matmul' op expects result dim 0 to equal its declared size 4"
// CHECK: %[[XB:.+]] = linalg.generic
// CHECK-SAME: outs(%{{.+}} : tensor<?x?x?xf16>)
// CHECK: tensor.extract %[[X]]
// CHECK: %[[T1:.+]] = linalg.generic
// CHECK-SAME: ins(%[[XB]], %[[W1]] : tensor<?x?x?xf16>, tensor<?x3x?xf16>) outs(%{{.+}} : tensor<?x?x3xf32>)
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[T1]] {{\[}}[0], [1, 2]] : tensor<?x?x3xf32> into tensor<?x?xf32>
// CHECK: %[[VIEW:.+]] = linalg.generic
// CHECK-SAME: outs(%{{.+}} : tensor<?x?x?xf32>)
// CHECK: tensor.extract %[[FLAT]]
// CHECK: %[[Y:.+]] = linalg.generic
// CHECK-SAME: ins(%[[W2]], %[[VIEW]] : tensor<?x5x?xf16>, tensor<?x?x?xf32>) outs(%{{.+}} : tensor<?x5x?xf32>)
// CHECK: ^bb0(%[[WV:.+]]: f16, %[[TV:.+]]: f32, %[[OUT:.+]]: f32):
// CHECK: %[[WE:.+]] = arith.extf %[[WV]] : f16 to f32
// CHECK: arith.mulf %[[WE]], %[[TV]] : f32
// CHECK: %[[H:.+]] = linalg.generic
// CHECK-SAME: ins(%[[Y]] : tensor<?x5x?xf32>) outs(%{{.+}} : tensor<?x5x?xf16>)
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK: %[[R:.+]] = tensor.collapse_shape %[[H]] {{\[}}[0], [1, 2]] : tensor<?x5x?xf16> into tensor<?x?xf16>
// CHECK: %[[CAST:.+]] = tensor.cast %[[R]] : tensor<?x?xf16> to tensor<4x?xf16>
// CHECK-NOT: accel.
// CHECK: return %[[CAST]] : tensor<4x?xf16>
func.func @monarch_dynamic_f16(%x: tensor<?x?xf16>, %w1: tensor<?x3x?xf16>, %w2: tensor<?x5x?xf16>) -> tensor<4x?xf16> {
  %0 = "accel.monarch_matmul"(%x, %w1, %w2) : (tensor<?x?xf16>, tensor<?x3x?xf16>, tensor<?x5x?xf16>) -> tensor<4x?xf16>
  return %0 : tensor<4x?xf16>
}

// -----

// Issue 8 (3): a dynamic batch dim whose size the lowering learns through the
// tensor.cast that makes it dynamic. The sizes it knows are static, so the
// split is a static tensor.expand_shape of x cast back to what is known
// (this used to build an expand_shape whose types disagreed with its sizes).

// CHECK-LABEL: func.func @block_diag_cast_batch
// CHECK-SAME: (%[[X0:.+]]: tensor<6x9xf32>, %[[W:.+]]: tensor<3x2x3xf32>)
// CHECK: %[[X:.+]] = tensor.cast %[[X0]] : tensor<6x9xf32> to tensor<?x9xf32>
// CHECK: %[[XS:.+]] = tensor.cast %[[X]] : tensor<?x9xf32> to tensor<6x9xf32>
// CHECK: tensor.expand_shape %[[XS]] {{\[}}[0], [1, 2]] output_shape [6, 3, 3] : tensor<6x9xf32> into tensor<6x3x3xf32>
// CHECK-NOT: accel.
// CHECK: return %{{.+}} : tensor<?x6xf32>
func.func @block_diag_cast_batch(%x0: tensor<6x9xf32>, %w: tensor<3x2x3xf32>) -> tensor<?x6xf32> {
  %x = tensor.cast %x0 : tensor<6x9xf32> to tensor<?x9xf32>
  %r = "accel.block_diag_matmul"(%x, %w) : (tensor<?x9xf32>, tensor<3x2x3xf32>) -> tensor<?x6xf32>
  return %r : tensor<?x6xf32>
}

// -----

// The same for monarch_matmul (k = 3, q = 2, p = 3; l = 2, s = 4, r = 3).

// CHECK-LABEL: func.func @monarch_cast_batch
// CHECK: tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2]] output_shape [6, 3, 3] : tensor<6x9xf32> into tensor<6x3x3xf32>
// CHECK-NOT: accel.
// CHECK: return %{{.+}} : tensor<?x8xf32>
func.func @monarch_cast_batch(%x0: tensor<6x9xf32>, %w1: tensor<3x2x3xf32>, %w2: tensor<2x4x3xf32>) -> tensor<?x8xf32> {
  %x = tensor.cast %x0 : tensor<6x9xf32> to tensor<?x9xf32>
  %r = "accel.monarch_matmul"(%x, %w1, %w2) : (tensor<?x9xf32>, tensor<3x2x3xf32>, tensor<2x4x3xf32>) -> tensor<?x8xf32>
  return %r : tensor<?x8xf32>
}
