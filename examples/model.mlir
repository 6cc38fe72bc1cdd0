// accel's shipped example: the three kinds of model accel is built for.
//   scripts/run-example.sh runs it through accel-opt's accel-optimize.

// A pre-norm-free transformer block (Primer-style FFN): QKV projection,
// causal GQA attention, output projection, FFN with squared ReLU, residuals.
func.func @transformer_block(%x: tensor<2x128x256xbf16>,
                             %wqkv: tensor<256x384xbf16>,
                             %wo: tensor<256x256xbf16>,
                             %w1: tensor<1024x256xbf16>, %b1: tensor<1024xf32>,
                             %w2: tensor<256x1024xbf16>) -> tensor<2x128x256xbf16> {
  // q: 4 heads of 64 (256), k and v: 1 kv head of 64 each (MQA).
  %qkv = accel.matmul %x, %wqkv : (tensor<2x128x256xbf16>, tensor<256x384xbf16>) -> tensor<2x128x384xbf16>
  %q2 = tensor.extract_slice %qkv[0, 0, 0] [2, 128, 256] [1, 1, 1] : tensor<2x128x384xbf16> to tensor<2x128x256xbf16>
  %k2 = tensor.extract_slice %qkv[0, 0, 256] [2, 128, 64] [1, 1, 1] : tensor<2x128x384xbf16> to tensor<2x128x64xbf16>
  %v2 = tensor.extract_slice %qkv[0, 0, 320] [2, 128, 64] [1, 1, 1] : tensor<2x128x384xbf16> to tensor<2x128x64xbf16>
  %q3 = tensor.expand_shape %q2 [[0], [1], [2, 3]] output_shape [2, 128, 4, 64] : tensor<2x128x256xbf16> into tensor<2x128x4x64xbf16>
  %qinit = tensor.empty() : tensor<2x4x128x64xbf16>
  %q = linalg.transpose ins(%q3 : tensor<2x128x4x64xbf16>) outs(%qinit : tensor<2x4x128x64xbf16>) permutation = [0, 2, 1, 3]
  %k = tensor.expand_shape %k2 [[0], [1, 2], [3]] output_shape [2, 1, 128, 64] : tensor<2x128x64xbf16> into tensor<2x1x128x64xbf16>
  %v = tensor.expand_shape %v2 [[0], [1, 2], [3]] output_shape [2, 1, 128, 64] : tensor<2x128x64xbf16> into tensor<2x1x128x64xbf16>
  %attn = accel.attention %q, %k, %v {causal = true}
      : (tensor<2x4x128x64xbf16>, tensor<2x1x128x64xbf16>, tensor<2x1x128x64xbf16>) -> tensor<2x4x128x64xbf16>
  %ainit = tensor.empty() : tensor<2x128x4x64xbf16>
  %attn_t = linalg.transpose ins(%attn : tensor<2x4x128x64xbf16>) outs(%ainit : tensor<2x128x4x64xbf16>) permutation = [0, 2, 1, 3]
  %attn_m = tensor.collapse_shape %attn_t [[0], [1], [2, 3]] : tensor<2x128x4x64xbf16> into tensor<2x128x256xbf16>
  %proj = accel.matmul %attn_m, %wo : (tensor<2x128x256xbf16>, tensor<256x256xbf16>) -> tensor<2x128x256xbf16>
  %h = arith.addf %x, %proj : tensor<2x128x256xbf16>
  // FFN: w1 is stored [out, in]; a transpose_b matmul reads it as is.
  %u = accel.matmul %h, %w1, %b1 {transpose_b = true}
      : (tensor<2x128x256xbf16>, tensor<1024x256xbf16>, tensor<1024xf32>) -> tensor<2x128x1024xbf16>
  %zero = arith.constant dense<0.0> : tensor<2x128x1024xbf16>
  %relu = arith.maximumf %u, %zero : tensor<2x128x1024xbf16>
  %sq = arith.mulf %relu, %relu : tensor<2x128x1024xbf16>
  // w2 arrives as [in, out]: the explicit transpose folds into transpose_b.
  %w2init = tensor.empty() : tensor<1024x256xbf16>
  %w2t = linalg.transpose ins(%w2 : tensor<256x1024xbf16>) outs(%w2init : tensor<1024x256xbf16>) permutation = [1, 0]
  %down = accel.matmul %sq, %w2t : (tensor<2x128x1024xbf16>, tensor<1024x256xbf16>) -> tensor<2x128x256xbf16>
  %out = arith.addf %h, %down : tensor<2x128x256xbf16>
  return %out : tensor<2x128x256xbf16>
}

// An RGCN layer: per-relation messages along the edges, mean-aggregated.
func.func @rgcn_layer(%x: tensor<?x64xf32>, %src: tensor<?xi64>, %dst: tensor<?xi64>,
                      %etype: tensor<?xi32>, %w: tensor<8x64x64xf32>) -> tensor<1000x64xf32> {
  %h = accel.gather_rows %x, %src : (tensor<?x64xf32>, tensor<?xi64>) -> tensor<?x64xf32>
  %m = accel.typed_matmul %h, %w, %etype
      : (tensor<?x64xf32>, tensor<8x64x64xf32>, tensor<?xi32>) -> tensor<?x64xf32>
  %agg = accel.scatter_reduce %m, %dst {num_rows = 1000 : i64, reduce = "mean"}
      : (tensor<?x64xf32>, tensor<?xi64>) -> tensor<1000x64xf32>
  return %agg : tensor<1000x64xf32>
}

// W8A8: per-token dynamic activation scales, per-channel weight scales.
func.func @w8a8_linear(%x: tensor<?x4096xbf16>, %w: tensor<1024x4096xi8>,
                       %ws: tensor<1024xf32>) -> tensor<?x1024xbf16> {
  %xq, %xs = accel.quantize %x {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<?x4096xbf16>) -> (tensor<?x4096xi8>, tensor<?xf32>)
  %y = accel.quantized_matmul %xq, %xs, %w, %ws {transpose_b = true}
      : (tensor<?x4096xi8>, tensor<?xf32>, tensor<1024x4096xi8>, tensor<1024xf32>) -> tensor<?x1024xbf16>
  return %y : tensor<?x1024xbf16>
}
