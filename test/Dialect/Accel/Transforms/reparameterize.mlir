// RUN: accel-opt %s --accel-reparameterize --split-input-file 2>/dev/null | FileCheck %s
// RUN: accel-opt %s --accel-reparameterize --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// Exact up to rounding: the same outputs on random inputs.
// RUN: accel-run %s --entry=ffn_residual --input=5x8 --pipeline=accel-reparameterize --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=ffn_generic_gelu --input=2x3x8 --pipeline=accel-reparameterize --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=ffn_linalg --input=7x8 --pipeline=accel-reparameterize --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=ffn_residual --input=5x8 --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s --check-prefix=SAME
// SAME: compare: result #0 ok

// x + relu_idle(x W1 + b1) W2 + b2 with 12 of 16 channels active: a
// [8, 12] first layer, a [12, 8] second layer with the folded bias, and
// the idle path plus the residual as one [8, 8] constant.
// REMARK: remark: reparameterized the FFN: 12 of 16 hidden channels stay active, the other 4 fold into a constant [8, 8] weight with the residual
// CHECK-LABEL: func.func @ffn_residual
// CHECK-SAME: (%[[X:.+]]: tensor<5x8xf32>)
// CHECK: %[[H:.+]] = accel.matmul %[[X]], %{{.+}}, %{{.+}} : (tensor<5x8xf32>, tensor<8x12xf32>, tensor<12xf32>) -> tensor<5x12xf32>
// CHECK: %[[R:.+]] = arith.maximumf %[[H]]
// CHECK: %[[A:.+]] = accel.matmul %[[R]], %{{.+}}, %{{.+}} : (tensor<5x12xf32>, tensor<12x8xf32>, tensor<8xf32>) -> tensor<5x8xf32>
// CHECK: %[[L:.+]] = accel.matmul %[[X]], %{{.+}} : (tensor<5x8xf32>, tensor<8x8xf32>) -> tensor<5x8xf32>
// CHECK: %[[Y:.+]] = arith.addf %[[A]], %[[L]]
// CHECK-NOT: tensor.concat
// CHECK: return %[[Y]]
func.func @ffn_residual(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  %w1 = arith.constant dense<[[-0.048, 0.060, 0.424, -0.034, 0.008, 0.087, -0.315, 0.012, 0.130, 0.293, -0.406, -0.197, -0.409, 0.310, 0.193, -0.458], [0.482, 0.465, 0.154, 0.116, -0.343, -0.485, 0.028, -0.440, -0.310, -0.258, -0.470, -0.036, -0.059, 0.342, 0.019, 0.140], [-0.000, 0.162, -0.043, -0.222, 0.498, 0.496, 0.340, 0.208, -0.185, -0.270, -0.211, -0.430, 0.266, -0.100, 0.347, -0.113], [0.458, 0.347, -0.499, -0.290, 0.410, -0.030, 0.480, -0.103, -0.427, 0.129, 0.279, -0.230, -0.413, -0.167, 0.464, 0.258], [-0.382, -0.254, -0.399, -0.440, 0.297, -0.322, 0.059, -0.053, -0.309, 0.232, -0.369, 0.144, -0.383, -0.079, -0.287, -0.230], [0.471, 0.303, -0.196, 0.385, -0.289, -0.106, 0.354, 0.142, -0.400, 0.489, -0.287, -0.242, 0.273, -0.171, -0.204, -0.427], [-0.410, 0.083, -0.257, 0.101, -0.128, -0.047, 0.459, -0.016, 0.075, 0.367, -0.317, -0.346, 0.408, 0.318, -0.251, -0.310], [0.239, 0.440, -0.303, 0.450, 0.382, 0.104, -0.079, -0.396, -0.461, 0.463, -0.262, 0.205, -0.243, 0.324, 0.096, -0.207]]> : tensor<8x16xf32>
  %b1 = arith.constant dense<[-0.325, 0.220, -0.431, -0.272, 0.059, 0.352, 0.114, -0.220, 0.417, -0.296, -0.483, -0.231, -0.054, -0.440, -0.324, -0.131]> : tensor<16xf32>
  %w2 = arith.constant dense<[[0.072, -0.368, -0.138, 0.391, 0.480, 0.157, 0.191, 0.084], [-0.360, -0.465, -0.482, 0.410, 0.201, 0.463, -0.479, 0.136], [-0.018, 0.230, -0.181, 0.499, -0.425, 0.046, 0.237, 0.400], [0.237, 0.204, 0.293, 0.415, -0.148, 0.185, 0.401, 0.371], [-0.083, 0.291, 0.363, 0.073, 0.125, -0.118, 0.083, 0.109], [-0.420, 0.139, 0.493, 0.380, 0.228, -0.112, 0.235, 0.081], [-0.059, 0.338, -0.416, 0.250, -0.470, 0.101, -0.019, -0.270], [0.198, -0.003, 0.115, 0.420, -0.244, -0.489, -0.199, 0.178], [-0.297, -0.330, 0.406, 0.160, -0.058, 0.392, -0.173, 0.166], [-0.301, -0.069, 0.306, 0.414, 0.380, -0.116, 0.083, -0.184], [-0.364, -0.004, 0.337, 0.349, 0.211, 0.450, -0.223, -0.331], [-0.049, -0.225, -0.286, -0.086, 0.126, -0.006, -0.185, 0.339], [0.482, -0.048, -0.425, -0.469, 0.373, -0.459, 0.209, 0.071], [-0.191, 0.292, -0.481, -0.364, -0.045, -0.475, 0.330, -0.263], [-0.359, -0.453, 0.129, -0.054, 0.130, 0.155, 0.307, 0.458], [0.184, -0.301, -0.025, -0.321, -0.489, -0.028, 0.214, -0.321]]> : tensor<16x8xf32>
  %b2 = arith.constant dense<[-0.228, -0.154, 0.197, 0.020, 0.114, 0.256, -0.106, 0.292]> : tensor<8xf32>
  %zero = arith.constant dense<0.0> : tensor<5x12xf32>
  %h = accel.matmul %x, %w1, %b1 : (tensor<5x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<5x16xf32>
  %active = tensor.extract_slice %h[0, 0] [5, 12] [1, 1] : tensor<5x16xf32> to tensor<5x12xf32>
  %relu = arith.maximumf %active, %zero : tensor<5x12xf32>
  %idle = tensor.extract_slice %h[0, 12] [5, 4] [1, 1] : tensor<5x16xf32> to tensor<5x4xf32>
  %c = tensor.concat dim(1) %relu, %idle : (tensor<5x12xf32>, tensor<5x4xf32>) -> tensor<5x16xf32>
  %o = accel.matmul %c, %w2, %b2 : (tensor<5x16xf32>, tensor<16x8xf32>, tensor<8xf32>) -> tensor<5x8xf32>
  %y = arith.addf %x, %o : tensor<5x8xf32>
  return %y : tensor<5x8xf32>
}

// -----

// Generic form, batch dims, a transposed first weight [H, D], a GELU as a
// linalg.generic, and no residual: the FFN maps 8 to 6 channels, half of
// the 16 hidden ones active.
// REMARK: remark: reparameterized the FFN: 8 of 16 hidden channels stay active, the other 8 fold into a constant [8, 6] weight{{$}}
// CHECK-LABEL: func.func @ffn_generic_gelu
// CHECK: accel.matmul %{{.+}} : (tensor<2x3x8xf32>, tensor<8x8xf32>) -> tensor<2x3x8xf32>
// CHECK: linalg.generic
// CHECK: accel.matmul %{{.+}} : (tensor<2x3x8xf32>, tensor<8x6xf32>, tensor<6xf32>) -> tensor<2x3x6xf32>
// CHECK: accel.matmul %{{.+}} : (tensor<2x3x8xf32>, tensor<8x6xf32>) -> tensor<2x3x6xf32>
#map = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @ffn_generic_gelu(%x: tensor<2x3x8xf32>) -> tensor<2x3x6xf32> {
  %w1 = "arith.constant"() <{value = dense<[[0.406, -0.413, 0.433, 0.222, -0.370, -0.046, 0.126, 0.410], [-0.123, 0.069, 0.379, 0.297, 0.444, -0.036, 0.151, -0.295], [0.222, 0.318, 0.142, 0.218, -0.287, 0.400, 0.480, 0.477], [0.037, 0.291, -0.180, 0.410, 0.356, -0.151, -0.417, -0.059], [0.050, 0.268, -0.013, -0.472, 0.309, -0.436, 0.300, -0.327], [-0.165, 0.288, -0.359, -0.351, 0.017, 0.224, 0.340, 0.189], [0.446, -0.007, 0.449, -0.414, -0.279, 0.027, -0.210, 0.229], [0.139, 0.023, 0.344, 0.060, -0.188, -0.119, 0.345, 0.401], [-0.292, 0.351, 0.468, 0.024, 0.073, -0.299, 0.036, 0.003], [0.105, -0.472, 0.469, 0.016, -0.099, 0.301, 0.063, -0.009], [0.191, -0.434, 0.039, -0.086, 0.457, 0.423, -0.231, -0.027], [-0.373, -0.066, 0.316, 0.401, -0.023, -0.183, -0.309, 0.118], [0.425, -0.371, 0.279, -0.477, -0.306, -0.273, 0.187, -0.178], [-0.145, 0.120, -0.395, 0.231, -0.377, 0.010, -0.249, -0.302], [0.030, -0.063, -0.124, -0.087, 0.029, -0.340, -0.296, 0.131], [0.138, 0.030, 0.351, 0.112, 0.357, -0.267, 0.241, 0.311]]> : tensor<16x8xf32>}> : () -> tensor<16x8xf32>
  %w2 = "arith.constant"() <{value = dense<[[0.403, -0.184, -0.185, 0.423, -0.282, 0.498], [0.388, -0.366, -0.261, 0.227, -0.241, -0.403], [0.332, -0.078, 0.290, -0.374, -0.097, 0.185], [-0.482, -0.299, 0.182, 0.411, 0.468, -0.385], [0.006, 0.258, 0.003, 0.186, -0.311, -0.429], [-0.394, -0.463, 0.052, 0.015, 0.069, -0.353], [-0.315, -0.296, 0.340, 0.490, 0.427, -0.405], [-0.438, 0.451, -0.038, 0.265, -0.173, -0.033], [0.015, -0.070, 0.101, -0.487, 0.201, 0.344], [-0.319, -0.046, 0.239, -0.095, -0.305, -0.335], [0.013, -0.485, 0.393, 0.302, 0.205, 0.361], [0.129, -0.095, 0.100, 0.004, 0.483, 0.305], [-0.242, 0.411, 0.244, 0.278, 0.315, -0.094], [0.397, 0.380, 0.195, 0.267, 0.265, -0.094], [0.223, -0.429, -0.158, -0.031, -0.489, -0.144], [0.139, 0.124, -0.268, 0.445, 0.166, -0.162]]> : tensor<16x6xf32>}> : () -> tensor<16x6xf32>
  %b2 = "arith.constant"() <{value = dense<[0.160, 0.070, 0.033, -0.110, 0.500, 0.142]> : tensor<6xf32>}> : () -> tensor<6xf32>
  %h = "accel.matmul"(%x, %w1) <{transpose_b = true}> : (tensor<2x3x8xf32>, tensor<16x8xf32>) -> tensor<2x3x16xf32>
  %active = "tensor.extract_slice"(%h) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0, 0>, static_sizes = array<i64: 2, 3, 8>, static_strides = array<i64: 1, 1, 1>}> : (tensor<2x3x16xf32>) -> tensor<2x3x8xf32>
  %init = "tensor.empty"() : () -> tensor<2x3x8xf32>
  %gelu = "linalg.generic"(%active, %init) <{indexing_maps = [#map, #map], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    %half = "arith.constant"() <{value = 0.5 : f32}> : () -> f32
    %one = "arith.constant"() <{value = 1.0 : f32}> : () -> f32
    %rsqrt2 = "arith.constant"() <{value = 0.70710678 : f32}> : () -> f32
    %s = "arith.mulf"(%in, %rsqrt2) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %e = "math.erf"(%s) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %p = "arith.addf"(%e, %one) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %q = "arith.mulf"(%in, %p) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %g = "arith.mulf"(%q, %half) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    "linalg.yield"(%g) : (f32) -> ()
  }) : (tensor<2x3x8xf32>, tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %idle = "tensor.extract_slice"(%h) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0, 8>, static_sizes = array<i64: 2, 3, 8>, static_strides = array<i64: 1, 1, 1>}> : (tensor<2x3x16xf32>) -> tensor<2x3x8xf32>
  %c = "tensor.concat"(%gelu, %idle) <{dim = 2 : i64}> : (tensor<2x3x8xf32>, tensor<2x3x8xf32>) -> tensor<2x3x16xf32>
  %o = "accel.matmul"(%c, %w2, %b2) : (tensor<2x3x16xf32>, tensor<16x6xf32>, tensor<6xf32>) -> tensor<2x3x6xf32>
  "func.return"(%o) : (tensor<2x3x6xf32>) -> ()
}

// -----

// Both layers as linalg.matmul into zero-filled inits, no biases, the
// residual on the right: 8 of 12 channels active.
// REMARK: remark: reparameterized the FFN: 8 of 12 hidden channels stay active, the other 4 fold into a constant [8, 8] weight with the residual
// CHECK-LABEL: func.func @ffn_linalg
// CHECK-NOT: linalg.matmul
// CHECK: accel.matmul %{{.+}} : (tensor<7x8xf32>, tensor<8x8xf32>) -> tensor<7x8xf32>
// CHECK: accel.matmul %{{.+}} : (tensor<7x8xf32>, tensor<8x8xf32>) -> tensor<7x8xf32>
// CHECK: accel.matmul %{{.+}} : (tensor<7x8xf32>, tensor<8x8xf32>) -> tensor<7x8xf32>
// CHECK-NOT: linalg.matmul
func.func @ffn_linalg(%x: tensor<7x8xf32>) -> tensor<7x8xf32> {
  %w1 = arith.constant dense<[[0.201, 0.262, 0.480, -0.477, 0.115, 0.239, -0.243, -0.098, -0.450, -0.305, -0.124, -0.402], [-0.249, 0.406, 0.050, 0.008, 0.467, 0.068, 0.495, 0.138, 0.310, -0.424, 0.098, 0.259], [-0.455, 0.430, -0.340, -0.028, -0.331, -0.004, 0.111, -0.441, 0.445, -0.079, 0.027, 0.098], [-0.134, -0.214, 0.155, 0.061, -0.216, 0.217, -0.204, -0.486, -0.255, -0.457, -0.343, 0.255], [-0.110, 0.398, 0.248, -0.450, 0.489, 0.444, -0.426, 0.406, -0.070, -0.022, 0.473, -0.256], [0.023, 0.437, 0.223, -0.032, 0.479, 0.317, 0.104, -0.385, 0.124, -0.044, -0.296, -0.448], [0.028, -0.376, -0.057, 0.168, -0.044, -0.238, 0.082, -0.080, 0.278, 0.031, 0.498, 0.453], [0.234, -0.262, -0.386, 0.393, 0.284, 0.125, -0.141, -0.228, 0.185, 0.065, 0.092, 0.133]]> : tensor<8x12xf32>
  %w2 = arith.constant dense<[[0.253, -0.310, -0.251, 0.480, 0.416, 0.379, -0.460, -0.439], [-0.229, -0.075, 0.123, -0.398, 0.042, -0.428, -0.414, 0.176], [0.051, 0.131, -0.127, -0.021, -0.289, -0.156, 0.245, 0.339], [-0.426, -0.380, 0.309, 0.124, 0.269, -0.287, -0.076, -0.242], [0.310, -0.131, 0.154, 0.489, -0.175, 0.049, 0.246, 0.421], [-0.072, -0.131, -0.403, 0.375, -0.421, -0.417, 0.064, -0.015], [0.185, -0.201, 0.276, -0.424, -0.287, 0.162, -0.418, -0.196], [0.225, 0.194, -0.217, -0.357, -0.142, 0.226, -0.134, -0.383], [0.209, 0.069, 0.419, 0.440, 0.413, -0.062, 0.303, -0.195], [-0.182, -0.100, 0.435, 0.395, -0.252, -0.138, -0.134, -0.137], [-0.104, -0.112, -0.305, 0.064, 0.297, 0.041, 0.336, 0.063], [-0.323, 0.259, 0.381, -0.219, -0.478, 0.016, 0.044, 0.067]]> : tensor<12x8xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<7x12xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<7x12xf32>) -> tensor<7x12xf32>
  %h = linalg.matmul ins(%x, %w1 : tensor<7x8xf32>, tensor<8x12xf32>) outs(%f1 : tensor<7x12xf32>) -> tensor<7x12xf32>
  %active = tensor.extract_slice %h[0, 0] [7, 8] [1, 1] : tensor<7x12xf32> to tensor<7x8xf32>
  %t = math.tanh %active : tensor<7x8xf32>
  %idle = tensor.extract_slice %h[0, 8] [7, 4] [1, 1] : tensor<7x12xf32> to tensor<7x4xf32>
  %c = tensor.concat dim(1) %t, %idle : (tensor<7x8xf32>, tensor<7x4xf32>) -> tensor<7x12xf32>
  %e2 = tensor.empty() : tensor<7x8xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<7x8xf32>) -> tensor<7x8xf32>
  %o = linalg.matmul ins(%c, %w2 : tensor<7x12xf32>, tensor<12x8xf32>) outs(%f2 : tensor<7x8xf32>) -> tensor<7x8xf32>
  %y = arith.addf %o, %x : tensor<7x8xf32>
  return %y : tensor<7x8xf32>
}

// -----

// negative_: weights that are not constants stay, with a remark.
// REMARK: remark: FFN not reparameterized: a weight is not a constant
// CHECK-LABEL: func.func @negative_weight_argument
// CHECK: tensor.concat
func.func @negative_weight_argument(%x: tensor<5x8xf32>, %w1: tensor<8x16xf32>, %w2: tensor<16x8xf32>) -> tensor<5x8xf32> {
  %h = accel.matmul %x, %w1 : (tensor<5x8xf32>, tensor<8x16xf32>) -> tensor<5x16xf32>
  %active = tensor.extract_slice %h[0, 0] [5, 12] [1, 1] : tensor<5x16xf32> to tensor<5x12xf32>
  %t = math.tanh %active : tensor<5x12xf32>
  %idle = tensor.extract_slice %h[0, 12] [5, 4] [1, 1] : tensor<5x16xf32> to tensor<5x4xf32>
  %c = tensor.concat dim(1) %t, %idle : (tensor<5x12xf32>, tensor<5x4xf32>) -> tensor<5x16xf32>
  %o = accel.matmul %c, %w2 : (tensor<5x16xf32>, tensor<16x8xf32>) -> tensor<5x8xf32>
  return %o : tensor<5x8xf32>
}

// -----

// negative_: the slices overlap (channels 8..11 twice): not RePaViT's split.
// REMARK: remark: FFN not reparameterized: the slices are not the leading channels [0, A) and the rest [A, H) of the hidden activations
// CHECK-LABEL: func.func @negative_overlapping_slices
// CHECK: tensor.concat
func.func @negative_overlapping_slices(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  %w1 = arith.constant dense<0.5> : tensor<8x12xf32>
  %w2 = arith.constant dense<0.25> : tensor<16x8xf32>
  %h = accel.matmul %x, %w1 : (tensor<5x8xf32>, tensor<8x12xf32>) -> tensor<5x12xf32>
  %active = tensor.extract_slice %h[0, 0] [5, 12] [1, 1] : tensor<5x12xf32> to tensor<5x12xf32>
  %t = math.tanh %active : tensor<5x12xf32>
  %idle = tensor.extract_slice %h[0, 8] [5, 4] [1, 1] : tensor<5x12xf32> to tensor<5x4xf32>
  %c = tensor.concat dim(1) %t, %idle : (tensor<5x12xf32>, tensor<5x4xf32>) -> tensor<5x16xf32>
  %o = accel.matmul %c, %w2 : (tensor<5x16xf32>, tensor<16x8xf32>) -> tensor<5x8xf32>
  return %o : tensor<5x8xf32>
}

// -----

// negative_: the activation reads something besides the slice (a gate from
// the function's arguments): left alone.
// REMARK: remark: FFN not reparameterized: the leading channels are not a function of one slice of the hidden activations and constants
// CHECK-LABEL: func.func @negative_gated
// CHECK: tensor.concat
func.func @negative_gated(%x: tensor<5x8xf32>, %gate: tensor<5x12xf32>) -> tensor<5x8xf32> {
  %w1 = arith.constant dense<0.5> : tensor<8x16xf32>
  %w2 = arith.constant dense<0.25> : tensor<16x8xf32>
  %h = accel.matmul %x, %w1 : (tensor<5x8xf32>, tensor<8x16xf32>) -> tensor<5x16xf32>
  %active = tensor.extract_slice %h[0, 0] [5, 12] [1, 1] : tensor<5x16xf32> to tensor<5x12xf32>
  %t = arith.mulf %active, %gate : tensor<5x12xf32>
  %idle = tensor.extract_slice %h[0, 12] [5, 4] [1, 1] : tensor<5x16xf32> to tensor<5x4xf32>
  %c = tensor.concat dim(1) %t, %idle : (tensor<5x12xf32>, tensor<5x4xf32>) -> tensor<5x16xf32>
  %o = accel.matmul %c, %w2 : (tensor<5x16xf32>, tensor<16x8xf32>) -> tensor<5x8xf32>
  return %o : tensor<5x8xf32>
}
