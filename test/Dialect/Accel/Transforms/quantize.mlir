// RUN: accel-opt %s --split-input-file "--accel-quantize=mode=w8a8" 2>/dev/null | FileCheck %s --check-prefix=W8A8
// RUN: accel-opt %s --split-input-file "--accel-quantize=mode=fp8" 2>/dev/null | FileCheck %s --check-prefix=FP8
// RUN: accel-opt %s --split-input-file "--accel-quantize=mode=w4a16 group-size=4" 2>/dev/null | FileCheck %s --check-prefix=W4A16
// RUN: accel-opt %s --split-input-file "--accel-quantize=mode=w4a8 group-size=4" 2>/dev/null | FileCheck %s --check-prefix=W4A8
// RUN: accel-opt %s --split-input-file "--accel-quantize=mode=w4a16 group-size=4" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: not accel-opt %s --split-input-file "--accel-quantize=mode=int3" -o /dev/null 2>&1 | FileCheck %s --check-prefix=MODE
// MODE: error: accel-quantize: unknown mode 'int3' (expected w8a8, fp8, w4a16, w4a8 or auto)
//
// Numerics: within the quantization error of the unquantized layer, on
// random inputs (a [32, 8] weight, bf16 activations of rank 3; outputs are
// sums of 32 products of magnitude up to 1, so the absolute bounds follow
// the formats' steps: i8 ~1/127, fp8's 3 mantissa bits, i4's 1/7).
// RUN: accel-run %s --entry=layer --input=2x5x32 --pipeline="accel-quantize{mode=w8a8}" --compare-pipeline=none --rtol=0.05 --atol=0.05 | FileCheck %s --check-prefix=CLOSE
// RUN: accel-run %s --entry=layer --input=2x5x32 --pipeline="accel-quantize{mode=fp8}" --compare-pipeline=none --rtol=0.1 --atol=0.4 | FileCheck %s --check-prefix=CLOSE
// RUN: accel-run %s --entry=layer --input=2x5x32 --pipeline="accel-quantize{mode=w4a16 group-size=8}" --compare-pipeline=none --rtol=0.2 --atol=0.6 | FileCheck %s --check-prefix=CLOSE
// RUN: accel-run %s --entry=layer --input=2x5x32 --pipeline="accel-quantize{mode=w4a8 group-size=8}" --compare-pipeline=none --rtol=0.2 --atol=0.6 | FileCheck %s --check-prefix=CLOSE
// And the quantization is real: at a tight tolerance the results differ.
// RUN: not accel-run %s --entry=layer --input=2x5x32 --pipeline="accel-quantize{mode=w4a16 group-size=8}" --compare-pipeline=none --rtol=1e-6 --atol=1e-6 | FileCheck %s --check-prefix=DIFFER
// CLOSE: compare: result #0 ok
// The weights quantized at compile time are bit for bit what accel.quantize
// computes from the float weight at run time, in every mode.
// RUN: accel-run %s --entry=layer --input=2x5x32 --pipeline="accel-quantize{mode=w8a8}" --compare-entry=layer_w8a8_at_run_time | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=layer --input=2x5x32 --pipeline="accel-quantize{mode=w4a16 group-size=8}" --compare-entry=layer_w4a16_at_run_time | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=layer --input=2x5x32 --pipeline="accel-quantize{mode=fp8}" --compare-entry=layer_fp8_at_run_time | FileCheck %s --check-prefix=EXACT
// RUN: accel-run %s --entry=layer --input=2x5x32 --pipeline="accel-quantize{mode=w4a8 group-size=8}" --compare-entry=layer_w4a8_at_run_time | FileCheck %s --check-prefix=EXACT
// EXACT: compare: result #0 ok: {{.+}} max abs error 0.000000e+00
// DIFFER: compare: result #0 FAIL

// Per-channel i8 weights (round half to even: -2 / (4/127) = -63.5 -> -64),
// per-token dynamic activations; the bias carries over.
// W8A8-LABEL: func.func @small
// W8A8-DAG: arith.constant dense<{{\[}}[100, -64], [50, 127], [-127, 0], [25, 32]]> : tensor<4x2xi8>
// W8A8-DAG: arith.constant dense<[0.0100270668, 0.0314960629]> : tensor<2xf32>
// W8A8: %[[Q:.+]], %[[S:.+]] = accel.quantize %{{.+}} {axis = 0 : i64, dtype = i8, granularity = "channel"}
// W8A8: accel.quantized_matmul %[[Q]], %[[S]], %{{.+}}, %{{.+}}, %{{.+}} : (tensor<3x4xi8>, tensor<3xf32>, tensor<4x2xi8>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xbf16>
// FP8-LABEL: func.func @small
// FP8: arith.constant dense<{{\[}}[3.520000e+02, -2.240000e+02], [1.760000e+02, 4.480000e+02], [-4.480000e+02, 0.000000e+00], [8.800000e+01, 1.120000e+02]]> : tensor<4x2xf8E4M3FN>
// FP8: accel.quantize %{{.+}} {axis = 0 : i64, dtype = f8E4M3FN, granularity = "channel"}
// W4A16-LABEL: func.func @small
// W4A16-DAG: arith.constant dense<{{\[}}[5, -3], [3, 7], [-7, 0], [1, 2]]> : tensor<4x2xi4>
// W4A16-DAG: arith.constant dense<{{\[}}[0.181919649, 0.571428597]]> : tensor<1x2xf32>
// W4A16-DAG: %[[ONE:.+]] = arith.constant dense<1.000000e+00> : tensor<f32>
// W4A16-NOT: accel.quantize
// W4A16: accel.quantized_matmul %arg0, %[[ONE]]
func.func @small(%x: tensor<3x4xbf16>) -> tensor<3x2xbf16> {
  %w = arith.constant dense<[[1.0, -2.0], [0.5, 4.0], [-1.27, 0.0], [0.25, 1.0]]> : tensor<4x2xbf16>
  %b = arith.constant dense<[0.5, -0.5]> : tensor<2xf32>
  %y = accel.matmul %x, %w, %b : (tensor<3x4xbf16>, tensor<4x2xbf16>, tensor<2xf32>) -> tensor<3x2xbf16>
  return %y : tensor<3x2xbf16>
}

// -----

// transpose_b and rank-3 activations: per-token scales [2, 3, 1] collapse to
// [2, 3]; group-wise scales are laid out like the [N, K] weight; an all-zero
// group gets scale 1.
// W4A8-LABEL: func.func @transposed
// W4A8-DAG: arith.constant dense<{{\[}}[2, -3, 1, 7, -7, 0, 1, 6], [0, 0, 0, 0, 3, 1, -7, 2]]> : tensor<2x8xi4>
// W4A8-DAG: arith.constant dense<{{\[}}[0.571428597, 0.178571433], [1.000000e+00, 1.000000e+00]]> : tensor<2x2xf32>
// W4A8: %[[Q:.+]], %[[S:.+]] = accel.quantize %arg0 {axis = 2 : i64, dtype = i8, granularity = "group", group_size = 8 : i64} : (tensor<2x3x8xf16>) -> (tensor<2x3x8xi8>, tensor<2x3x1xf32>)
// W4A8: %[[C:.+]] = tensor.collapse_shape %[[S]] {{\[}}[0], [1, 2]] : tensor<2x3x1xf32> into tensor<2x3xf32>
// W4A8: accel.quantized_matmul %[[Q]], %[[C]], %{{.+}}, %{{.+}} {transpose_b = true} : (tensor<2x3x8xi8>, tensor<2x3xf32>, tensor<2x8xi4>, tensor<2x2xf32>) -> tensor<2x3x2xf16>
func.func @transposed(%x: tensor<2x3x8xf16>) -> tensor<2x3x2xf16> {
  %w = arith.constant dense<[[1.0, -2.0, 0.5, 4.0, -1.25, 0.0, 0.25, 1.0], [0.0, 0.0, 0.0, 0.0, 3.0, 1.0, -7.0, 2.0]]> : tensor<2x8xf16>
  %y = accel.matmul %x, %w {transpose_b = true} : (tensor<2x3x8xf16>, tensor<2x8xf16>) -> tensor<2x3x2xf16>
  return %y : tensor<2x3x2xf16>
}

// -----

func.func @layer(%x: tensor<2x5x32xbf16>) -> tensor<2x5x8xbf16> {
  %w = arith.constant dense<[[-0.095, 0.120, 0.848, -0.069, 0.016, 0.175, -0.631, 0.024], [0.260, 0.586, -0.812, -0.393, -0.819, 0.619, 0.387, -0.916], [0.964, 0.930, 0.308, 0.231, -0.685, -0.970, 0.057, -0.881], [-0.620, -0.516, -0.940, -0.072, -0.119, 0.685, 0.038, 0.281], [-0.000, 0.325, -0.085, -0.444, 0.995, 0.991, 0.680, 0.416], [-0.369, -0.541, -0.422, -0.860, 0.533, -0.199, 0.693, -0.227], [0.916, 0.695, -0.999, -0.581, 0.821, -0.060, 0.961, -0.205], [-0.854, 0.259, 0.557, -0.460, -0.826, -0.335, 0.928, 0.516], [-0.764, -0.507, -0.798, -0.880, 0.594, -0.645, 0.119, -0.105], [-0.619, 0.464, -0.738, 0.287, -0.767, -0.158, -0.574, -0.460], [0.942, 0.607, -0.392, 0.770, -0.579, -0.211, 0.709, 0.284], [-0.799, 0.979, -0.574, -0.483, 0.545, -0.342, -0.407, -0.853], [-0.820, 0.165, -0.514, 0.203, -0.257, -0.094, 0.918, -0.033], [0.149, 0.733, -0.634, -0.692, 0.817, 0.636, -0.501, -0.620], [0.479, 0.881, -0.607, 0.900, 0.764, 0.207, -0.157, -0.792], [-0.923, 0.925, -0.523, 0.409, -0.486, 0.647, 0.193, -0.413], [-0.649, 0.441, -0.862, -0.543, 0.119, 0.705, 0.229, -0.440], [0.835, -0.592, -0.967, -0.462, -0.109, -0.879, -0.647, -0.262], [0.144, -0.737, -0.276, 0.782, 0.961, 0.314, 0.382, 0.169], [-0.719, -0.930, -0.964, 0.820, 0.402, 0.926, -0.957, 0.272], [-0.036, 0.461, -0.362, 0.999, -0.849, 0.092, 0.474, 0.800], [0.474, 0.407, 0.587, 0.830, -0.296, 0.370, 0.802, 0.742], [-0.166, 0.581, 0.727, 0.146, 0.250, -0.235, 0.165, 0.218], [-0.840, 0.279, 0.987, 0.760, 0.456, -0.223, 0.470, 0.162], [-0.119, 0.677, -0.832, 0.500, -0.940, 0.203, -0.038, -0.540], [0.397, -0.005, 0.229, 0.841, -0.488, -0.977, -0.398, 0.356], [-0.595, -0.661, 0.811, 0.320, -0.116, 0.783, -0.346, 0.332], [-0.603, -0.138, 0.612, 0.828, 0.761, -0.231, 0.166, -0.367], [-0.728, -0.007, 0.674, 0.697, 0.422, 0.900, -0.446, -0.662], [-0.099, -0.450, -0.572, -0.172, 0.251, -0.012, -0.369, 0.678], [0.964, -0.095, -0.851, -0.937, 0.746, -0.917, 0.417, 0.141], [-0.382, 0.583, -0.962, -0.728, -0.090, -0.951, 0.659, -0.525]]> : tensor<32x8xbf16>
  %b = arith.constant dense<[-0.359, -0.453, 0.129, -0.054, 0.130, 0.155, 0.307, 0.458]> : tensor<8xf32>
  %y = accel.matmul %x, %w, %b : (tensor<2x5x32xbf16>, tensor<32x8xbf16>, tensor<8xf32>) -> tensor<2x5x8xbf16>
  return %y : tensor<2x5x8xbf16>
}

func.func @layer_w8a8_at_run_time(%x: tensor<2x5x32xbf16>) -> tensor<2x5x8xbf16> {
  %w = arith.constant dense<[[-0.095, 0.120, 0.848, -0.069, 0.016, 0.175, -0.631, 0.024], [0.260, 0.586, -0.812, -0.393, -0.819, 0.619, 0.387, -0.916], [0.964, 0.930, 0.308, 0.231, -0.685, -0.970, 0.057, -0.881], [-0.620, -0.516, -0.940, -0.072, -0.119, 0.685, 0.038, 0.281], [-0.000, 0.325, -0.085, -0.444, 0.995, 0.991, 0.680, 0.416], [-0.369, -0.541, -0.422, -0.860, 0.533, -0.199, 0.693, -0.227], [0.916, 0.695, -0.999, -0.581, 0.821, -0.060, 0.961, -0.205], [-0.854, 0.259, 0.557, -0.460, -0.826, -0.335, 0.928, 0.516], [-0.764, -0.507, -0.798, -0.880, 0.594, -0.645, 0.119, -0.105], [-0.619, 0.464, -0.738, 0.287, -0.767, -0.158, -0.574, -0.460], [0.942, 0.607, -0.392, 0.770, -0.579, -0.211, 0.709, 0.284], [-0.799, 0.979, -0.574, -0.483, 0.545, -0.342, -0.407, -0.853], [-0.820, 0.165, -0.514, 0.203, -0.257, -0.094, 0.918, -0.033], [0.149, 0.733, -0.634, -0.692, 0.817, 0.636, -0.501, -0.620], [0.479, 0.881, -0.607, 0.900, 0.764, 0.207, -0.157, -0.792], [-0.923, 0.925, -0.523, 0.409, -0.486, 0.647, 0.193, -0.413], [-0.649, 0.441, -0.862, -0.543, 0.119, 0.705, 0.229, -0.440], [0.835, -0.592, -0.967, -0.462, -0.109, -0.879, -0.647, -0.262], [0.144, -0.737, -0.276, 0.782, 0.961, 0.314, 0.382, 0.169], [-0.719, -0.930, -0.964, 0.820, 0.402, 0.926, -0.957, 0.272], [-0.036, 0.461, -0.362, 0.999, -0.849, 0.092, 0.474, 0.800], [0.474, 0.407, 0.587, 0.830, -0.296, 0.370, 0.802, 0.742], [-0.166, 0.581, 0.727, 0.146, 0.250, -0.235, 0.165, 0.218], [-0.840, 0.279, 0.987, 0.760, 0.456, -0.223, 0.470, 0.162], [-0.119, 0.677, -0.832, 0.500, -0.940, 0.203, -0.038, -0.540], [0.397, -0.005, 0.229, 0.841, -0.488, -0.977, -0.398, 0.356], [-0.595, -0.661, 0.811, 0.320, -0.116, 0.783, -0.346, 0.332], [-0.603, -0.138, 0.612, 0.828, 0.761, -0.231, 0.166, -0.367], [-0.728, -0.007, 0.674, 0.697, 0.422, 0.900, -0.446, -0.662], [-0.099, -0.450, -0.572, -0.172, 0.251, -0.012, -0.369, 0.678], [0.964, -0.095, -0.851, -0.937, 0.746, -0.917, 0.417, 0.141], [-0.382, 0.583, -0.962, -0.728, -0.090, -0.951, 0.659, -0.525]]> : tensor<32x8xbf16>
  %b = arith.constant dense<[-0.359, -0.453, 0.129, -0.054, 0.130, 0.155, 0.307, 0.458]> : tensor<8xf32>
  %wq, %ws = accel.quantize %w {dtype = i8, granularity = "channel", axis = 1 : i64} : (tensor<32x8xbf16>) -> (tensor<32x8xi8>, tensor<8xf32>)
  %xq, %xs = accel.quantize %x {dtype = i8, granularity = "group", axis = 2 : i64, group_size = 32 : i64} : (tensor<2x5x32xbf16>) -> (tensor<2x5x32xi8>, tensor<2x5x1xf32>)
  %xs2 = tensor.collapse_shape %xs [[0], [1, 2]] : tensor<2x5x1xf32> into tensor<2x5xf32>
  %y = accel.quantized_matmul %xq, %xs2, %wq, %ws, %b : (tensor<2x5x32xi8>, tensor<2x5xf32>, tensor<32x8xi8>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xbf16>
  return %y : tensor<2x5x8xbf16>
}

func.func @layer_w4a16_at_run_time(%x: tensor<2x5x32xbf16>) -> tensor<2x5x8xbf16> {
  %w = arith.constant dense<[[-0.095, 0.120, 0.848, -0.069, 0.016, 0.175, -0.631, 0.024], [0.260, 0.586, -0.812, -0.393, -0.819, 0.619, 0.387, -0.916], [0.964, 0.930, 0.308, 0.231, -0.685, -0.970, 0.057, -0.881], [-0.620, -0.516, -0.940, -0.072, -0.119, 0.685, 0.038, 0.281], [-0.000, 0.325, -0.085, -0.444, 0.995, 0.991, 0.680, 0.416], [-0.369, -0.541, -0.422, -0.860, 0.533, -0.199, 0.693, -0.227], [0.916, 0.695, -0.999, -0.581, 0.821, -0.060, 0.961, -0.205], [-0.854, 0.259, 0.557, -0.460, -0.826, -0.335, 0.928, 0.516], [-0.764, -0.507, -0.798, -0.880, 0.594, -0.645, 0.119, -0.105], [-0.619, 0.464, -0.738, 0.287, -0.767, -0.158, -0.574, -0.460], [0.942, 0.607, -0.392, 0.770, -0.579, -0.211, 0.709, 0.284], [-0.799, 0.979, -0.574, -0.483, 0.545, -0.342, -0.407, -0.853], [-0.820, 0.165, -0.514, 0.203, -0.257, -0.094, 0.918, -0.033], [0.149, 0.733, -0.634, -0.692, 0.817, 0.636, -0.501, -0.620], [0.479, 0.881, -0.607, 0.900, 0.764, 0.207, -0.157, -0.792], [-0.923, 0.925, -0.523, 0.409, -0.486, 0.647, 0.193, -0.413], [-0.649, 0.441, -0.862, -0.543, 0.119, 0.705, 0.229, -0.440], [0.835, -0.592, -0.967, -0.462, -0.109, -0.879, -0.647, -0.262], [0.144, -0.737, -0.276, 0.782, 0.961, 0.314, 0.382, 0.169], [-0.719, -0.930, -0.964, 0.820, 0.402, 0.926, -0.957, 0.272], [-0.036, 0.461, -0.362, 0.999, -0.849, 0.092, 0.474, 0.800], [0.474, 0.407, 0.587, 0.830, -0.296, 0.370, 0.802, 0.742], [-0.166, 0.581, 0.727, 0.146, 0.250, -0.235, 0.165, 0.218], [-0.840, 0.279, 0.987, 0.760, 0.456, -0.223, 0.470, 0.162], [-0.119, 0.677, -0.832, 0.500, -0.940, 0.203, -0.038, -0.540], [0.397, -0.005, 0.229, 0.841, -0.488, -0.977, -0.398, 0.356], [-0.595, -0.661, 0.811, 0.320, -0.116, 0.783, -0.346, 0.332], [-0.603, -0.138, 0.612, 0.828, 0.761, -0.231, 0.166, -0.367], [-0.728, -0.007, 0.674, 0.697, 0.422, 0.900, -0.446, -0.662], [-0.099, -0.450, -0.572, -0.172, 0.251, -0.012, -0.369, 0.678], [0.964, -0.095, -0.851, -0.937, 0.746, -0.917, 0.417, 0.141], [-0.382, 0.583, -0.962, -0.728, -0.090, -0.951, 0.659, -0.525]]> : tensor<32x8xbf16>
  %b = arith.constant dense<[-0.359, -0.453, 0.129, -0.054, 0.130, 0.155, 0.307, 0.458]> : tensor<8xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %wq, %ws = accel.quantize %w {dtype = i4, granularity = "group", axis = 0 : i64, group_size = 8 : i64} : (tensor<32x8xbf16>) -> (tensor<32x8xi4>, tensor<4x8xf32>)
  %y = accel.quantized_matmul %x, %one, %wq, %ws, %b : (tensor<2x5x32xbf16>, tensor<f32>, tensor<32x8xi4>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<2x5x8xbf16>
  return %y : tensor<2x5x8xbf16>
}


func.func @layer_fp8_at_run_time(%x: tensor<2x5x32xbf16>) -> tensor<2x5x8xbf16> {
  %w = arith.constant dense<[[-0.095, 0.120, 0.848, -0.069, 0.016, 0.175, -0.631, 0.024], [0.260, 0.586, -0.812, -0.393, -0.819, 0.619, 0.387, -0.916], [0.964, 0.930, 0.308, 0.231, -0.685, -0.970, 0.057, -0.881], [-0.620, -0.516, -0.940, -0.072, -0.119, 0.685, 0.038, 0.281], [-0.000, 0.325, -0.085, -0.444, 0.995, 0.991, 0.680, 0.416], [-0.369, -0.541, -0.422, -0.860, 0.533, -0.199, 0.693, -0.227], [0.916, 0.695, -0.999, -0.581, 0.821, -0.060, 0.961, -0.205], [-0.854, 0.259, 0.557, -0.460, -0.826, -0.335, 0.928, 0.516], [-0.764, -0.507, -0.798, -0.880, 0.594, -0.645, 0.119, -0.105], [-0.619, 0.464, -0.738, 0.287, -0.767, -0.158, -0.574, -0.460], [0.942, 0.607, -0.392, 0.770, -0.579, -0.211, 0.709, 0.284], [-0.799, 0.979, -0.574, -0.483, 0.545, -0.342, -0.407, -0.853], [-0.820, 0.165, -0.514, 0.203, -0.257, -0.094, 0.918, -0.033], [0.149, 0.733, -0.634, -0.692, 0.817, 0.636, -0.501, -0.620], [0.479, 0.881, -0.607, 0.900, 0.764, 0.207, -0.157, -0.792], [-0.923, 0.925, -0.523, 0.409, -0.486, 0.647, 0.193, -0.413], [-0.649, 0.441, -0.862, -0.543, 0.119, 0.705, 0.229, -0.440], [0.835, -0.592, -0.967, -0.462, -0.109, -0.879, -0.647, -0.262], [0.144, -0.737, -0.276, 0.782, 0.961, 0.314, 0.382, 0.169], [-0.719, -0.930, -0.964, 0.820, 0.402, 0.926, -0.957, 0.272], [-0.036, 0.461, -0.362, 0.999, -0.849, 0.092, 0.474, 0.800], [0.474, 0.407, 0.587, 0.830, -0.296, 0.370, 0.802, 0.742], [-0.166, 0.581, 0.727, 0.146, 0.250, -0.235, 0.165, 0.218], [-0.840, 0.279, 0.987, 0.760, 0.456, -0.223, 0.470, 0.162], [-0.119, 0.677, -0.832, 0.500, -0.940, 0.203, -0.038, -0.540], [0.397, -0.005, 0.229, 0.841, -0.488, -0.977, -0.398, 0.356], [-0.595, -0.661, 0.811, 0.320, -0.116, 0.783, -0.346, 0.332], [-0.603, -0.138, 0.612, 0.828, 0.761, -0.231, 0.166, -0.367], [-0.728, -0.007, 0.674, 0.697, 0.422, 0.900, -0.446, -0.662], [-0.099, -0.450, -0.572, -0.172, 0.251, -0.012, -0.369, 0.678], [0.964, -0.095, -0.851, -0.937, 0.746, -0.917, 0.417, 0.141], [-0.382, 0.583, -0.962, -0.728, -0.090, -0.951, 0.659, -0.525]]> : tensor<32x8xbf16>
  %b = arith.constant dense<[-0.359, -0.453, 0.129, -0.054, 0.130, 0.155, 0.307, 0.458]> : tensor<8xf32>
  %wq, %ws = accel.quantize %w {dtype = f8E4M3FN, granularity = "channel", axis = 1 : i64} : (tensor<32x8xbf16>) -> (tensor<32x8xf8E4M3FN>, tensor<8xf32>)
  %xq, %xs = accel.quantize %x {dtype = f8E4M3FN, granularity = "group", axis = 2 : i64, group_size = 32 : i64} : (tensor<2x5x32xbf16>) -> (tensor<2x5x32xf8E4M3FN>, tensor<2x5x1xf32>)
  %xs2 = tensor.collapse_shape %xs [[0], [1, 2]] : tensor<2x5x1xf32> into tensor<2x5xf32>
  %y = accel.quantized_matmul %xq, %xs2, %wq, %ws, %b : (tensor<2x5x32xf8E4M3FN>, tensor<2x5xf32>, tensor<32x8xf8E4M3FN>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xbf16>
  return %y : tensor<2x5x8xbf16>
}

func.func @layer_w4a8_at_run_time(%x: tensor<2x5x32xbf16>) -> tensor<2x5x8xbf16> {
  %w = arith.constant dense<[[-0.095, 0.120, 0.848, -0.069, 0.016, 0.175, -0.631, 0.024], [0.260, 0.586, -0.812, -0.393, -0.819, 0.619, 0.387, -0.916], [0.964, 0.930, 0.308, 0.231, -0.685, -0.970, 0.057, -0.881], [-0.620, -0.516, -0.940, -0.072, -0.119, 0.685, 0.038, 0.281], [-0.000, 0.325, -0.085, -0.444, 0.995, 0.991, 0.680, 0.416], [-0.369, -0.541, -0.422, -0.860, 0.533, -0.199, 0.693, -0.227], [0.916, 0.695, -0.999, -0.581, 0.821, -0.060, 0.961, -0.205], [-0.854, 0.259, 0.557, -0.460, -0.826, -0.335, 0.928, 0.516], [-0.764, -0.507, -0.798, -0.880, 0.594, -0.645, 0.119, -0.105], [-0.619, 0.464, -0.738, 0.287, -0.767, -0.158, -0.574, -0.460], [0.942, 0.607, -0.392, 0.770, -0.579, -0.211, 0.709, 0.284], [-0.799, 0.979, -0.574, -0.483, 0.545, -0.342, -0.407, -0.853], [-0.820, 0.165, -0.514, 0.203, -0.257, -0.094, 0.918, -0.033], [0.149, 0.733, -0.634, -0.692, 0.817, 0.636, -0.501, -0.620], [0.479, 0.881, -0.607, 0.900, 0.764, 0.207, -0.157, -0.792], [-0.923, 0.925, -0.523, 0.409, -0.486, 0.647, 0.193, -0.413], [-0.649, 0.441, -0.862, -0.543, 0.119, 0.705, 0.229, -0.440], [0.835, -0.592, -0.967, -0.462, -0.109, -0.879, -0.647, -0.262], [0.144, -0.737, -0.276, 0.782, 0.961, 0.314, 0.382, 0.169], [-0.719, -0.930, -0.964, 0.820, 0.402, 0.926, -0.957, 0.272], [-0.036, 0.461, -0.362, 0.999, -0.849, 0.092, 0.474, 0.800], [0.474, 0.407, 0.587, 0.830, -0.296, 0.370, 0.802, 0.742], [-0.166, 0.581, 0.727, 0.146, 0.250, -0.235, 0.165, 0.218], [-0.840, 0.279, 0.987, 0.760, 0.456, -0.223, 0.470, 0.162], [-0.119, 0.677, -0.832, 0.500, -0.940, 0.203, -0.038, -0.540], [0.397, -0.005, 0.229, 0.841, -0.488, -0.977, -0.398, 0.356], [-0.595, -0.661, 0.811, 0.320, -0.116, 0.783, -0.346, 0.332], [-0.603, -0.138, 0.612, 0.828, 0.761, -0.231, 0.166, -0.367], [-0.728, -0.007, 0.674, 0.697, 0.422, 0.900, -0.446, -0.662], [-0.099, -0.450, -0.572, -0.172, 0.251, -0.012, -0.369, 0.678], [0.964, -0.095, -0.851, -0.937, 0.746, -0.917, 0.417, 0.141], [-0.382, 0.583, -0.962, -0.728, -0.090, -0.951, 0.659, -0.525]]> : tensor<32x8xbf16>
  %b = arith.constant dense<[-0.359, -0.453, 0.129, -0.054, 0.130, 0.155, 0.307, 0.458]> : tensor<8xf32>
  %wq, %ws = accel.quantize %w {dtype = i4, granularity = "group", axis = 0 : i64, group_size = 8 : i64} : (tensor<32x8xbf16>) -> (tensor<32x8xi4>, tensor<4x8xf32>)
  %xq, %xs = accel.quantize %x {dtype = i8, granularity = "group", axis = 2 : i64, group_size = 32 : i64} : (tensor<2x5x32xbf16>) -> (tensor<2x5x32xi8>, tensor<2x5x1xf32>)
  %xs2 = tensor.collapse_shape %xs [[0], [1, 2]] : tensor<2x5x1xf32> into tensor<2x5xf32>
  %y = accel.quantized_matmul %xq, %xs2, %wq, %ws, %b : (tensor<2x5x32xi8>, tensor<2x5xf32>, tensor<32x8xi4>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<2x5x8xbf16>
  return %y : tensor<2x5x8xbf16>
}

// -----

// negative: what is left alone, with a remark; a non-constant weight
// silently.
// REMARK-DAG: remark: not quantized (w4a16): the weight has rank 3; a quantized matmul takes a 2-d weight
// REMARK-DAG: remark: not quantized (w4a16): W4A16 needs f16 or bf16 activations
// REMARK-DAG: remark: not quantized (w4a16): K (6) is not a multiple of the group size 4
// W4A16-LABEL: func.func @negative_cases
// W4A16-NOT: accel.quantized_matmul
func.func @negative_cases(%x: tensor<2x3x4xbf16>, %xf: tensor<3x4xf32>, %x6: tensor<3x6xbf16>, %x4: tensor<3x4xbf16>, %v: tensor<4x2xbf16>)
    -> (tensor<2x3x2xbf16>, tensor<3x2xf32>, tensor<3x2xbf16>, tensor<3x2xbf16>) {
  %wb = arith.constant dense<1.0> : tensor<2x4x2xbf16>
  %y0 = accel.matmul %x, %wb : (tensor<2x3x4xbf16>, tensor<2x4x2xbf16>) -> tensor<2x3x2xbf16>
  %wf = arith.constant dense<1.0> : tensor<4x2xf32>
  %y1 = accel.matmul %xf, %wf : (tensor<3x4xf32>, tensor<4x2xf32>) -> tensor<3x2xf32>
  %w6 = arith.constant dense<1.0> : tensor<6x2xbf16>
  %y2 = accel.matmul %x6, %w6 : (tensor<3x6xbf16>, tensor<6x2xbf16>) -> tensor<3x2xbf16>
  %y3 = accel.matmul %x4, %v : (tensor<3x4xbf16>, tensor<4x2xbf16>) -> tensor<3x2xbf16>
  return %y0, %y1, %y2, %y3 : tensor<2x3x2xbf16>, tensor<3x2xf32>, tensor<3x2xbf16>, tensor<3x2xbf16>
}
