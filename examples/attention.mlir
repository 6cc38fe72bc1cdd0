// An attention layer's GPU kernels: the forward of grouped-query causal
// attention with its lse, the backward (FlashAttention-2), and an
// S2-Attention forward whose heads see different shards of the context.
// scripts/run-example.sh takes it through accel-opt and accel-translate to
// CUDA C++ for sm_90a and PTX for sm_80.

func.func @gqa_forward(%q: tensor<?x16x?x128xbf16>, %k: tensor<?x4x?x128xbf16>,
                       %v: tensor<?x4x?x128xbf16>)
    -> (tensor<?x16x?x128xbf16>, tensor<?x16x?xf32>) {
  %o, %lse = accel.attention %q, %k, %v {causal = true}
      : (tensor<?x16x?x128xbf16>, tensor<?x4x?x128xbf16>, tensor<?x4x?x128xbf16>)
      -> (tensor<?x16x?x128xbf16>, tensor<?x16x?xf32>)
  return %o, %lse : tensor<?x16x?x128xbf16>, tensor<?x16x?xf32>
}

func.func @gqa_backward(%q: tensor<?x16x?x128xbf16>, %k: tensor<?x4x?x128xbf16>,
                        %v: tensor<?x4x?x128xbf16>, %o: tensor<?x16x?x128xbf16>,
                        %lse: tensor<?x16x?xf32>, %do: tensor<?x16x?x128xbf16>)
    -> (tensor<?x16x?x128xbf16>, tensor<?x4x?x128xbf16>, tensor<?x4x?x128xbf16>) {
  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do {causal = true}
      : (tensor<?x16x?x128xbf16>, tensor<?x4x?x128xbf16>, tensor<?x4x?x128xbf16>,
         tensor<?x16x?x128xbf16>, tensor<?x16x?xf32>, tensor<?x16x?x128xbf16>)
      -> (tensor<?x16x?x128xbf16>, tensor<?x4x?x128xbf16>, tensor<?x4x?x128xbf16>)
  return %dq, %dk, %dv : tensor<?x16x?x128xbf16>, tensor<?x4x?x128xbf16>, tensor<?x4x?x128xbf16>
}

func.func @s2_forward(%q: tensor<?x16x?x128xbf16>, %k: tensor<?x16x?x128xbf16>,
                      %v: tensor<?x16x?x128xbf16>) -> tensor<?x16x?x128xbf16> {
  %o = accel.attention %q, %k, %v {causal = true,
      sparsity = #accel.head_shard<num_shards = 8, block = 128, local_blocks = 2>}
      : (tensor<?x16x?x128xbf16>, tensor<?x16x?x128xbf16>, tensor<?x16x?x128xbf16>)
      -> tensor<?x16x?x128xbf16>
  return %o : tensor<?x16x?x128xbf16>
}
