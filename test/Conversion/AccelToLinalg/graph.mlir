// RUN: accel-opt %s --accel-to-linalg -split-input-file | FileCheck %s

// Structure of the relational-graph lowerings (docs/lowering/Graph.md): ids
// are range-checked with cf.assert before use; gathers and typed weights are
// tensor.extract in parallel generics; scatters are scf.for loops over edges
// updating one row at a time; arithmetic accumulates in f32.

// CHECK-LABEL: func.func @gather_rows_static
// CHECK-SAME: (%[[X:.+]]: tensor<5x4xf32>, %[[IDX:.+]]: tensor<7xi32>)
// CHECK-DAG: %[[N:.+]] = arith.constant 5 : index
// CHECK: %[[OK:.+]] = linalg.generic {{.*}}iterator_types = ["reduction"]{{.*}} ins(%[[IDX]] : tensor<7xi32>) outs(%{{.+}} : tensor<i1>)
// CHECK: arith.index_cast %{{.+}} : i32 to index
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi slt, %{{.+}}, %[[N]] : index
// CHECK: %[[FLAG:.+]] = tensor.extract %[[OK]][] : tensor<i1>
// CHECK: cf.assert %[[FLAG]], "'accel.gather_rows' op expects indices in [0, 5)"
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<7x4xf32>
// CHECK: %[[G:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]{{.*}} ins(%[[IDX]] : tensor<7xi32>) outs(%[[INIT]] : tensor<7x4xf32>)
// CHECK: %[[ROW:.+]] = arith.index_cast %{{.+}} : i32 to index
// CHECK: %[[COL:.+]] = linalg.index 1 : index
// CHECK: %[[V:.+]] = tensor.extract %[[X]][%[[ROW]], %[[COL]]] : tensor<5x4xf32>
// CHECK: linalg.yield %[[V]] : f32
// CHECK: return %[[G]] : tensor<7x4xf32>
// CHECK-NOT: accel.
func.func @gather_rows_static(%x: tensor<5x4xf32>, %idx: tensor<7xi32>) -> tensor<7x4xf32> {
  %0 = accel.gather_rows %x, %idx : (tensor<5x4xf32>, tensor<7xi32>) -> tensor<7x4xf32>
  return %0 : tensor<7x4xf32>
}

// -----

// Any element type moves through; a dynamic N is named in the message; the
// declared (more static) result is reached with a tensor.cast.
// CHECK-LABEL: func.func @gather_rows_dynamic_i8
// CHECK-SAME: (%[[X:.+]]: tensor<?x?xi8>, %[[IDX:.+]]: tensor<?xi64>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x?xi8>
// CHECK: arith.cmpi slt, %{{.+}}, %[[N]] : index
// CHECK: cf.assert %{{.+}}, "'accel.gather_rows' op expects indices in [0, N)"
// CHECK: %[[G:.+]] = linalg.generic
// CHECK-SAME: outs(%{{.+}} : tensor<?x?xi8>)
// CHECK: tensor.extract %[[X]]
// CHECK: linalg.yield %{{.+}} : i8
// CHECK: %[[C:.+]] = tensor.cast %[[G]] : tensor<?x?xi8> to tensor<?x16xi8>
// CHECK: return %[[C]]
// CHECK-NOT: accel.
func.func @gather_rows_dynamic_i8(%x: tensor<?x?xi8>, %idx: tensor<?xi64>) -> tensor<?x16xi8> {
  %0 = accel.gather_rows %x, %idx : (tensor<?x?xi8>, tensor<?xi64>) -> tensor<?x16xi8>
  return %0 : tensor<?x16xi8>
}

// -----

// Static sizes: only the id check; the weights of each row's relation are
// read with tensor.extract in an (e, n, k) generic accumulating in f32.
// CHECK-LABEL: func.func @typed_matmul_static
// CHECK-SAME: (%[[X:.+]]: tensor<6x8xf32>, %[[W:.+]]: tensor<3x8x4xf32>, %[[T:.+]]: tensor<6xi32>)
// CHECK-NOT: cf.assert
// CHECK: cf.assert %{{.+}}, "'accel.typed_matmul' op expects type ids in [0, 3)"
// CHECK-NOT: cf.assert
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<6x4xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%[[X]], %[[T]] : tensor<6x8xf32>, tensor<6xi32>) outs(%[[ACC]] : tensor<6x4xf32>)
// CHECK: ^bb0(%[[XV:.+]]: f32, %[[TV:.+]]: i32, %[[OUT:.+]]: f32):
// CHECK: %[[R:.+]] = arith.index_cast %[[TV]] : i32 to index
// CHECK: %[[N:.+]] = linalg.index 1 : index
// CHECK: %[[K:.+]] = linalg.index 2 : index
// CHECK: %[[WV:.+]] = tensor.extract %[[W]][%[[R]], %[[K]], %[[N]]] : tensor<3x8x4xf32>
// CHECK: %[[MUL:.+]] = arith.mulf %[[XV]], %[[WV]] : f32
// CHECK: %[[ADD:.+]] = arith.addf %[[OUT]], %[[MUL]] : f32
// CHECK: linalg.yield %[[ADD]] : f32
// CHECK: return %[[Y]] : tensor<6x4xf32>
func.func @typed_matmul_static(%x: tensor<6x8xf32>, %w: tensor<3x8x4xf32>, %t: tensor<6xi32>) -> tensor<6x4xf32> {
  %0 = accel.typed_matmul %x, %w, %t : (tensor<6x8xf32>, tensor<3x8x4xf32>, tensor<6xi32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// Dynamic sizes are compared at run time; f16 operands are extended, the
// f32 sum is rounded once at the end.
// CHECK-LABEL: func.func @typed_matmul_dynamic_f16
// CHECK-SAME: (%[[X:.+]]: tensor<?x?xf16>, %[[W:.+]]: tensor<?x?x4xf16>, %[[T:.+]]: tensor<?xi64>)
// CHECK: cf.assert %{{.+}}, "'accel.typed_matmul' op expects one type per row of x"
// CHECK: cf.assert %{{.+}}, "'accel.typed_matmul' op expects the feature dim of x to equal the input dim of w"
// CHECK: %[[R:.+]] = tensor.dim %[[W]], %{{.+}} : tensor<?x?x4xf16>
// CHECK: arith.cmpi slt, %{{.+}}, %[[R]] : index
// CHECK: cf.assert %{{.+}}, "'accel.typed_matmul' op expects type ids in [0, R)"
// CHECK: %[[ACC:.+]] = linalg.generic
// CHECK-SAME: outs(%{{.+}} : tensor<?x4xf32>)
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: %[[Y:.+]] = linalg.generic
// CHECK-SAME: ins(%[[ACC]] : tensor<?x4xf32>) outs(%{{.+}} : tensor<?x4xf16>)
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK: return %[[Y]] : tensor<?x4xf16>
func.func @typed_matmul_dynamic_f16(%x: tensor<?x?xf16>, %w: tensor<?x?x4xf16>, %t: tensor<?xi64>) -> tensor<?x4xf16> {
  %0 = accel.typed_matmul %x, %w, %t : (tensor<?x?xf16>, tensor<?x?x4xf16>, tensor<?xi64>) -> tensor<?x4xf16>
  return %0 : tensor<?x4xf16>
}

// -----

// Offsets checked (first, order, last), then a loop over relations: a
// dynamic slice of x times w[r], accumulated in f32 straight into the
// result's rows.
// CHECK-LABEL: func.func @segment_matmul_static
// CHECK-SAME: (%[[X:.+]]: tensor<?x8xf32>, %[[W:.+]]: tensor<3x8x4xf32>, %[[O:.+]]: tensor<4xi32>)
// CHECK-NOT: "'accel.segment_matmul' op expects R + 1 offsets"
// CHECK: cf.assert %{{.+}}, "'accel.segment_matmul' op expects offsets[0] = 0"
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction"]{{.*}} ins(%[[O]] : tensor<4xi32>) outs(%{{.+}} : tensor<i1>)
// CHECK: ^bb0(%[[CUR:.+]]: i32, %{{.+}}: i1):
// CHECK: %[[I:.+]] = linalg.index 0 : index
// CHECK: %[[MAX:.+]] = arith.maxui %[[I]], %[[ONE:.+]] : index
// CHECK: %[[PI:.+]] = arith.subi %[[MAX]], %[[ONE]] : index
// CHECK: %[[PREV:.+]] = tensor.extract %[[O]][%[[PI]]] : tensor<4xi32>
// CHECK: arith.cmpi sle, %[[PREV]], %[[CUR]] : i32
// CHECK: cf.assert %{{.+}}, "'accel.segment_matmul' op expects non-decreasing offsets"
// CHECK: cf.assert %{{.+}}, "'accel.segment_matmul' op expects offsets[R] to equal the rows of x (E)"
// CHECK: %[[INIT:.+]] = tensor.empty(%{{.+}}) : tensor<?x4xf32>
// CHECK: %[[LOOP:.+]] = scf.for %[[R:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[RES:.+]] = %[[INIT]]) -> (tensor<?x4xf32>)
// CHECK: %[[B:.+]] = arith.index_cast %{{.+}} : i32 to index
// CHECK: %[[E:.+]] = arith.index_cast %{{.+}} : i32 to index
// CHECK: %[[ROWS:.+]] = arith.subi %[[E]], %[[B]] : index
// CHECK: %[[XS:.+]] = tensor.extract_slice %[[X]][%[[B]], 0] [%[[ROWS]], 8] [1, 1] : tensor<?x8xf32> to tensor<?x8xf32>
// CHECK: %[[WS:.+]] = tensor.extract_slice %[[W]][%[[R]], 0, 0] [1, 8, 4] [1, 1, 1] : tensor<3x8x4xf32> to tensor<8x4xf32>
// CHECK: %[[OUT:.+]] = tensor.extract_slice %[[RES]][%[[B]], 0] [%[[ROWS]], 4] [1, 1]
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[OUT]] : tensor<?x4xf32>)
// CHECK: %[[P:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%[[XS]], %[[WS]] : tensor<?x8xf32>, tensor<8x4xf32>) outs(%[[ACC]] : tensor<?x4xf32>)
// CHECK: %[[INS:.+]] = tensor.insert_slice %[[P]] into %[[RES]][%[[B]], 0] [%[[ROWS]], 4] [1, 1]
// CHECK: scf.yield %[[INS]] : tensor<?x4xf32>
// CHECK: return %[[LOOP]] : tensor<?x4xf32>
func.func @segment_matmul_static(%x: tensor<?x8xf32>, %w: tensor<3x8x4xf32>, %o: tensor<4xi32>) -> tensor<?x4xf32> {
  %0 = accel.segment_matmul %x, %w, %o : (tensor<?x8xf32>, tensor<3x8x4xf32>, tensor<4xi32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// With dynamic R the offsets' length is checked too; bf16 results are
// rounded per segment into the result's rows.
// CHECK-LABEL: func.func @segment_matmul_dynamic_bf16
// CHECK: cf.assert %{{.+}}, "'accel.segment_matmul' op expects R + 1 offsets"
// CHECK: cf.assert %{{.+}}, "'accel.segment_matmul' op expects the feature dim of x to equal the input dim of w"
// CHECK: cf.assert %{{.+}}, "'accel.segment_matmul' op expects offsets[0] = 0"
// CHECK: cf.assert %{{.+}}, "'accel.segment_matmul' op expects non-decreasing offsets"
// CHECK: cf.assert %{{.+}}, "'accel.segment_matmul' op expects offsets[R] to equal the rows of x (E)"
// CHECK: scf.for {{.*}} iter_args(%[[RES:.+]] = %{{.+}}) -> (tensor<?x?xbf16>)
// CHECK: %[[OUT:.+]] = tensor.extract_slice %[[RES]]{{.*}} : tensor<?x?xbf16> to tensor<?x?xbf16>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<?x?xf32>)
// CHECK: %[[P:.+]] = linalg.generic
// CHECK-SAME: outs(%[[ACC]] : tensor<?x?xf32>)
// CHECK: arith.extf %{{.+}} : bf16 to f32
// CHECK: %[[RND:.+]] = linalg.generic
// CHECK-SAME: ins(%[[P]] : tensor<?x?xf32>) outs(%[[OUT]] : tensor<?x?xbf16>)
// CHECK: arith.truncf %{{.+}} : f32 to bf16
// CHECK: tensor.insert_slice %[[RND]]
func.func @segment_matmul_dynamic_bf16(%x: tensor<?x?xbf16>, %w: tensor<?x?x?xbf16>, %o: tensor<?xi64>) -> tensor<?x?xbf16> {
  %0 = accel.segment_matmul %x, %w, %o : (tensor<?x?xbf16>, tensor<?x?x?xbf16>, tensor<?xi64>) -> tensor<?x?xbf16>
  return %0 : tensor<?x?xbf16>
}

// -----

// Sum: a loop over edges adding msg[e] into row idx[e] of an f32
// accumulator; no counts needed, rows without messages keep their 0.
// CHECK-LABEL: func.func @scatter_sum
// CHECK-SAME: (%[[M:.+]]: tensor<9x8xf32>, %[[I:.+]]: tensor<9xi64>)
// CHECK: cf.assert %{{.+}}, "'accel.scatter_reduce' op expects indices in [0, 10)"
// CHECK: %[[ACC0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<10x8xf32>)
// CHECK: %[[LOOP:.+]] = scf.for %[[E:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC:.+]] = %[[ACC0]]) -> (tensor<10x8xf32>)
// CHECK: %[[ID:.+]] = tensor.extract %[[I]][%[[E]]] : tensor<9xi64>
// CHECK: %[[ROW:.+]] = arith.index_cast %[[ID]] : i64 to index
// CHECK: %[[MSG:.+]] = tensor.extract_slice %[[M]][%[[E]], 0] [1, 8] [1, 1] : tensor<9x8xf32> to tensor<8xf32>
// CHECK: %[[DST:.+]] = tensor.extract_slice %[[ACC]][%[[ROW]], 0] [1, 8] [1, 1] : tensor<10x8xf32> to tensor<8xf32>
// CHECK: %[[UPD:.+]] = linalg.generic {{.*}} ins(%[[MSG]] : tensor<8xf32>) outs(%[[DST]] : tensor<8xf32>)
// CHECK: arith.addf
// CHECK: %[[INS:.+]] = tensor.insert_slice %[[UPD]] into %[[ACC]][%[[ROW]], 0] [1, 8] [1, 1]
// CHECK: scf.yield %[[INS]]
// CHECK-NOT: tensor.insert %
// CHECK: return %[[LOOP]] : tensor<10x8xf32>
func.func @scatter_sum(%m: tensor<9x8xf32>, %i: tensor<9xi64>) -> tensor<10x8xf32> {
  %0 = accel.scatter_reduce %m, %i {num_rows = 10 : i64, reduce = "sum"} : (tensor<9x8xf32>, tensor<9xi64>) -> tensor<10x8xf32>
  return %0 : tensor<10x8xf32>
}

// -----

// Mean: sums and per-row counts, then count == 0 ? 0 : sum / count.
// CHECK-LABEL: func.func @scatter_mean
// CHECK-SAME: (%[[M:.+]]: tensor<?x?xf32>, %[[I:.+]]: tensor<?xi32>)
// CHECK: cf.assert %{{.+}}, "'accel.scatter_reduce' op expects one index per row of msg"
// CHECK: cf.assert %{{.+}}, "'accel.scatter_reduce' op expects indices in [0, 4)"
// CHECK: %[[SUMS:.+]] = scf.for
// CHECK: arith.addf
// CHECK: %[[COUNTS:.+]] = scf.for {{.*}} -> (tensor<4xi64>)
// CHECK: tensor.extract %{{.+}} : tensor<4xi64>
// CHECK: arith.addi
// CHECK: tensor.insert %{{.+}} : tensor<4xi64>
// CHECK: %[[R:.+]] = linalg.generic {{.*}} ins(%[[SUMS]], %[[COUNTS]] : tensor<4x?xf32>, tensor<4xi64>) outs(%{{.+}} : tensor<4x?xf32>)
// CHECK: ^bb0(%[[S:.+]]: f32, %[[C:.+]]: i64, %{{.+}}: f32):
// CHECK: %[[EMPTY:.+]] = arith.cmpi eq, %[[C]], %{{.+}} : i64
// CHECK: %[[CF:.+]] = arith.sitofp %[[C]] : i64 to f32
// CHECK: %[[Q:.+]] = arith.divf %[[S]], %[[CF]] : f32
// CHECK: arith.select %[[EMPTY]], %{{.+}}, %[[Q]] : f32
// CHECK: return %[[R]] : tensor<4x?xf32>
func.func @scatter_mean(%m: tensor<?x?xf32>, %i: tensor<?xi32>) -> tensor<4x?xf32> {
  %0 = accel.scatter_reduce %m, %i {num_rows = 4 : i64, reduce = "mean"} : (tensor<?x?xf32>, tensor<?xi32>) -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

// Max: -inf start, maximumf per edge in f32, rows without messages set to 0,
// one rounding to bf16.
// CHECK-LABEL: func.func @scatter_max_bf16
// CHECK: %[[NINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[ACC0:.+]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.+}} : tensor<10x8xf32>)
// CHECK: %[[MAX:.+]] = scf.for {{.*}} iter_args(%{{.+}} = %[[ACC0]])
// CHECK: arith.extf %{{.+}} : bf16 to f32
// CHECK: arith.maximumf
// CHECK: %[[COUNTS:.+]] = scf.for {{.*}} -> (tensor<10xi64>)
// CHECK: %[[R:.+]] = linalg.generic {{.*}} ins(%[[MAX]], %[[COUNTS]] : tensor<10x8xf32>, tensor<10xi64>) outs(%{{.+}} : tensor<10x8xbf16>)
// CHECK-NOT: arith.divf
// CHECK: arith.select
// CHECK: arith.truncf %{{.+}} : f32 to bf16
// CHECK: return %[[R]]
func.func @scatter_max_bf16(%m: tensor<?x8xbf16>, %i: tensor<?xi32>) -> tensor<10x8xbf16> {
  %0 = accel.scatter_reduce %m, %i {num_rows = 10 : i64, reduce = "max"} : (tensor<?x8xbf16>, tensor<?xi32>) -> tensor<10x8xbf16>
  return %0 : tensor<10x8xbf16>
}

// -----

// Per-node maxima, then per-node sums of exp(score - max), then a parallel
// normalization reading both through dst.
// CHECK-LABEL: func.func @edge_softmax
// CHECK-SAME: (%[[S:.+]]: tensor<?x4xf32>, %[[D:.+]]: tensor<?xi64>)
// CHECK: cf.assert %{{.+}}, "'accel.edge_softmax' op expects one destination per row of score"
// CHECK: cf.assert %{{.+}}, "'accel.edge_softmax' op expects destinations in [0, 6)"
// CHECK: %[[NINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[M0:.+]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.+}} : tensor<6x4xf32>)
// CHECK: %[[MAX:.+]] = scf.for {{.*}} iter_args(%{{.+}} = %[[M0]]) -> (tensor<6x4xf32>)
// CHECK: arith.maximumf
// CHECK: %[[S0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<6x4xf32>)
// CHECK: %[[SUM:.+]] = scf.for {{.*}} iter_args(%[[ACC:.+]] = %[[S0]]) -> (tensor<6x4xf32>)
// CHECK: %[[MROW:.+]] = tensor.extract_slice %[[MAX]][%{{.+}}, 0] [1, 4] [1, 1]
// CHECK: linalg.generic {{.*}} ins(%{{.+}}, %[[MROW]] : tensor<4xf32>, tensor<4xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: %[[R:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]{{.*}} ins(%[[S]], %[[D]] : tensor<?x4xf32>, tensor<?xi64>)
// CHECK: %[[NODE:.+]] = arith.index_cast %{{.+}} : i64 to index
// CHECK: %[[H:.+]] = linalg.index 1 : index
// CHECK: %[[MV:.+]] = tensor.extract %[[MAX]][%[[NODE]], %[[H]]]
// CHECK: %[[SV:.+]] = tensor.extract %[[SUM]][%[[NODE]], %[[H]]]
// CHECK: %[[SH:.+]] = arith.subf %{{.+}}, %[[MV]] : f32
// CHECK: %[[EX:.+]] = math.exp %[[SH]] : f32
// CHECK: arith.divf %[[EX]], %[[SV]] : f32
// CHECK: return %[[R]] : tensor<?x4xf32>
func.func @edge_softmax(%s: tensor<?x4xf32>, %d: tensor<?xi64>) -> tensor<?x4xf32> {
  %0 = accel.edge_softmax %s, %d {num_nodes = 6 : i64} : (tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// f16 scores: extended to f32 in every step, rounded once at the end.
// CHECK-LABEL: func.func @edge_softmax_f16
// CHECK: scf.for
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: scf.for
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: linalg.generic
// CHECK: arith.divf
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK-NOT: accel.
func.func @edge_softmax_f16(%s: tensor<5x2xf16>, %d: tensor<5xi32>) -> tensor<5x2xf16> {
  %0 = accel.edge_softmax %s, %d {num_nodes = 3 : i64} : (tensor<5x2xf16>, tensor<5xi32>) -> tensor<5x2xf16>
  return %0 : tensor<5x2xf16>
}

// -----

// A static K = 0: the offsets are still checked, the result is all zeros
// (no slices: a static offset into a dim of static size 0 is invalid IR).
// CHECK-LABEL: func.func @segment_matmul_empty_k
// CHECK: cf.assert %{{.+}}, "'accel.segment_matmul' op expects offsets[R] to equal the rows of x (E)"
// CHECK-NOT: scf.for
// CHECK: %[[Z:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<?x4xf32>)
// CHECK: return %[[Z]]
func.func @segment_matmul_empty_k(%x: tensor<?x0xf32>, %w: tensor<3x0x4xf32>, %o: tensor<4xi32>) -> tensor<?x4xf32> {
  %0 = accel.segment_matmul %x, %w, %o : (tensor<?x0xf32>, tensor<3x0x4xf32>, tensor<4xi32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A static D = 0: ids are still checked, the result is an empty tensor.
// CHECK-LABEL: func.func @scatter_empty_rows
// CHECK: cf.assert %{{.+}}, "'accel.scatter_reduce' op expects indices in [0, 4)"
// CHECK-NOT: scf.for
// CHECK: %[[E:.+]] = tensor.empty() : tensor<4x0xf32>
// CHECK: return %[[E]]
func.func @scatter_empty_rows(%m: tensor<?x0xf32>, %i: tensor<?xi64>) -> tensor<4x0xf32> {
  %0 = accel.scatter_reduce %m, %i {num_rows = 4 : i64, reduce = "mean"} : (tensor<?x0xf32>, tensor<?xi64>) -> tensor<4x0xf32>
  return %0 : tensor<4x0xf32>
}

// -----

// CHECK-LABEL: func.func @edge_softmax_no_columns
// CHECK: cf.assert %{{.+}}, "'accel.edge_softmax' op expects destinations in [0, 3)"
// CHECK-NOT: scf.for
// CHECK: %[[E:.+]] = tensor.empty(%{{.+}}) : tensor<?x0xf16>
// CHECK: return %[[E]]
func.func @edge_softmax_no_columns(%s: tensor<?x0xf16>, %d: tensor<?xi32>) -> tensor<?x0xf16> {
  %0 = accel.edge_softmax %s, %d {num_nodes = 3 : i64} : (tensor<?x0xf16>, tensor<?xi32>) -> tensor<?x0xf16>
  return %0 : tensor<?x0xf16>
}

// -----

// A feature width known to be 0 only through the tensor.cast that made it
// dynamic: nothing to compute after the id check (row slices of a static
// 0-wide accumulator would be invalid IR). Likewise for edge_softmax's H.

// CHECK-LABEL: func.func @scatter_cast_empty_rows
// CHECK: cf.assert %{{.+}}, "'accel.scatter_reduce' op expects indices in [0, 3)"
// CHECK-NOT: scf.for
// CHECK: %[[E:.+]] = tensor.empty() : tensor<3x0xf32>
// CHECK-NEXT: return %[[E]] : tensor<3x0xf32>
func.func @scatter_cast_empty_rows(%msg0: tensor<9x0xf32>, %idx: tensor<9xi64>) -> tensor<3x0xf32> {
  %msg = tensor.cast %msg0 : tensor<9x0xf32> to tensor<9x?xf32>
  %r = accel.scatter_reduce %msg, %idx {num_rows = 3 : i64, reduce = "mean"} : (tensor<9x?xf32>, tensor<9xi64>) -> tensor<3x0xf32>
  return %r : tensor<3x0xf32>
}

// CHECK-LABEL: func.func @edge_softmax_cast_empty_columns
// CHECK: cf.assert %{{.+}}, "'accel.edge_softmax' op expects destinations in [0, 4)"
// CHECK-NOT: scf.for
// CHECK: %[[E:.+]] = tensor.empty() : tensor<5x0xf32>
// CHECK: return
func.func @edge_softmax_cast_empty_columns(%s0: tensor<5x0xf32>, %dst: tensor<5xi32>) -> tensor<?x?xf32> {
  %s = tensor.cast %s0 : tensor<5x0xf32> to tensor<?x?xf32>
  %r = accel.edge_softmax %s, %dst {num_nodes = 4 : i64} : (tensor<?x?xf32>, tensor<5xi32>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
