//===- Passes.td - passes of the CUDA backend --------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_PASSES_TD
#define ACCEL_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def SelectKernelsPass : Pass<"accel-select-kernels", "::mlir::ModuleOp"> {
  let summary = "choose a kernel family and a typed config for every "
                "kernel-bearing op";
  let description = [{
    For the module's target (`accel.target`, or the `target` option, which
    sets it on a module without one), every accel op that a kernel computes
    gets `accel.kernel_config`: the typed config of the first family that
    serves the op on the target (#accel.attention_sm90a_config on sm_90a,
    #accel.attention_sm80_config elsewhere, ...). A config already on the op
    is kept (a user's or a tuner's choice; the dialect has verified it);
    otherwise the tuning table's entry for the family, the op's signature
    and the chip, when `tuning-table` names one; otherwise the family's
    default. An op no family serves, or one whose shapes or types the
    family cannot take, is an error on the op naming what is missing.

    ```mlir
    // accel-opt --accel-select-kernels=target=sm_90a
    %o = accel.attention %q, %k, %v {accel.kernel_config =
        #accel.attention_sm90a_config<block_n = 128, num_stages = 2>} : ...
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"\"",
           "the chip (sm_80, sm_90a, ...) of a module without accel.target; "
           "a module whose accel.target differs is an error">,
    Option<"tuningTable", "tuning-table", "std::string", /*default=*/"\"\"",
           "a tuning table file (docs/codegen.md): measured best configs "
           "per family, signature and chip">,
    Option<"report", "report", "bool", /*default=*/"false",
           "a remark on every kernel-bearing op: its family, signature, "
           "config and where the config came from">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

#endif // ACCEL_CODEGEN_PASSES_TD
