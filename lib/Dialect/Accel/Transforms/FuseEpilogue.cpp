//===- FuseEpilogue.cpp - elementwise consumers into their producer -------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The epilogue representation is the kernel boundary's: a producer (matmul,
// attention, quantized_matmul, block_diag_matmul, monarch_matmul,
// segment_matmul, typed_matmul) and the chain of elementwise ops that
// consume its result become one accel.dispatch, the unit one kernel
// computes. The chain follows the producer's first result through
// consumers that are elementwise in it (tensor arith/math ops, all-parallel
// linalg ops reading it with the identity map, accel.quantize and
// accel.dequantize of it); a value with several users goes on when they
// reconverge into one value (a DAG such as GELU's tanh form), and otherwise
// the chain stops at the first value that has a use outside it (contract
// v1.2 section 7); that value, and any other
// result with uses outside, is a result of the dispatch, so nothing is
// lost. Scalar and splat constants the chain reads are cloned into the
// dispatch; other values it reads are inputs. The plain ops stay valid:
// the CPU reference lowering inlines dispatches, so the pass changes no
// numerics.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

namespace accel {
#define GEN_PASS_DEF_FUSEEPILOGUEPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// The ops whose kernels take an epilogue.
bool isEpilogueProducer(Operation *op) {
  return isa<MatmulOp, AttentionOp, QuantizedMatmulOp, BlockDiagMatmulOp,
             MonarchMatmulOp, SegmentMatmulOp, TypedMatmulOp>(op);
}

/// A value the dispatch may clone instead of taking it as an input: a
/// scalar or splat constant.
bool isClonableConstant(Value value) {
  Operation *def = value.getDefiningOp();
  // A static tensor.empty (a DPS init) is a shape, not data.
  if (auto empty = dyn_cast_or_null<tensor::EmptyOp>(def))
    return empty.getType().hasStaticShape();
  Attribute attr;
  if (!def || def->getNumRegions() != 0 ||
      !matchPattern(value, m_Constant(&attr)))
    return false;
  if (!isa<ShapedType>(value.getType()))
    return true;
  auto elements = dyn_cast<DenseElementsAttr>(attr);
  return elements && elements.isSplat();
}

/// Why `user` cannot extend a chain whose current value is `value`; empty
/// when it can.
std::string getUnfusibleReason(Operation *user, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (user->getNumRegions() == 0 &&
      OpTrait::hasElementwiseMappableTraits(user)) {
    if (user->getNumResults() != 1 ||
        user->getResult(0).getType() !=
            type.clone(getElementTypeOrSelf(user->getResult(0).getType())))
      return "its result does not have the shape of the value it consumes";
    return "";
  }
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(user)) {
    if (linalgOp.getNumParallelLoops() != linalgOp.getNumLoops() ||
        linalgOp.getNumDpsInits() != 1 || user->getNumResults() != 1)
      return "it is a linalg op that is not a parallel map with one result";
    AffineMap outMap =
        linalgOp.getMatchingIndexingMap(linalgOp.getDpsInitOperand(0));
    if (!outMap.isIdentity())
      return "its output is not written with the identity map";
    for (OpOperand &operand : user->getOpOperands()) {
      AffineMap map = linalgOp.getMatchingIndexingMap(&operand);
      if (!map.isProjectedPermutation())
        return "it reads an operand through a map that is not a projected "
               "permutation";
      if (operand.get() == value && !map.isIdentity())
        return "it reads the value through a map other than the identity "
               "(a transpose or broadcast of it)";
    }
    if (cast<ShapedType>(user->getResult(0).getType()).getShape() !=
        type.getShape())
      return "its result does not have the shape of the value it consumes";
    return "";
  }
  if (isa<QuantizeOp, DequantizeOp>(user)) {
    if (user->getOperand(0) != value ||
        llvm::count(user->getOperands(), value) != 1)
      return "it takes the value as a scale, not as the tensor it converts";
    return "";
  }
  return "it is not elementwise";
}

/// Values `op` reads that are defined outside it (operands and captures
/// of its regions).
llvm::SetVector<Value> getReadValues(Operation *op) {
  llvm::SetVector<Value> values(op->operand_begin(), op->operand_end());
  for (Region &region : op->getRegions())
    getUsedValuesDefinedAbove(region, values);
  return values;
}

class EpilogueFuser {
public:
  explicit EpilogueFuser(bool remarks) : remarks(remarks) {}

  /// Fuses `producer`'s chain; returns whether a dispatch was formed.
  bool fuse(Operation *producer);

private:
  /// A remark at `op` (where the chain of `producer` stops) that names
  /// the producer when it is another op.
  void remark(Operation *op, Operation *producer, const Twine &message) {
    if (!remarks)
      return;
    InFlightDiagnostic diag = op->emitRemark() << message;
    if (op != producer)
      diag.attachNote(producer->getLoc()) << "the epilogue's producer";
  }

  /// The ops, in block order, that consume `value` (used by several ops)
  /// and reconverge into one value: each is elementwise in what it reads
  /// from the chain, and when they are added, the last one's result is the
  /// only value among theirs and `value` with uses outside. Empty when
  /// there is no such set (within a bound).
  SmallVector<Operation *> getReconvergingUsers(Value value,
                                                ArrayRef<Operation *> chain);

  bool remarks;
};

SmallVector<Operation *>
EpilogueFuser::getReconvergingUsers(Value value, ArrayRef<Operation *> chain) {
  // A bound on the ops one reconvergence takes (each step rescans what it
  // took: quadratic in the bound). Front ends expand activations into long
  // DAGs: JAX's erf GELU is ~65 linalg ops (the corpus's
  // mlp_gelu_erf_jax), past the 64 this bound used to be.
  constexpr int kMaxOps = 256;
  Block *block = value.getParentBlock();
  SmallVector<Operation *> added;
  auto inSet = [&](Operation *op) {
    return llvm::is_contained(chain, op) || llvm::is_contained(added, op);
  };
  auto outsideUsers = [&](Value v) {
    SmallVector<Operation *> users;
    for (Operation *user : v.getUsers())
      if (!inSet(user) && !llvm::is_contained(users, user))
        users.push_back(user);
    return users;
  };
  for (int step = 0; step < kMaxOps; ++step) {
    // The values in play: `value` and the results of the added ops.
    SmallVector<Value> live{value};
    for (Operation *op : added)
      live.append(op->result_begin(), op->result_end());
    SmallVector<Value> escaping;
    Operation *next = nullptr;
    for (Value v : live) {
      SmallVector<Operation *> users = outsideUsers(v);
      if (users.empty())
        continue;
      escaping.push_back(v);
      for (Operation *user : users) {
        if (user->getBlock() != block || user->hasTrait<OpTrait::IsTerminator>())
          continue;
        if (!next || user->isBeforeInBlock(next))
          next = user;
      }
    }
    if (!added.empty() && escaping.size() == 1 &&
        escaping.front() == added.back()->getResult(0))
      return added;
    if (!next)
      return {};
    // The next consumer in block order must be elementwise in every value
    // it reads from the set, and read no non-constant scalar.
    for (Value operand : next->getOperands()) {
      Operation *def = operand.getDefiningOp();
      bool fromSet = operand == value || (def && inSet(def));
      if (fromSet && !getUnfusibleReason(next, operand).empty())
        return {};
    }
    for (Value read : getReadValues(next))
      if (!isa<RankedTensorType>(read.getType()) && !isClonableConstant(read))
        return {};
    if (next->getNumRegions() != 0 && !isa<linalg::LinalgOp>(next))
      return {};
    added.push_back(next);
  }
  return {};
}

bool EpilogueFuser::fuse(Operation *producer) {
  Block *block = producer->getBlock();
  SmallVector<Operation *> chain{producer};
  Value current = producer->getResult(0);
  while (true) {
    llvm::SetVector<Operation *> users;
    for (Operation *user : current.getUsers())
      users.insert(user);
    if (users.empty())
      break;
    if (users.size() > 1) {
      // Several users that reconverge (GELU's x * 0.5 * (1 + tanh(..x..)))
      // fuse as a whole; branches that end apart leave the value returned.
      SmallVector<Operation *> reconverging =
          getReconvergingUsers(current, chain);
      if (reconverging.empty()) {
        remark(chain.back(), producer,
               "epilogue stops here: the value is used by " +
                   Twine(users.size()) + " ops, so the dispatch returns it");
        break;
      }
      chain.append(reconverging);
      current = reconverging.back()->getResult(0);
      continue;
    }
    Operation *user = users.front();
    if (user->hasTrait<OpTrait::IsTerminator>())
      break;
    if (user->getBlock() != block) {
      remark(user, producer,
             "not fused into the epilogue: it is in another block");
      break;
    }
    std::string reason = getUnfusibleReason(user, current);
    if (reason.empty()) {
      for (Value read : getReadValues(user))
        if (!isa<RankedTensorType>(read.getType()) &&
            !isClonableConstant(read)) {
          reason = "it reads a scalar that is not a constant";
          break;
        }
    }
    if (!reason.empty()) {
      remark(user, producer, "not fused into the epilogue: " + reason);
      break;
    }
    chain.push_back(user);
    current = user->getResult(0);
    // An op with another result used outside ends the chain there.
    if (llvm::any_of(user->getResults().drop_front(),
                     [](Value result) { return !result.use_empty(); }))
      break;
  }

  // The dispatch sits where the chain's last op is; every value it returns
  // must be used only after that point (drop ops from the end until so).
  auto isMember = [&](Operation *op) { return llvm::is_contained(chain, op); };
  while (chain.size() > 1) {
    Operation *last = chain.back();
    bool dominates = true;
    for (Operation *member : chain)
      for (Value result : member->getResults())
        for (Operation *user : result.getUsers())
          if (Operation *ancestor = block->findAncestorOpInBlock(*user))
            if (!isMember(user) && ancestor->isBeforeInBlock(last))
              dominates = false;
    if (dominates)
      break;
    chain.pop_back();
  }
  if (chain.size() == 1)
    return false;

  // Inputs: what the chain reads from outside it, but clonable constants.
  llvm::SetVector<Value> inputs;
  SmallVector<Operation *> constants;
  for (Operation *member : chain)
    for (Value read : getReadValues(member)) {
      Operation *def = read.getDefiningOp();
      if (def && isMember(def))
        continue;
      if (isClonableConstant(read)) {
        if (!llvm::is_contained(constants, def))
          constants.push_back(def);
        continue;
      }
      inputs.insert(read);
    }
  // The chain's value first, then other results used outside (attention's
  // lse, an intermediate the chain stopped at is the chain's value).
  SmallVector<Value> results{chain.back()->getResult(0)};
  for (Operation *member : chain)
    for (Value result : member->getResults())
      if (llvm::any_of(result.getUsers(),
                       [&](Operation *user) { return !isMember(user); }) &&
          result != results.front())
        results.push_back(result);

  Operation *last = chain.back();
  OpBuilder builder(last);
  SmallVector<Type> resultTypes;
  for (Value result : results)
    resultTypes.push_back(result.getType());
  auto dispatch = DispatchOp::create(builder, producer->getLoc(), resultTypes,
                                     inputs.getArrayRef());
  Block *body = builder.createBlock(&dispatch.getBody());
  IRMapping mapping;
  for (Value input : inputs)
    mapping.map(input, body->addArgument(input.getType(), input.getLoc()));
  for (Operation *constant : constants)
    builder.clone(*constant, mapping);
  for (Operation *member : chain)
    builder.clone(*member, mapping);
  SmallVector<Value> yielded;
  for (Value result : results)
    yielded.push_back(mapping.lookup(result));
  YieldOp::create(builder, last->getLoc(), yielded);
  for (auto [result, replacement] : llvm::zip(results, dispatch.getResults()))
    result.replaceAllUsesWith(replacement);
  for (Operation *member : llvm::reverse(chain))
    member->erase();
  for (Operation *constant : constants)
    if (constant->use_empty())
      constant->erase();
  return true;
}

struct FuseEpiloguePass
    : public accel::impl::FuseEpiloguePassBase<FuseEpiloguePass> {
  using FuseEpiloguePassBase::FuseEpiloguePassBase;

  void runOnOperation() override {
    SmallVector<Operation *> producers;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<DispatchOp>(op))
        return WalkResult::skip();
      if (isEpilogueProducer(op))
        producers.push_back(op);
      return WalkResult::advance();
    });
    EpilogueFuser fuser(remarks);
    for (Operation *producer : producers)
      fuser.fuse(producer);
  }
};

} // namespace
