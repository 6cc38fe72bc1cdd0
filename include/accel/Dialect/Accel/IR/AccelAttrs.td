//===- AccelAttrs.td - accel attributes --------------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_TD

include "accel/Dialect/Accel/IR/AccelDialect.td"

def Accel_HeadShardAttr : Accel_Attr<"HeadShard", "head_shard"> {
  let summary = "S2-Attention heterogeneous context sharding across heads";
  let description = [{
    Keys and queries are cut in blocks of `block` positions. For query block
    `qb` and key block `kb`, head `h` sees `kb` iff

      (kb mod num_shards == h mod num_shards) or (0 <= qb - kb < local_blocks)

    Positions are aligned bottom-right, as for `causal`, whether or not
    `causal` is set (contract v1.1): query row `i` stands at key position
    `i + (Sk - Sq)`, so `qb = floor((i + Sk - Sq) / block)` (floored below
    zero too) and `kb = floor(j / block)`; a single decoding query's local
    blocks are the latest keys.

    Visibility is combined with `causal` where both are set. Across any
    `num_shards` consecutive heads the union of their shards is the whole
    context.

    ```mlir
    #accel.head_shard<num_shards = 4, block = 64, local_blocks = 2>
    ```

    All three parameters are signless 64-bit integers: `num_shards >= 1`,
    `block >= 1`, `local_blocks >= 0`.
  }];
  let parameters = (ins "int64_t":$num_shards, "int64_t":$block,
                        "int64_t":$local_blocks);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Whether head `head` sees key block `keyBlock` from query block
    /// `queryBlock` (the sharding rule alone, without causality).
    bool isVisible(int64_t head, int64_t queryBlock, int64_t keyBlock) const;
  }];
}

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_TD
