// A transformer MLP whose two projections are Monarch matrices (Dao et al.,
// "Monarch: Expressive Structured Matrices for Efficient and Accurate
// Training"): d_model 1024 -> 4096 -> 1024, each projection two
// block-diagonal factors of 32 blocks (nblocks = sqrt(1024)) and the
// Monarch permutation, with a bias and GELU (tanh form) after the first
// and a bias and the residual after the second. Tokens are dynamic.
//
// accel-fuse-epilogue folds each bias / GELU / residual chain into its
// monarch_matmul's dispatch, and accel-translate makes each projection
// the Monarch family's two GEMMs (docs/codegen.md, "The Monarch family"):
//   accel-opt examples/monarch-mlp.mlir --accel-optimize |
//     accel-translate --accel-to-cuda --accel-sm=sm_90a
// The CPU reference runs it with accel-run (test/Examples/monarch-mlp.test).

#gelu_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>,
              affine_map<(i, j) -> (i, j)>]
#residual_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>,
                  affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>]

func.func @monarch_mlp(%x: tensor<?x1024xbf16>,
                       %up1: tensor<32x128x32xbf16>, %up2: tensor<32x128x128xbf16>,
                       %up_bias: tensor<4096xf32>,
                       %down1: tensor<32x32x128xbf16>, %down2: tensor<32x32x32xbf16>,
                       %down_bias: tensor<1024xf32>) -> tensor<?x1024xbf16> {
  %c0 = arith.constant 0 : index
  %tokens = tensor.dim %x, %c0 : tensor<?x1024xbf16>

  // Up: 1024 = 32 blocks of 32 inputs -> 32 x 128 = 4096 (t1 read as 32
  // blocks of 128) -> 32 blocks of 128 outputs.
  %h = accel.monarch_matmul %x, %up1, %up2
      : (tensor<?x1024xbf16>, tensor<32x128x32xbf16>, tensor<32x128x128xbf16>) -> tensor<?x4096xbf16>
  %hidden_init = tensor.empty(%tokens) : tensor<?x4096xbf16>
  %g = linalg.generic {indexing_maps = #gelu_maps, iterator_types = ["parallel", "parallel"]}
      ins(%h, %up_bias : tensor<?x4096xbf16>, tensor<4096xf32>) outs(%hidden_init : tensor<?x4096xbf16>) {
  ^bb0(%v: bf16, %b: f32, %o: bf16):
    %vf = arith.extf %v : bf16 to f32
    %y = arith.addf %vf, %b : f32
    // 0.5 y (1 + tanh(sqrt(2 / pi) (y + 0.044715 y^3)))
    %half = arith.constant 0.5 : f32
    %one = arith.constant 1.0 : f32
    %k0 = arith.constant 0.7978845608 : f32
    %k1 = arith.constant 0.044715 : f32
    %y2 = arith.mulf %y, %y : f32
    %y3 = arith.mulf %y2, %y : f32
    %inner = arith.mulf %k1, %y3 : f32
    %sum = arith.addf %y, %inner : f32
    %arg = arith.mulf %k0, %sum : f32
    %t = math.tanh %arg : f32
    %onet = arith.addf %one, %t : f32
    %hy = arith.mulf %half, %y : f32
    %gelu = arith.mulf %hy, %onet : f32
    %r = arith.truncf %gelu : f32 to bf16
    linalg.yield %r : bf16
  } -> tensor<?x4096xbf16>

  // Down: 4096 = 32 blocks of 128 inputs -> 32 x 32 = 1024 -> 32 blocks
  // of 32 outputs; then the bias and the residual.
  %d = accel.monarch_matmul %g, %down1, %down2
      : (tensor<?x4096xbf16>, tensor<32x32x128xbf16>, tensor<32x32x32xbf16>) -> tensor<?x1024xbf16>
  %out_init = tensor.empty(%tokens) : tensor<?x1024xbf16>
  %y = linalg.generic {indexing_maps = #residual_maps, iterator_types = ["parallel", "parallel"]}
      ins(%d, %down_bias, %x : tensor<?x1024xbf16>, tensor<1024xf32>, tensor<?x1024xbf16>)
      outs(%out_init : tensor<?x1024xbf16>) {
  ^bb0(%v: bf16, %b: f32, %res: bf16, %o: bf16):
    %vf = arith.extf %v : bf16 to f32
    %rf = arith.extf %res : bf16 to f32
    %withBias = arith.addf %vf, %b : f32
    %sum = arith.addf %withBias, %rf : f32
    %r = arith.truncf %sum : f32 to bf16
    linalg.yield %r : bf16
  } -> tensor<?x1024xbf16>
  return %y : tensor<?x1024xbf16>
}
