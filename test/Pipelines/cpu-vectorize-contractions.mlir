// RUN: accel-opt %s --split-input-file --accel-cpu-vectorize-contractions | FileCheck %s

// A static matmul that the tiles divide: cache loops (n, k, m), register
// loops (n, m, k) with k stepping by one, an 8x16 contraction per step.

// CHECK-LABEL: func.func @matmul_divisible
//       CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %[[C256:.+]] iter_args
//       CHECK:   scf.for %{{.+}} = %{{.+}} to %{{.+}} step %[[C256]] iter_args
//       CHECK:     scf.for %{{.+}} = %{{.+}} to %{{.+}} step %[[C64:.+]] iter_args
//       CHECK:       scf.for %{{.+}} = %{{.+}} to %{{.+}} step %[[C16:.+]] iter_args
//       CHECK:         scf.for %{{.+}} = %{{.+}} to %{{.+}} step %[[C8:.+]] iter_args
//       CHECK:           scf.for %{{.+}} = %{{.+}} to %{{.+}} step %[[C1:.+]] iter_args
//       CHECK:             vector.transfer_read {{.+}} : tensor<8x1xf32>, vector<8x1xf32>
//       CHECK:             vector.transfer_read {{.+}} : tensor<1x16xf32>, vector<1x16xf32>
//       CHECK:             vector.contract {{.+}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
//   CHECK-NOT: linalg.matmul
func.func @matmul_divisible(%a: tensor<512x512xf32>, %b: tensor<512x512xf32>,
                            %c: tensor<512x512xf32>) -> tensor<512x512xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<512x512xf32>, tensor<512x512xf32>)
                     outs(%c : tensor<512x512xf32>) -> tensor<512x512xf32>
  return %r : tensor<512x512xf32>
}

// -----

// Odd static sizes: the edge tiles fold to static shapes of their own.

// CHECK-LABEL: func.func @matmul_edges
//       CHECK: vector.contract {{.+}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
//       CHECK: vector.contract {{.+}} : vector<5x1xf32>, vector<1x16xf32> into vector<5x16xf32>
//       CHECK: vector.contract {{.+}} : vector<8x1xf32>, vector<1x13xf32> into vector<8x13xf32>
//       CHECK: vector.contract {{.+}} : vector<5x1xf32>, vector<1x13xf32> into vector<5x13xf32>
//   CHECK-NOT: vector.mask
func.func @matmul_edges(%a: tensor<37x29xf32>, %b: tensor<29x45xf32>,
                        %c: tensor<37x45xf32>) -> tensor<37x45xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<37x29xf32>, tensor<29x45xf32>)
                     outs(%c : tensor<37x45xf32>) -> tensor<37x45xf32>
  return %r : tensor<37x45xf32>
}

// -----

// Dynamic sizes: full tiles are static after peeling; the edge tiles read
// and write under masks, and their contraction is unmasked (the lanes it
// adds are never stored). Each tile's accumulator is read before its K loop,
// carried through it as a vector, and written after it.

// CHECK-LABEL: func.func @matmul_dynamic
//       CHECK: %[[ACC:.+]] = vector.transfer_read {{.+}} : tensor<8x16xf32>, vector<8x16xf32>
//       CHECK: %[[SUM:.+]] = scf.for {{.+}} iter_args(%[[PARTIAL:.+]] = %[[ACC]]) -> (vector<8x16xf32>)
//       CHECK:   vector.contract {{.+}} %[[PARTIAL]] : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
//       CHECK: vector.transfer_write %[[SUM]], {{.+}} : vector<8x16xf32>, tensor<8x16xf32>
//       CHECK: %[[ROWS:.+]] = vector.create_mask %{{.+}}, %{{.+}} : vector<8x1xi1>
//       CHECK: %[[TILE:.+]] = vector.create_mask %{{.+}}, %{{.+}} : vector<8x16xi1>
//       CHECK: %[[EDGE:.+]] = vector.transfer_read %{{.+}}, %[[TILE]] {in_bounds = [true, true]} : tensor<?x16xf32>, vector<8x16xf32>
//       CHECK: scf.for {{.+}} iter_args(%[[EPARTIAL:.+]] = %[[EDGE]]) -> (vector<8x16xf32>)
//       CHECK:   vector.transfer_read %{{.+}}, %[[ROWS]] {in_bounds = [true, true]} : tensor<?x1xf32>, vector<8x1xf32>
//       CHECK:   vector.contract {{.+}} %[[EPARTIAL]] : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
//       CHECK: vector.transfer_write %{{.+}}, %{{.+}}, %{{.+}} {in_bounds = [true, true]} : vector<8x16xf32>, tensor<?x16xf32>
//   CHECK-NOT: vector.mask
//   CHECK-NOT: linalg.matmul
func.func @matmul_dynamic(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>,
                          %c: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>)
                     outs(%c : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// Not contractions: a row maximum and an elementwise op stay as they are.

// CHECK-LABEL: func.func @negative_row_max
//       CHECK: linalg.generic
//   CHECK-NOT: vector.
func.func @negative_row_max(%x: tensor<8x64xf32>, %m: tensor<8xf32>) -> tensor<8xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<8x64xf32>) outs(%m : tensor<8xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %t = arith.maximumf %acc, %a : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// A contraction whose output's innermost dim is an M dim (the output
// stored as [n, m]) is left to the loops.

// CHECK-LABEL: func.func @negative_transposed_output
//       CHECK: linalg.generic
//   CHECK-NOT: vector.contract
func.func @negative_transposed_output(%a: tensor<8x4xf32>, %b: tensor<4x16xf32>,
                                      %c: tensor<16x8xf32>) -> tensor<16x8xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(n, m, k) -> (m, k)>, affine_map<(n, m, k) -> (k, n)>,
                                        affine_map<(n, m, k) -> (n, m)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x4xf32>, tensor<4x16xf32>) outs(%c : tensor<16x8xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %t = arith.addf %acc, %p : f32
    linalg.yield %t : f32
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}


// -----

// A batch dim inside the output's M/N dims (Monarch's first factor:
// [rows, block, q]) is left to the loops.

// CHECK-LABEL: func.func @negative_inner_batch
//       CHECK: linalg.generic
//   CHECK-NOT: vector.contract
func.func @negative_inner_batch(%x: tensor<64x4x8xf32>, %w: tensor<4x16x8xf32>,
                                %t: tensor<64x4x16xf32>) -> tensor<64x4x16xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(r, b, q, p) -> (r, b, p)>, affine_map<(r, b, q, p) -> (b, q, p)>,
                                        affine_map<(r, b, q, p) -> (r, b, q)>],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<64x4x8xf32>, tensor<4x16x8xf32>) outs(%t : tensor<64x4x16xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<64x4x16xf32>
  return %r : tensor<64x4x16xf32>
}

// -----

// Operands of two element types (a one-hot i1 matrix cast in the body, as
// IREE's input phase writes a scatter) stay loops: vector.contract takes
// one element type.
// CHECK-LABEL: func.func @negative_mixed_operand_types
// CHECK-NOT: vector.contract
// CHECK: linalg.matmul
func.func @negative_mixed_operand_types(%a: tensor<32x64xi1>, %b: tensor<64x48xf32>,
                                        %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %r = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>}
      ins(%a, %b : tensor<32x64xi1>, tensor<64x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}
