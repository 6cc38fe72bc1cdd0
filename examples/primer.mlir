// A Primer block (So et al., "Primer: Searching for Efficient Transformers
// for Language Modeling"): a causal transformer layer with Primer's two
// changes, a depthwise causal convolution of width 3 along the sequence
// after each of the Q, K and V projections ("multi-DConv-head attention"),
// and a squared-ReLU FFN. The convolution is upstream linalg (a left pad of
// 2 positions and linalg.depthwise_conv_1d_nwc_wc), as a front end would
// emit it; accel-optimize fuses the FFN's bias + squared ReLU and the
// residual adds into the matmuls' epilogues:
//
//   build/bin/accel-opt examples/primer.mlir --accel-optimize
//   build/bin/accel-run examples/primer.mlir --entry=primer_block \
//       --pipeline=accel-optimize --compare-pipeline=none
//
// Not yet: fusing the convolution into the projection's epilogue (it reads
// two earlier rows, so it is a neighbour-kernel fusion, issue 9).

func.func @primer_block(%x: tensor<2x64x128xf32>,
                        %wqkv: tensor<384x128xf32>,
                        %conv: tensor<3x384xf32>,
                        %wo: tensor<128x128xf32>,
                        %w1: tensor<512x128xf32>, %b1: tensor<512xf32>,
                        %w2: tensor<128x512xf32>) -> tensor<2x64x128xf32> {
  // Q, K, V for 2 heads of 64, one projection stored [out, in].
  %qkv = accel.matmul %x, %wqkv {transpose_b = true}
      : (tensor<2x64x128xf32>, tensor<384x128xf32>) -> tensor<2x64x384xf32>
  // Depthwise causal convolution over the sequence, per channel: position s
  // reads s - 2, s - 1 and s (zeros before the start).
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %qkv low[0, 2, 0] high[0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %zero : f32
  } : tensor<2x64x384xf32> to tensor<2x66x384xf32>
  %cinit = tensor.empty() : tensor<2x64x384xf32>
  %cfill = linalg.fill ins(%zero : f32) outs(%cinit : tensor<2x64x384xf32>) -> tensor<2x64x384xf32>
  %mixed = linalg.depthwise_conv_1d_nwc_wc
      {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
      ins(%padded, %conv : tensor<2x66x384xf32>, tensor<3x384xf32>)
      outs(%cfill : tensor<2x64x384xf32>) -> tensor<2x64x384xf32>
  %q2 = tensor.extract_slice %mixed[0, 0, 0] [2, 64, 128] [1, 1, 1] : tensor<2x64x384xf32> to tensor<2x64x128xf32>
  %k2 = tensor.extract_slice %mixed[0, 0, 128] [2, 64, 128] [1, 1, 1] : tensor<2x64x384xf32> to tensor<2x64x128xf32>
  %v2 = tensor.extract_slice %mixed[0, 0, 256] [2, 64, 128] [1, 1, 1] : tensor<2x64x384xf32> to tensor<2x64x128xf32>
  %q3 = tensor.expand_shape %q2 [[0], [1], [2, 3]] output_shape [2, 64, 2, 64] : tensor<2x64x128xf32> into tensor<2x64x2x64xf32>
  %k3 = tensor.expand_shape %k2 [[0], [1], [2, 3]] output_shape [2, 64, 2, 64] : tensor<2x64x128xf32> into tensor<2x64x2x64xf32>
  %v3 = tensor.expand_shape %v2 [[0], [1], [2, 3]] output_shape [2, 64, 2, 64] : tensor<2x64x128xf32> into tensor<2x64x2x64xf32>
  %hinit = tensor.empty() : tensor<2x2x64x64xf32>
  %q = linalg.transpose ins(%q3 : tensor<2x64x2x64xf32>) outs(%hinit : tensor<2x2x64x64xf32>) permutation = [0, 2, 1, 3]
  %k = linalg.transpose ins(%k3 : tensor<2x64x2x64xf32>) outs(%hinit : tensor<2x2x64x64xf32>) permutation = [0, 2, 1, 3]
  %v = linalg.transpose ins(%v3 : tensor<2x64x2x64xf32>) outs(%hinit : tensor<2x2x64x64xf32>) permutation = [0, 2, 1, 3]
  %attn = accel.attention %q, %k, %v {causal = true}
      : (tensor<2x2x64x64xf32>, tensor<2x2x64x64xf32>, tensor<2x2x64x64xf32>) -> tensor<2x2x64x64xf32>
  %ainit = tensor.empty() : tensor<2x64x2x64xf32>
  %attn_t = linalg.transpose ins(%attn : tensor<2x2x64x64xf32>) outs(%ainit : tensor<2x64x2x64xf32>) permutation = [0, 2, 1, 3]
  %attn_m = tensor.collapse_shape %attn_t [[0], [1], [2, 3]] : tensor<2x64x2x64xf32> into tensor<2x64x128xf32>
  %proj = accel.matmul %attn_m, %wo {transpose_b = true} : (tensor<2x64x128xf32>, tensor<128x128xf32>) -> tensor<2x64x128xf32>
  %h = arith.addf %x, %proj : tensor<2x64x128xf32>
  // Primer's FFN: squared ReLU.
  %u = accel.matmul %h, %w1, %b1 {transpose_b = true}
      : (tensor<2x64x128xf32>, tensor<512x128xf32>, tensor<512xf32>) -> tensor<2x64x512xf32>
  %zeros = arith.constant dense<0.0> : tensor<2x64x512xf32>
  %relu = arith.maximumf %u, %zeros : tensor<2x64x512xf32>
  %sq = arith.mulf %relu, %relu : tensor<2x64x512xf32>
  %down = accel.matmul %sq, %w2 {transpose_b = true} : (tensor<2x64x512xf32>, tensor<128x512xf32>) -> tensor<2x64x128xf32>
  %out = arith.addf %h, %down : tensor<2x64x128xf32>
  return %out : tensor<2x64x128xf32>
}
