// RUN: accel-opt %s --split-input-file --accel-cpu-lower-vectors | FileCheck %s

// A register tile after bufferization: the accumulator's read and write
// leave the reduction loop, and the 8x1 * 1x16 contraction becomes one
// broadcast row times a vector per row, as a separate multiply and add
// (never a fused vector.fma).

// CHECK-LABEL: func.func @register_tile
//  CHECK-SAME: %[[A:[^:]+]]: memref<8x64xf32>, %[[B:[^:]+]]: memref<64x16xf32>, %[[C:[^:]+]]: memref<8x16xf32>
//       CHECK: vector.transfer_read %[[C]]
//       CHECK: scf.for {{.+}} iter_args
//       CHECK:   arith.mulf {{.+}} : vector<16xf32>
//       CHECK:   arith.addf {{.+}} : vector<16xf32>
//   CHECK-NOT:   vector.fma
//   CHECK-NOT:   vector.contract
//       CHECK:   scf.yield
//       CHECK: vector.transfer_write {{.+}}, %[[C]]
#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs = affine_map<(m, n, k) -> (k, n)>
#acc = affine_map<(m, n, k) -> (m, n)>
func.func @register_tile(%a: memref<8x64xf32>, %b: memref<64x16xf32>, %c: memref<8x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c64 step %c1 {
    %sa = memref.subview %a[0, %k] [8, 1] [1, 1] : memref<8x64xf32> to memref<8x1xf32, strided<[64, 1], offset: ?>>
    %sb = memref.subview %b[%k, 0] [1, 16] [1, 1] : memref<64x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
    %va = vector.transfer_read %sa[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x1xf32, strided<[64, 1], offset: ?>>, vector<8x1xf32>
    %vb = vector.transfer_read %sb[%c0, %c0], %pad {in_bounds = [true, true]} : memref<1x16xf32, strided<[16, 1], offset: ?>>, vector<1x16xf32>
    %vc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x16xf32>, vector<8x16xf32>
    %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "reduction"],
                          kind = #vector.kind<add>} %va, %vb, %vc : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x16xf32>, memref<8x16xf32>
  }
  return
}

// -----

// Without vector ops the pass changes nothing.

// CHECK-LABEL: func.func @negative_scalar
//       CHECK: memref.load
//  CHECK-NEXT: memref.store
func.func @negative_scalar(%m: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %x = memref.load %m[%c0] : memref<4xf32>
  memref.store %x, %m[%c0] : memref<4xf32>
  return
}
