// Linalg ops that fusion leaves alone, the way JAX and torch-mlir write
// them (generic.mlir checks what accel-translate makes of them, and
// generic-emulation.test runs the generated kernels under the emulation).
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#rows3 = affine_map<(d0, d1, d2) -> (d0, d1)>
#unit3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#col2 = affine_map<(d0, d1) -> (d1)>
#t2 = affine_map<(d0, d1) -> (d1, d0)>
#first2 = affine_map<(d0, d1) -> (d1)>

// A layer norm's mean as JAX writes it: a fill, a sum over the last dim
// (into the fill), the division of a broadcast [3, 5, 1] view, and the
// centered input.
func.func @layer_norm_center(%x: tensor<3x5x37xf32>) -> tensor<3x5x37xf32> {
  %zero = arith.constant 0.0 : f32
  %n = arith.constant 37.0 : f32
  %e = tensor.empty() : tensor<3x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<3x5xf32>) -> tensor<3x5xf32>
  %sum = linalg.generic {indexing_maps = [#id3, #rows3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x : tensor<3x5x37xf32>) outs(%init : tensor<3x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %out, %in : f32
    linalg.yield %a : f32
  } -> tensor<3x5xf32>
  %sum1 = tensor.expand_shape %sum [[0], [1, 2]] output_shape [3, 5, 1] : tensor<3x5xf32> into tensor<3x5x1xf32>
  %e2 = tensor.empty() : tensor<3x5x37xf32>
  %centered = linalg.generic {indexing_maps = [#id3, #unit3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %sum1 : tensor<3x5x37xf32>, tensor<3x5x1xf32>) outs(%e2 : tensor<3x5x37xf32>) {
  ^bb0(%in: f32, %s: f32, %out: f32):
    %mean = arith.divf %s, %n : f32
    %c = arith.subf %in, %mean : f32
    linalg.yield %c : f32
  } -> tensor<3x5x37xf32>
  return %centered : tensor<3x5x37xf32>
}

// A bf16 residual add of an f32 row bias, rounded to bf16 after each op
// (extf, add in f32, truncf), as torch-mlir writes mixed precision.
func.func @bf16_bias_add(%x: tensor<4x33xbf16>, %b: tensor<33xf32>) -> tensor<4x33xbf16> {
  %e = tensor.empty() : tensor<4x33xbf16>
  %y = linalg.generic {indexing_maps = [#id2, #col2, #id2], iterator_types = ["parallel", "parallel"]} ins(%x, %b : tensor<4x33xbf16>, tensor<33xf32>) outs(%e : tensor<4x33xbf16>) {
  ^bb0(%in: bf16, %bias: f32, %out: bf16):
    %w = arith.extf %in : bf16 to f32
    %s = arith.addf %w, %bias : f32
    %t = arith.truncf %s : f32 to bf16
    %sq = arith.mulf %t, %t : bf16
    linalg.yield %sq : bf16
  } -> tensor<4x33xbf16>
  return %y : tensor<4x33xbf16>
}

// A column max over the outer loop (the reduction is loop 0), its init a
// kernel result, and an i1 tensor between two kernels (also returned, so
// accel-fuse-linalg keeps it).
func.func @column_max_mask(%x: tensor<7x9xf32>, %floor: tensor<9xf32>) -> (tensor<9xf32>, tensor<9xi1>) {
  %e = tensor.empty() : tensor<9xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%floor : tensor<9xf32>) outs(%e : tensor<9xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<9xf32>
  %max = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%x : tensor<7x9xf32>) outs(%init : tensor<9xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<9xf32>
  %eb = tensor.empty() : tensor<9xi1>
  %positive = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%max : tensor<9xf32>) outs(%eb : tensor<9xi1>) {
  ^bb0(%in: f32, %out: i1):
    %zero = arith.constant 0.0 : f32
    %p = arith.cmpf ogt, %in, %zero : f32
    linalg.yield %p : i1
  } -> tensor<9xi1>
  %e2 = tensor.empty() : tensor<9xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%positive, %max : tensor<9xi1>, tensor<9xf32>) outs(%e2 : tensor<9xf32>) {
  ^bb0(%p: i1, %in: f32, %out: f32):
    %h = arith.constant 0.5 : f32
    %scaled = arith.mulf %in, %h : f32
    %s = arith.select %p, %in, %scaled : f32
    linalg.yield %s : f32
  } -> tensor<9xf32>
  return %r, %positive : tensor<9xf32>, tensor<9xi1>
}

// A sum over a transposed view: the host reads x^T through strides.
func.func @sum_of_transpose(%x: tensor<6x10xf16>) -> tensor<10xf32> {
  %zero = arith.constant 0.0 : f32
  %et = tensor.empty() : tensor<10x6xf16>
  %xt = linalg.transpose ins(%x : tensor<6x10xf16>) outs(%et : tensor<10x6xf16>) permutation = [1, 0]
  %e = tensor.empty() : tensor<10xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<10xf32>) -> tensor<10xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%xt : tensor<10x6xf16>) outs(%init : tensor<10xf32>) {
  ^bb0(%in: f16, %out: f32):
    %w = arith.extf %in : f16 to f32
    %a = arith.addf %out, %w : f32
    linalg.yield %a : f32
  } -> tensor<10xf32>
  return %s : tensor<10xf32>
}

// A square feeding a row sum: accel-fuse-linalg makes the two one
// reduction kernel that squares each element as it adds it.
func.func @sum_of_squares(%x: tensor<6x11xf32>) -> tensor<6xf32> {
  %zero = arith.constant 0.0 : f32
  %e2 = tensor.empty() : tensor<6x11xf32>
  %sq = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<6x11xf32>) outs(%e2 : tensor<6x11xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %in : f32
    linalg.yield %m : f32
  } -> tensor<6x11xf32>
  %e = tensor.empty() : tensor<6xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<6xf32>) -> tensor<6xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%sq : tensor<6x11xf32>) outs(%init : tensor<6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %out, %in : f32
    linalg.yield %a : f32
  } -> tensor<6xf32>
  return %s : tensor<6xf32>
}
