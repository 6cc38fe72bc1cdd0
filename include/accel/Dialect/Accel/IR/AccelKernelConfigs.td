//===- AccelKernelConfigs.td - targets and kernel configs --*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The kernel boundary's attributes (docs/codegen.md): the CUDA target as a
// module attribute, and one typed configuration per kernel family and
// target, each with exactly the knobs of its kernel template. What they
// mean for an op (shared memory, template instance, launch, cost) is the
// KernelConfigAttrInterface, implemented by the families in lib/Codegen.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELKERNELCONFIGS_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELKERNELCONFIGS_TD

include "accel/Dialect/Accel/IR/AccelDialect.td"

def Accel_CudaTargetAttr : Accel_Attr<"CudaTarget", "cuda_target"> {
  let summary = "the CUDA architecture a module's kernels are compiled for";
  let description = [{
    Carried by a module as `accel.target`; `accel-select-kernels` and the
    CUDA backend read it (`--accel-sm` of accel-translate only names the
    target of modules without one).

    ```mlir
    module attributes {accel.target = #accel.cuda_target<chip = "sm_90a">} {}
    ```

    `chip` is `sm_<major><minor>` with an optional `a` (the
    architecture-specific feature set: wgmma and setmaxnreg exist on
    `sm_90a`, not on `sm_90`), from sm_80 to sm_129.
  }];
  let parameters = (ins StringRefParameter<"`sm_80`, `sm_90a`, ...">:$chip);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The compute capability of `chip` when it names one accel supports
    /// (`sm_80` and newer): {major, minor, architecture-specific}.
    struct Capability {
      int major, minor;
      bool archSpecific;
    };
    static std::optional<Capability> parseChip(::llvm::StringRef chip);
    Capability getCapability() const { return *parseChip(getChip()); }
    /// 80, 86, 90, ...
    int getSm() const {
      return getCapability().major * 10 + getCapability().minor;
    }
    /// mma.sync m16n8k16 with bf16/f16, ldmatrix, cp.async: sm_80 and up.
    bool hasMmaSync() const { return getSm() >= 80; }
    /// wgmma, TMA, setmaxnreg: sm_90a only.
    bool hasWgmma() const {
      return getSm() == 90 && getCapability().archSpecific;
    }
    /// Static shared memory a block may use without opting in.
    int64_t getStaticSharedMemoryBytes() const { return 48 * 1024; }
    /// Dynamic shared memory a block may opt in to (cudaFuncSetAttribute).
    int64_t getMaxDynamicSharedMemoryBytes() const;
    /// The nominal figures of the target's reference part (datasheet, dense
    /// bf16/f16 tensor cores with f32 accumulation), for the cost estimates.
    struct ReferencePart {
      const char *name;
      int numSms;
      double tensorTflops;
      double dramTerabytesPerSecond;
      /// f32 FMA on the CUDA cores (dense, boost clock).
      double fp32Tflops;
    };
    ReferencePart getReferencePart() const;
  }];
}

def Accel_AttentionSm80ConfigAttr
    : Accel_Attr<"AttentionSm80Config", "attention_sm80_config"> {
  let summary = "FlashAttention-2 forward on mma.sync (sm_80 and up)";
  let description = [{
    `num_warps` warps of 16 query rows each (so `block_m = 16 * num_warps`)
    and key tiles of `block_n` keys, double-buffered (the next K tile loads
    during P.V). Q, K and V tiles live in the 48 KiB of static shared
    memory.

    ```mlir
    #accel.attention_sm80_config<block_n = 64, num_warps = 4>
    ```
  }];
  let parameters = (ins "int64_t":$block_n, "int64_t":$num_warps);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t getBlockM() const { return 16 * getNumWarps(); }
  }];
}

def Accel_AttentionSm90aConfigAttr
    : Accel_Attr<"AttentionSm90aConfig", "attention_sm90a_config"> {
  let summary = "FlashAttention forward on wgmma and TMA (sm_90a)";
  let description = [{
    A producer warpgroup streams K and V tiles of `block_n` keys with TMA
    into a ring of `num_stages` buffers; two consumer warpgroups own 64
    query rows each (block_m = 128 and 12 warps are fixed by the roles).
    `block_n` is 64 or 128 (the wgmma n of S), `num_stages` 1 to 4, in the
    opt-in dynamic shared memory.

    ```mlir
    #accel.attention_sm90a_config<block_n = 128, num_stages = 2>
    ```
  }];
  let parameters = (ins "int64_t":$block_n, "int64_t":$num_stages);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    static constexpr int64_t kBlockM = 128;
    static constexpr int64_t kNumWarps = 12;
  }];
}

def Accel_AttentionSimtConfigAttr
    : Accel_Attr<"AttentionSimtConfig", "attention_simt_config"> {
  let summary = "FlashAttention-2 forward on the CUDA cores (any head dim)";
  let description = [{
    The forward for what the tensor-core kernels do not take: f32 q/k/v
    (f32 products and accumulation, as the IR's f32 means), and bf16/f16
    with a head dim other than 64 or 128 or a value head dim that differs
    from it (elements widened to f32 as they are loaded). 256 threads
    (16 x 16) own `block_m` query rows and walk key tiles of `block_n`
    keys with the online softmax; Q, the K/V tile and P live in opt-in
    dynamic shared memory as f32. `block_m` and `block_n` are 16 to 64 in
    steps of 16.

    ```mlir
    #accel.attention_simt_config<block_m = 64, block_n = 64>
    ```
  }];
  let parameters = (ins "int64_t":$block_m, "int64_t":$block_n);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    static constexpr int64_t kNumThreads = 256;
    /// simt::Layout<...>::kBytes of AttentionForwardSimt.cuh: Q, one K/V
    /// tile and P as f32, rows padded to an odd number of floats.
    int64_t getSharedBytes(int64_t headDim, int64_t valueDim) const {
      auto odd = [](int64_t n) { return n % 2 == 0 ? n + 1 : n; };
      return (getBlockM() * odd(headDim) +
              getBlockN() * odd(headDim > valueDim ? headDim : valueDim) +
              getBlockM() * odd(getBlockN())) *
             4;
    }
  }];
}

def Accel_AttentionGradSm80ConfigAttr
    : Accel_Attr<"AttentionGradSm80Config", "attention_grad_sm80_config"> {
  let summary = "FlashAttention-2 backward on mma.sync (sm_80 and up)";
  let description = [{
    A block owns `16 * num_warps` keys and walks the query tiles of the
    same size (K, V, Q, dO tiles and dS^T in static shared memory, dK and
    dV accumulated in registers).

    ```mlir
    #accel.attention_grad_sm80_config<num_warps = 2>
    ```
  }];
  let parameters = (ins "int64_t":$num_warps);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t getBlock() const { return 16 * getNumWarps(); }
  }];
}

def Accel_GemmSm80ConfigAttr
    : Accel_Attr<"GemmSm80Config", "gemm_sm80_config"> {
  let summary = "batched GEMM with a fused epilogue on mma.sync (sm_80 and up)";
  let description = [{
    A block computes a `block_m` x `block_n` output tile; `warps_m` x
    `warps_n` warps split it (each warp's tile a multiple of 16 x 16), and
    k tiles of `block_k` stream through a ring of `num_stages` static
    shared-memory buffers with cp.async. `block_m`, `block_n` are 16 to 256,
    `block_k` 32 or 64, `num_stages` 2 to 4; the tiles must fit the 48 KiB
    of static shared memory.

    ```mlir
    #accel.gemm_sm80_config<block_m = 128, block_n = 128, block_k = 32,
                            warps_m = 2, warps_n = 4, num_stages = 3>
    ```
  }];
  let parameters = (ins "int64_t":$block_m, "int64_t":$block_n,
                        "int64_t":$block_k, "int64_t":$warps_m,
                        "int64_t":$warps_n, "int64_t":$num_stages);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t getNumThreads() const { return 32 * getWarpsM() * getWarpsN(); }
    /// The ring of a and b tiles, 16-bit elements.
    int64_t getSharedBytes() const {
      return getNumStages() * (getBlockM() + getBlockN()) * getBlockK() * 2;
    }
  }];
}

def Accel_MonarchSm80ConfigAttr
    : Accel_Attr<"MonarchSm80Config", "monarch_sm80_config"> {
  let summary = "block-diagonal and Monarch products on the mma.sync GEMM "
                "template (sm_80 and up)";
  let description = [{
    accel.block_diag_matmul is one batched GEMM over the blocks, and
    accel.monarch_matmul two (one per factor), each on the mma.sync GEMM
    template with the knobs of `#accel.gemm_sm80_config` (the same rules):
    a block computes a `block_m` x `block_n` tile of one factor block's
    output over `warps_m` x `warps_n` warps, k tiles of `block_k` (32 or
    64) stream through `num_stages` (2 to 4) buffers within 48 KiB. The
    Monarch permutation is folded into the first factor's stores (it writes
    the layout the second reads) and the output interleave into the
    second's; the dispatch's epilogue runs in the last factor's.

    ```mlir
    #accel.monarch_sm80_config<block_m = 128, block_n = 64, block_k = 32,
                               warps_m = 2, warps_n = 2, num_stages = 3>
    ```
  }];
  let parameters = (ins "int64_t":$block_m, "int64_t":$block_n,
                        "int64_t":$block_k, "int64_t":$warps_m,
                        "int64_t":$warps_n, "int64_t":$num_stages);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t getNumThreads() const { return 32 * getWarpsM() * getWarpsN(); }
    /// The ring of a and b tiles, 16-bit elements.
    int64_t getSharedBytes() const {
      return getNumStages() * (getBlockM() + getBlockN()) * getBlockK() * 2;
    }
  }];
}

def Accel_QuantizedGemmSm80ConfigAttr
    : Accel_Attr<"QuantizedGemmSm80Config", "quantized_gemm_sm80_config"> {
  let summary = "8-bit GEMM (W8A8 i8, FP8 e4m3) with a fused epilogue on "
                "mma.sync (sm_80 and up; e4m3 sm_89 and up)";
  let description = [{
    accel.quantized_matmul of two 8-bit operands on mma.sync m16n8k32 (i32
    accumulators for i8, f32 for e4m3); the scales, the bias and the
    dispatch's epilogue are applied to the sum in registers. The knobs are
    `#accel.gemm_sm80_config`'s with k counted in (1-byte) elements: a block
    computes a `block_m` x `block_n` output tile over `warps_m` x `warps_n`
    warps (each warp's tile a multiple of 16 x 16), k tiles of `block_k`
    (64 or 128) stream through a ring of `num_stages` (2 to 4) static
    shared-memory buffers with cp.async, within 48 KiB.

    ```mlir
    #accel.quantized_gemm_sm80_config<block_m = 128, block_n = 128,
        block_k = 64, warps_m = 2, warps_n = 4, num_stages = 3>
    ```
  }];
  let parameters = (ins "int64_t":$block_m, "int64_t":$block_n,
                        "int64_t":$block_k, "int64_t":$warps_m,
                        "int64_t":$warps_n, "int64_t":$num_stages);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t getNumThreads() const { return 32 * getWarpsM() * getWarpsN(); }
    /// The ring of a and b tiles, 1-byte elements.
    int64_t getSharedBytes() const {
      return getNumStages() * (getBlockM() + getBlockN()) * getBlockK();
    }
  }];
}

def Accel_QuantizeConfigAttr : Accel_Attr<"QuantizeConfig", "quantize_config"> {
  let summary = "accel.quantize: one warp per scale element (any target)";
  let description = [{
    Each warp owns one scale element's segment of x (the tensor, a channel
    or a group): the absmax reduction for a dynamic scale, then the
    quantization; `num_warps` (1 to 32) warps a block.

    ```mlir
    #accel.quantize_config<num_warps = 8>
    ```
  }];
  let parameters = (ins "int64_t":$num_warps);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Accel_GemmSm90aConfigAttr
    : Accel_Attr<"GemmSm90aConfig", "gemm_sm90a_config"> {
  let summary = "batched GEMM with a fused epilogue on wgmma and TMA (sm_90a)";
  let description = [{
    A producer warpgroup streams k tiles of 64 of a (128 rows) and b
    (`block_n` columns) with TMA into a ring of `num_stages` buffers; two
    consumer warpgroups own 64 rows each (block_m = 128, block_k = 64 and
    12 warps are fixed by the roles) and run wgmma with both operands in
    shared memory. `block_n` is 64, 128 or 256, `num_stages` 2 to 8, the
    ring in the opt-in dynamic shared memory. Operands TMA cannot read
    (misaligned views, more than two indexed batch dims) run the mma.sync
    kernel with its default tiles.

    ```mlir
    #accel.gemm_sm90a_config<block_n = 256, num_stages = 4>
    ```
  }];
  let parameters = (ins "int64_t":$block_n, "int64_t":$num_stages);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    static constexpr int64_t kBlockM = 128;
    static constexpr int64_t kBlockK = 64;
    static constexpr int64_t kNumWarps = 12;
    /// gemmSm90SharedBytes(): alignment slack, the a and b rings, the
    /// mbarriers.
    int64_t getSharedBytes() const {
      return 1024 + getNumStages() * (kBlockM + getBlockN()) * kBlockK * 2 +
             2 * getNumStages() * 8;
    }
  }];
}

def Accel_GemmSimtConfigAttr
    : Accel_Attr<"GemmSimtConfig", "gemm_simt_config"> {
  let summary = "f32 batched GEMM with a fused epilogue on the CUDA cores";
  let description = [{
    f32 products and f32 accumulation (FFMA), as an f32 accel.matmul means:
    256 threads (16 x 16) compute a `block_m` x `block_n` tile, each thread
    `block_m / 16` x `block_n / 16` outputs; k tiles of `block_k` are
    double-buffered in static shared memory. `block_m` and `block_n` are 16
    to 128 in steps of 16, `block_k` 8 or 16, and each tile's elements must
    divide evenly over the 256 threads.

    ```mlir
    #accel.gemm_simt_config<block_m = 128, block_n = 128, block_k = 8>
    ```
  }];
  let parameters = (ins "int64_t":$block_m, "int64_t":$block_n,
                        "int64_t":$block_k);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    static constexpr int64_t kNumThreads = 256;
    /// Two buffers of both k-major tiles, rows padded by 4 floats.
    int64_t getSharedBytes() const {
      return 2 * getBlockK() * (getBlockM() + 4 + getBlockN() + 4) * 4;
    }
  }];
}

def Accel_GenericConfigAttr : Accel_Attr<"GenericConfig", "generic_config"> {
  let summary = "a linalg op outside every accel op's dispatch, on the CUDA cores";
  let description = [{
    What is left of a program after fusion (layer norms, residual adds,
    softmaxes that were not raised, fills): a `linalg.generic` or
    `linalg.fill` of f32/f16/bf16 tensors as its own kernel (the `generic`
    family, any target). One thread computes one element of the result:
    its parallel coordinates, then the reduction loops in order, with the
    body evaluated as the CPU reference evaluates it. `block_size` threads
    a block (a power of two from 32 to 1024) over a grid-stride loop.

    ```mlir
    #accel.generic_config<block_size = 256>
    ```
  }];
  let parameters = (ins "int64_t":$block_size);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELKERNELCONFIGS_TD
