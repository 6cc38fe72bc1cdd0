// RUN: accel-opt %s --accel-lower-pack-unpack --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @pack
//  CHECK-SAME:   (%[[X:.+]]: tensor<5x6xf32>)
//   CHECK-NOT:   linalg.pack
//       CHECK:   %[[PAD:.+]] = tensor.pad %[[X]] low[0, 0] high[1, 0]
//       CHECK:   %[[EXP:.+]] = tensor.expand_shape %[[PAD]] {{\[}}[0, 1], [2, 3]] output_shape [3, 2, 3, 2]
//       CHECK:   %[[T:.+]] = linalg.transpose ins(%[[EXP]] : tensor<3x2x3x2xf32>) outs(%{{.+}} : tensor<3x3x2x2xf32>) permutation = [2, 0, 1, 3]
//       CHECK:   return %[[T]]
func.func @pack(%x: tensor<5x6xf32>) -> tensor<3x3x2x2xf32> {
  %pad = arith.constant -1.0 : f32
  %e = tensor.empty() : tensor<3x3x2x2xf32>
  %r = linalg.pack %x padding_value(%pad : f32) outer_dims_perm = [1, 0] inner_dims_pos = [0, 1] inner_tiles = [2, 2] into %e : tensor<5x6xf32> -> tensor<3x3x2x2xf32>
  return %r : tensor<3x3x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @unpack
//   CHECK-NOT:   linalg.unpack
//       CHECK:   linalg.transpose
//       CHECK:   tensor.collapse_shape
//       CHECK:   tensor.extract_slice {{.*}} to tensor<5x6xf32>
func.func @unpack(%x: tensor<3x3x2x2xf32>) -> tensor<5x6xf32> {
  %e = tensor.empty() : tensor<5x6xf32>
  %r = linalg.unpack %x outer_dims_perm = [1, 0] inner_dims_pos = [0, 1] inner_tiles = [2, 2] into %e : tensor<3x3x2x2xf32> -> tensor<5x6xf32>
  return %r : tensor<5x6xf32>
}
