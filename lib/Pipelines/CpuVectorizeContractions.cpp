//===- CpuVectorizeContractions.cpp - tile and vectorize contractions -----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Cache and register tiling of linalg contractions on tensors, then
// vectorization of the register tiles (see Passes.td for the scheme and its
// numerics). The roles of the loops come from their iterator kinds and
// indexing maps (linalg::inferContractionDims), never from op names or
// shapes, so named ops and the generics of the reference lowering (matmul,
// attention's q k^T and p v, Monarch factors) take the same path.
//
//===----------------------------------------------------------------------===//

#include "accel/Pipelines/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace accel {
#define GEN_PASS_DEF_CPUVECTORIZECONTRACTIONSPASS
#include "accel/Pipelines/Passes.h.inc"
} // namespace accel

using namespace mlir;

/// Marks a register tile with its vector sizes between tiling and
/// vectorization (canonicalization in between keeps discardable attributes;
/// no dialect prefix, so that no dialect verifies it).
static constexpr llvm::StringLiteral kVectorSizesAttr =
    "__accel_cpu_vector_sizes";

namespace {
/// The loops of a contraction's micro-kernel.
struct KernelLoops {
  /// The vector lanes: the output's innermost dim, an N dim.
  unsigned n;
  /// The last M dim, if any (else a row vector times a matrix).
  std::optional<unsigned> m;
  /// The K dims in loop order; the last one is tiled for the caches.
  SmallVector<unsigned> k;
};
} // namespace

/// The micro-kernel loops of `op`, or failure when it is not a contraction
/// this pass handles.
static FailureOr<KernelLoops> getKernelLoops(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || !linalg::isaContractionOpInterface(op))
    return failure();
  // vector.contract takes one element type for both operands: a mixed
  // contraction (an i1 one-hot matrix cast to f32 in the body, as IREE's
  // input phase writes RGCN's scatter) stays loops.
  if (op.getNumDpsInputs() != 2 ||
      getElementTypeOrSelf(op.getDpsInputOperand(0)->get().getType()) !=
          getElementTypeOrSelf(op.getDpsInputOperand(1)->get().getType()))
    return failure();
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->k.empty() || dims->n.empty())
    return failure();
  // Every loop must have a role, so that the tiles cover the op.
  if (dims->batch.size() + dims->m.size() + dims->n.size() + dims->k.size() !=
      op.getNumLoops())
    return failure();
  AffineMap outMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (outMap.getNumResults() == 0)
    return failure();
  unsigned innermost = outMap.getDimPosition(outMap.getNumResults() - 1);
  if (!llvm::is_contained(dims->n, innermost))
    return failure();
  // Profitability: a batch dim inside the output's M/N dims (Monarch's
  // [rows, block, q]) gives the register tile's rows a large stride (often
  // a power of two) and little reuse per tile; the loops are faster there.
  bool seenRowOrLane = false;
  for (unsigned r = 0; r < outMap.getNumResults(); ++r) {
    bool isBatch = llvm::is_contained(dims->batch, outMap.getDimPosition(r));
    if (isBatch && seenRowOrLane)
      return failure();
    seenRowOrLane |= !isBatch;
  }
  KernelLoops loops;
  loops.n = innermost;
  if (!dims->m.empty())
    loops.m = *llvm::max_element(dims->m);
  loops.k = SmallVector<unsigned>(dims->k.begin(), dims->k.end());
  llvm::sort(loops.k);
  return loops;
}

/// When the operand that carries the lanes `n` (and not the output) does not
/// have `n` innermost, replaces it with a copy that has (`linalg.transpose`,
/// the other dims in their order), so that the register tiles load its rows
/// as vectors. An exact rewrite: only the layout of the operand changes.
static linalg::LinalgOp packLaneOperand(RewriterBase &rewriter,
                                        linalg::LinalgOp op,
                                        const KernelLoops &loops) {
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (!map.isProjectedPermutation() || map.getNumResults() < 2)
      continue;
    std::optional<unsigned> lanePos =
        map.getResultPosition(rewriter.getAffineDimExpr(loops.n));
    if (!lanePos || *lanePos == map.getNumResults() - 1)
      continue;
    auto type = dyn_cast<RankedTensorType>(input->get().getType());
    if (!type)
      continue;
    // permutation[i] = source dim of result dim i.
    SmallVector<int64_t> permutation;
    for (unsigned i = 0; i < map.getNumResults(); ++i)
      if (i != *lanePos)
        permutation.push_back(i);
    permutation.push_back(*lanePos);
    Location loc = op.getLoc();
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(op);
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, input->get());
    SmallVector<OpFoldResult> packedSizes;
    SmallVector<AffineExpr> packedExprs;
    for (int64_t source : permutation) {
      packedSizes.push_back(sizes[source]);
      packedExprs.push_back(map.getResult(source));
    }
    Value init = tensor::EmptyOp::create(rewriter, loc, packedSizes,
                                         type.getElementType());
    Value packed =
        linalg::TransposeOp::create(rewriter, loc, input->get(), init,
                                    permutation)
            .getResult()
            .front();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    maps[input->getOperandNumber()] =
        AffineMap::get(map.getNumDims(), 0, packedExprs, rewriter.getContext());
    SmallVector<Value> inputs = op.getDpsInputs();
    inputs[input->getOperandNumber()] = packed;
    // A generic with the same body and iterators; named ops become generics
    // (the body is what vectorization reads).
    auto generic = linalg::GenericOp::create(
        rewriter, loc, op->getResultTypes(), inputs, op.getDpsInits(), maps,
        op.getIteratorTypesArray());
    // Named ops keep their (implicitly printed) body in the region too.
    rewriter.inlineRegionBefore(op->getRegion(0), generic.getRegion(),
                                generic.getRegion().begin());
    rewriter.replaceOp(op, generic->getResults());
    return generic;
  }
  return op;
}

/// Tiles `op` with `sizes` (0: not tiled) in loop order `interchange`.
static FailureOr<scf::SCFTilingResult>
tile(RewriterBase &rewriter, linalg::LinalgOp op, ArrayRef<int64_t> sizes,
     ArrayRef<int64_t> interchange) {
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), sizes));
  options.setInterchange(interchange);
  options.setLoopType(scf::SCFTilingOptions::LoopType::ForOp);
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> result = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(result))
    return failure();
  rewriter.replaceOp(op, result->replacements);
  return result;
}

namespace {
/// An edge tile's vector.contract is masked only in parallel lanes, and its
/// result only reaches transfer_writes that mask the same lanes: the lanes
/// the mask turns off are never stored, so computing them (on the padding
/// the masked reads return) changes no result, and the contraction then
/// lowers like a full tile's.
struct UnmaskEdgeContraction final : OpRewritePattern<vector::MaskOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::MaskOp mask,
                                PatternRewriter &rewriter) const override {
    auto contract =
        dyn_cast_or_null<vector::ContractionOp>(mask.getMaskableOp());
    if (!contract || mask.hasPassthru() || mask->getNumResults() != 1)
      return rewriter.notifyMatchFailure(mask, "not a masked contraction");
    auto lanes = mask.getMask().getDefiningOp<vector::CreateMaskOp>();
    if (!lanes)
      return rewriter.notifyMatchFailure(mask, "mask is not a create_mask");
    VectorType maskType = lanes.getVectorType();
    for (auto [d, iterator] :
         llvm::enumerate(contract.getIteratorTypesArray())) {
      if (iterator != vector::IteratorType::reduction)
        continue;
      std::optional<int64_t> bound = getConstantIntValue(lanes.getOperand(d));
      if (!bound || *bound < maskType.getDimSize(d))
        return rewriter.notifyMatchFailure(mask, "a reduction is masked");
    }
    AffineMap accMap = contract.getIndexingMapsArray()[2];
    SmallVector<OpFoldResult> resultBounds;
    for (unsigned r = 0; r < accMap.getNumResults(); ++r)
      resultBounds.push_back(lanes.getOperand(accMap.getDimPosition(r)));
    for (Operation *user : mask->getResult(0).getUsers()) {
      auto write = dyn_cast<vector::TransferWriteOp>(user);
      if (!write || write.getVector() != mask->getResult(0) ||
          !write.getPermutationMap().isMinorIdentity() ||
          write.getPermutationMap().getNumResults() != resultBounds.size())
        return rewriter.notifyMatchFailure(mask, "a use is not a write");
      auto writeLanes =
          write.getMask() ? write.getMask().getDefiningOp<vector::CreateMaskOp>()
                          : vector::CreateMaskOp();
      if (!writeLanes)
        return rewriter.notifyMatchFailure(mask, "a write is not masked");
      for (auto [bound, other] :
           llvm::zip_equal(resultBounds, writeLanes.getOperands()))
        if (!isEqualConstantIntOrValue(bound, OpFoldResult(other)))
          return rewriter.notifyMatchFailure(mask, "a write masks other lanes");
    }
    rewriter.setInsertionPoint(mask);
    Operation *unmasked = rewriter.clone(*contract);
    rewriter.replaceOp(mask, unmasked->getResults());
    return success();
  }
};

struct CpuVectorizeContractionsPass final
    : accel::impl::CpuVectorizeContractionsPassBase<
          CpuVectorizeContractionsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (registerTileM < 1 || registerTileN < 1 || cacheTileK < 1 ||
        cacheTileM < registerTileM || cacheTileN < registerTileN ||
        cacheTileM % registerTileM || cacheTileN % registerTileN) {
      func.emitError() << "accel-cpu-vectorize-contractions: expects positive "
                          "tile sizes with cache tiles multiples of register "
                          "tiles, got register "
                       << int64_t(registerTileM) << "x" << int64_t(registerTileN)
                       << ", cache " << int64_t(cacheTileM) << "x"
                       << int64_t(cacheTileN) << "x" << int64_t(cacheTileK);
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> candidates;
    func.walk([&](linalg::LinalgOp op) {
      if (succeeded(getKernelLoops(op)))
        candidates.push_back(op);
    });
    IRRewriter rewriter(func.getContext());
    for (linalg::LinalgOp op : candidates) {
      if (failed(tileContraction(rewriter, op)))
        return signalPassFailure();
      ++numTiled;
    }
    if (candidates.empty())
      return;
    // Fold the peeled tiles' sizes into static shapes.
    if (failed(canonicalize(func)))
      return signalPassFailure();
    SmallVector<linalg::LinalgOp> tiles;
    func.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kVectorSizesAttr))
        tiles.push_back(op);
    });
    for (linalg::LinalgOp op : tiles) {
      auto sizes = op->getAttrOfType<DenseI64ArrayAttr>(kVectorSizesAttr);
      op->removeAttr(kVectorSizesAttr);
      rewriter.setInsertionPoint(op);
      bool isStatic = !op.hasDynamicShape();
      SmallVector<int64_t> vectorSizes;
      if (!isStatic)
        vectorSizes.assign(sizes.asArrayRef().begin(),
                           sizes.asArrayRef().end());
      SmallVector<bool> scalable(vectorSizes.size(), false);
      FailureOr<linalg::VectorizationResult> result = linalg::vectorize(
          rewriter, op, vectorSizes, scalable, /*vectorizeNDExtract=*/false,
          /*flatten1DDepthwiseConv=*/false,
          /*assumeDynamicDimsMatchVecSizes=*/false,
          /*createNamedContraction=*/true);
      // A tile the vectorizer declines stays a (small) linalg op: correct,
      // only slower.
      if (failed(result))
        continue;
      rewriter.replaceOp(op, result->replacements);
    }
    if (failed(formContractions(func)))
      return signalPassFailure();
    // Accumulators into registers: each tile's output slice and its
    // transfers leave the K loops (innermost first), so that the loops
    // carry the accumulator vectors.
    SmallVector<LoopLikeOpInterface> loops;
    func.walk([&](LoopLikeOpInterface loop) { loops.push_back(loop); });
    for (LoopLikeOpInterface loop : loops) {
      moveLoopInvariantCode(loop);
      (void)hoistLoopInvariantSubsets(rewriter, loop);
    }
    // The K loops still carry the tensors they no longer change; dropping
    // them keeps bufferization in place.
    RewritePatternSet patterns(func.getContext());
    scf::ForOp::getCanonicalizationPatterns(patterns, func.getContext());
    if (failed(apply(func, std::move(patterns))))
      return signalPassFailure();
  }

  LogicalResult apply(func::FuncOp func, RewritePatternSet &&patterns) {
    if (failed(applyPatternsGreedily(func, std::move(patterns))))
      return func.emitError("accel-cpu-vectorize-contractions: the vector "
                            "rewrites did not converge");
    return success();
  }

  /// Full register tiles become vector.contract; the edge tiles' masks move
  /// into their transfers (buffer deallocation cannot see through
  /// vector.mask regions) and their unit reductions become adds.
  LogicalResult formContractions(func::FuncOp func) {
    MLIRContext *context = func.getContext();
    {
      // Broadcasting transfer maps become vector.broadcast, which the
      // contraction then absorbs into its indexing maps.
      // Extensions (bf16 operands) move before the broadcasts and
      // transposes so that those meet the contraction.
      RewritePatternSet patterns(context);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
      vector::populateSinkVectorOpsPatterns(patterns);
      vector::populateVectorReductionToContractPatterns(patterns);
      if (failed(apply(func, std::move(patterns))))
        return failure();
    }
    RewritePatternSet patterns(context);
    vector::populateVectorMaskLoweringPatternsForSideEffectingOps(patterns);
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateSinkVectorOpsPatterns(patterns);
    vector::populateVectorReductionToContractPatterns(patterns);
    patterns.add<UnmaskEdgeContraction>(context);
    vector::populateVectorMultiReductionLoweringPatterns(
        patterns, vector::VectorMultiReductionLowering::InnerParallel);
    return apply(func, std::move(patterns));
  }

  LogicalResult tileContraction(RewriterBase &rewriter, linalg::LinalgOp op) {
    KernelLoops loops = *getKernelLoops(op);
    op = packLaneOperand(rewriter, op, loops);
    unsigned numLoops = op.getNumLoops();

    // Cache tiles, loop order (other dims, n, K dims, m).
    SmallVector<int64_t> cacheSizes(numLoops, 1);
    cacheSizes[loops.n] = cacheTileN;
    cacheSizes[loops.k.back()] = cacheTileK;
    if (loops.m)
      cacheSizes[*loops.m] = cacheTileM;
    SmallVector<int64_t> interchange;
    for (unsigned d = 0; d < numLoops; ++d)
      if (d != loops.n && d != loops.m && !llvm::is_contained(loops.k, d))
        interchange.push_back(d);
    interchange.push_back(loops.n);
    interchange.append(loops.k.begin(), loops.k.end());
    if (loops.m)
      interchange.push_back(*loops.m);
    FailureOr<scf::SCFTilingResult> cache =
        tile(rewriter, op, cacheSizes, interchange);
    if (failed(cache))
      return op.emitOpError("could not be tiled for the caches");
    auto cacheTile = cast<linalg::LinalgOp>(cache->tiledOps.front());

    // Register tiles, loop order (n, m, K dims): a B micro-panel stays in L1
    // while the m loop walks A.
    SmallVector<int64_t> registerSizes(numLoops, 0);
    SmallVector<int64_t> vectorSizes(numLoops, 1);
    registerSizes[loops.n] = vectorSizes[loops.n] = registerTileN;
    if (loops.m)
      registerSizes[*loops.m] = vectorSizes[*loops.m] = registerTileM;
    for (unsigned d : loops.k)
      registerSizes[d] = 1;
    SmallVector<int64_t> registerOrder = {loops.n};
    if (loops.m)
      registerOrder.push_back(*loops.m);
    registerOrder.append(loops.k.begin(), loops.k.end());
    for (unsigned d = 0; d < numLoops; ++d)
      if (!llvm::is_contained(registerOrder, d))
        registerOrder.push_back(d);
    FailureOr<scf::SCFTilingResult> registers =
        tile(rewriter, cacheTile, registerSizes, registerOrder);
    if (failed(registers))
      return op.emitOpError("could not be tiled for the registers");
    registers->tiledOps.front()->setAttr(
        kVectorSizesAttr, rewriter.getDenseI64ArrayAttr(vectorSizes));

    // Peel the lane and row loops (innermost first, so that peeling the outer
    // one copies the peeled inner one): full tiles get static shapes.
    SmallVector<scf::ForOp> toPeel;
    for (LoopLikeOpInterface loop : registers->loops)
      if (auto forOp = dyn_cast<scf::ForOp>(loop.getOperation()))
        toPeel.push_back(forOp);
    // registers->loops is outermost first: (n, m, K...); peel m then n.
    unsigned numPeeled = loops.m ? 2 : 1;
    for (int i = std::min<int>(numPeeled, toPeel.size()) - 1; i >= 0; --i) {
      scf::ForOp partial;
      // Fails when there is nothing to peel (the tile divides the size).
      (void)scf::peelForLoopAndSimplifyBounds(rewriter, toPeel[i], partial);
    }
    return success();
  }

  LogicalResult canonicalize(func::FuncOp func) {
    MLIRContext *context = func.getContext();
    RewritePatternSet patterns(context);
    for (Dialect *dialect : context->getLoadedDialects())
      dialect->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName op : context->getRegisteredOperations())
      op.getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsGreedily(func, std::move(patterns))))
      return func.emitError("accel-cpu-vectorize-contractions: "
                            "canonicalization of the tiles did not converge");
    return success();
  }
};
} // namespace
