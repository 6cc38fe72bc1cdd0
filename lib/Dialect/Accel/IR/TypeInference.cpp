//===- TypeInference.cpp - shape and type rules of accel ops --------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/TypeInference.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace accel;

//===----------------------------------------------------------------------===//
// Shape helpers
//===----------------------------------------------------------------------===//

std::string accel::formatShape(ArrayRef<int64_t> shape) {
  std::string result;
  llvm::raw_string_ostream os(result);
  os << '[';
  llvm::interleaveComma(shape, os, [&](int64_t dim) {
    if (ShapedType::isDynamic(dim))
      os << '?';
    else
      os << dim;
  });
  os << ']';
  return result;
}

bool accel::areCompatibleDims(int64_t lhs, int64_t rhs) {
  return ShapedType::isDynamic(lhs) || ShapedType::isDynamic(rhs) ||
         lhs == rhs;
}

int64_t accel::combineDims(int64_t lhs, int64_t rhs) {
  return ShapedType::isDynamic(lhs) ? rhs : lhs;
}

static std::string formatDim(int64_t dim) {
  return ShapedType::isDynamic(dim) ? std::string("?") : std::to_string(dim);
}

/// Product of two dims; dynamic if either is. Fails on int64 overflow,
/// which only absurd static shapes reach.
static FailureOr<int64_t> multiplyDims(int64_t lhs, int64_t rhs,
                                       StringRef what, EmitErrorFn emitError) {
  if (ShapedType::isDynamic(lhs) || ShapedType::isDynamic(rhs))
    return ShapedType::kDynamic;
  std::optional<int64_t> product = llvm::checkedMul(lhs, rhs);
  if (!product) {
    emitError() << "expects " << what << " (" << lhs << " * " << rhs
                << ") to fit in 64 bits";
    return failure();
  }
  return *product;
}

static LogicalResult verifyRank(ArrayRef<int64_t> shape, int64_t rank,
                                StringRef name, EmitErrorFn emitError) {
  if (static_cast<int64_t>(shape.size()) == rank)
    return success();
  return emitError() << "expects " << name << " to have rank " << rank
                     << ", got " << shape.size();
}

static LogicalResult verifyMinRank(ArrayRef<int64_t> shape, int64_t rank,
                                   StringRef name, EmitErrorFn emitError) {
  if (static_cast<int64_t>(shape.size()) >= rank)
    return success();
  return emitError() << "expects " << name << " to have rank >= " << rank
                     << ", got " << shape.size();
}

/// Fails unless two dims that the contract names alike can be equal.
static LogicalResult verifySameDim(int64_t lhs, StringRef lhsName,
                                   int64_t rhs, StringRef rhsName,
                                   EmitErrorFn emitError) {
  if (areCompatibleDims(lhs, rhs))
    return success();
  return emitError() << "expects " << lhsName << " (" << lhs
                     << ") to equal " << rhsName << " (" << rhs << ")";
}

LogicalResult accel::verifyShapeMatches(ArrayRef<int64_t> actual,
                                        ArrayRef<int64_t> expected,
                                        StringRef what, EmitErrorFn emitError) {
  bool matches = actual.size() == expected.size() &&
                 llvm::all_of(llvm::zip_equal(actual, expected), [](auto p) {
                   return areCompatibleDims(std::get<0>(p), std::get<1>(p));
                 });
  if (matches)
    return success();
  return emitError() << "expects " << what << " of shape "
                     << formatShape(expected) << ", got "
                     << formatShape(actual);
}

FailureOr<Shape> accel::broadcastShapes(ArrayRef<int64_t> lhs,
                                        ArrayRef<int64_t> rhs,
                                        EmitErrorFn emitError) {
  size_t rank = std::max(lhs.size(), rhs.size());
  Shape result(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t l = i < lhs.size() ? lhs[lhs.size() - 1 - i] : 1;
    int64_t r = i < rhs.size() ? rhs[rhs.size() - 1 - i] : 1;
    int64_t &out = result[rank - 1 - i];
    if (l == 1) {
      out = r;
    } else if (r == 1) {
      out = l;
    } else if (areCompatibleDims(l, r)) {
      // A dynamic dim against a static one may still be 1 at run time; the
      // contract asks kernels to take such sizes at run time, so keep `?`
      // unless both agree.
      out = (l == r) ? l : ShapedType::kDynamic;
    } else {
      emitError() << "expects broadcast-compatible batch dims, got "
                  << formatShape(lhs) << " and " << formatShape(rhs);
      return failure();
    }
  }
  return result;
}

LogicalResult accel::verifyBroadcastableTo(ArrayRef<int64_t> shape,
                                           ArrayRef<int64_t> target,
                                           StringRef what,
                                           EmitErrorFn emitError) {
  bool ok = shape.size() <= target.size();
  for (size_t i = 0; ok && i < shape.size(); ++i) {
    int64_t dim = shape[shape.size() - 1 - i];
    int64_t to = target[target.size() - 1 - i];
    ok = dim == 1 || areCompatibleDims(dim, to);
  }
  if (ok)
    return success();
  return emitError() << "expects " << what << " of shape " << formatShape(shape)
                     << " to broadcast to " << formatShape(target);
}

//===----------------------------------------------------------------------===//
// §1 Dense linear algebra
//===----------------------------------------------------------------------===//

FailureOr<Shape> accel::inferMatmulShape(ArrayRef<int64_t> a,
                                         ArrayRef<int64_t> b, bool transposeB,
                                         EmitErrorFn emitError) {
  if (failed(verifyMinRank(a, 2, "a", emitError)) ||
      failed(verifyMinRank(b, 2, "b", emitError)))
    return failure();
  int64_t m = a[a.size() - 2], kA = a.back();
  int64_t kB = transposeB ? b.back() : b[b.size() - 2];
  int64_t n = transposeB ? b[b.size() - 2] : b.back();
  if (!areCompatibleDims(kA, kB)) {
    emitError() << "expects the reduction dims of a (" << formatDim(kA)
                << ") and b (" << formatDim(kB) << ") to match";
    return failure();
  }
  FailureOr<Shape> batch =
      broadcastShapes(a.drop_back(2), b.drop_back(2), emitError);
  if (failed(batch))
    return failure();
  Shape result = *batch;
  result.push_back(m);
  result.push_back(n);
  return result;
}

//===----------------------------------------------------------------------===//
// §2 Attention
//===----------------------------------------------------------------------===//

FailureOr<AttentionShapes>
accel::inferAttentionShapes(ArrayRef<int64_t> q, ArrayRef<int64_t> k,
                            ArrayRef<int64_t> v, EmitErrorFn emitError) {
  if (failed(verifyRank(q, 4, "q", emitError)) ||
      failed(verifyRank(k, 4, "k", emitError)) ||
      failed(verifyRank(v, 4, "v", emitError)))
    return failure();
  if (failed(verifySameDim(q[0], "the batch of q", k[0], "the batch of k",
                           emitError)) ||
      failed(verifySameDim(k[0], "the batch of k", v[0], "the batch of v",
                           emitError)) ||
      failed(verifySameDim(q[0], "the batch of q", v[0], "the batch of v",
                           emitError)) ||
      failed(verifySameDim(k[1], "the kv heads of k", v[1],
                           "the kv heads of v", emitError)) ||
      failed(verifySameDim(k[2], "the key length of k", v[2],
                           "the key length of v", emitError)) ||
      failed(verifySameDim(q[3], "the head dim of q", k[3],
                           "the head dim of k", emitError)))
    return failure();
  int64_t hq = q[1], hkv = combineDims(k[1], v[1]);
  if (hkv == 0) {
    emitError() << "expects at least one kv head, got 0";
    return failure();
  }
  if (!ShapedType::isDynamic(hq) && !ShapedType::isDynamic(hkv) &&
      hq % hkv != 0) {
    emitError() << "expects the query heads (" << hq
                << ") to be a multiple of the kv heads (" << hkv << ")";
    return failure();
  }
  int64_t batch = combineDims(q[0], combineDims(k[0], v[0]));
  AttentionShapes shapes;
  shapes.out = {batch, hq, q[2], v[3]};
  shapes.lse = {batch, hq, q[2]};
  shapes.scores = {batch, hq, q[2], combineDims(k[2], v[2])};
  return shapes;
}

//===----------------------------------------------------------------------===//
// §3 Structured matrices
//===----------------------------------------------------------------------===//

FailureOr<Shape> accel::inferBlockDiagMatmulShape(ArrayRef<int64_t> x,
                                                  ArrayRef<int64_t> w,
                                                  EmitErrorFn emitError) {
  if (failed(verifyMinRank(x, 1, "x", emitError)) ||
      failed(verifyRank(w, 3, "w", emitError)))
    return failure();
  int64_t nb = w[0], q = w[1], p = w[2];
  FailureOr<int64_t> in = multiplyDims(nb, p, "nb * p", emitError);
  if (failed(in))
    return failure();
  if (!areCompatibleDims(x.back(), *in)) {
    emitError() << "expects the last dim of x (" << x.back()
                << ") to equal nb * p (" << nb << " * " << p << ")";
    return failure();
  }
  FailureOr<int64_t> out = multiplyDims(nb, q, "nb * q", emitError);
  if (failed(out))
    return failure();
  Shape result(x.drop_back());
  result.push_back(*out);
  return result;
}

FailureOr<Shape> accel::inferMonarchMatmulShape(ArrayRef<int64_t> x,
                                                ArrayRef<int64_t> w1,
                                                ArrayRef<int64_t> w2,
                                                EmitErrorFn emitError) {
  if (failed(verifyMinRank(x, 1, "x", emitError)) ||
      failed(verifyRank(w1, 3, "w1", emitError)) ||
      failed(verifyRank(w2, 3, "w2", emitError)))
    return failure();
  int64_t k = w1[0], q = w1[1], p = w1[2];
  int64_t l = w2[0], s = w2[1], r = w2[2];
  FailureOr<int64_t> kp = multiplyDims(k, p, "k * p", emitError);
  if (failed(kp))
    return failure();
  if (!areCompatibleDims(x.back(), *kp)) {
    emitError() << "expects the last dim of x (" << x.back()
                << ") to equal k * p of w1 (" << k << " * " << p << ")";
    return failure();
  }
  FailureOr<int64_t> kq = multiplyDims(k, q, "k * q", emitError);
  if (failed(kq))
    return failure();
  FailureOr<int64_t> lr = multiplyDims(l, r, "l * r", emitError);
  if (failed(lr))
    return failure();
  if (!areCompatibleDims(*lr, *kq)) {
    emitError() << "expects l * r of w2 (" << l << " * " << r
                << ") to equal k * q of w1 (" << k << " * " << q << ")";
    return failure();
  }
  FailureOr<int64_t> ls = multiplyDims(l, s, "l * s", emitError);
  if (failed(ls))
    return failure();
  Shape result(x.drop_back());
  result.push_back(*ls);
  return result;
}

//===----------------------------------------------------------------------===//
// §4 Relational graphs
//===----------------------------------------------------------------------===//

FailureOr<Shape> accel::inferGatherRowsShape(ArrayRef<int64_t> x,
                                             ArrayRef<int64_t> idx,
                                             EmitErrorFn emitError) {
  if (failed(verifyRank(x, 2, "x", emitError)) ||
      failed(verifyRank(idx, 1, "idx", emitError)))
    return failure();
  return Shape{idx[0], x[1]};
}

FailureOr<Shape> accel::inferRelationMatmulShape(ArrayRef<int64_t> x,
                                                 ArrayRef<int64_t> w,
                                                 ArrayRef<int64_t> index,
                                                 bool indexIsOffsets,
                                                 EmitErrorFn emitError) {
  StringRef indexName = indexIsOffsets ? "offsets" : "types";
  if (failed(verifyRank(x, 2, "x", emitError)) ||
      failed(verifyRank(w, 3, "w", emitError)) ||
      failed(verifyRank(index, 1, indexName, emitError)))
    return failure();
  if (failed(verifySameDim(x[1], "the feature dim of x", w[1],
                           "the input dim of w", emitError)))
    return failure();
  if (indexIsOffsets) {
    std::optional<int64_t> expected =
        ShapedType::isDynamic(w[0]) ? std::optional<int64_t>()
                                    : llvm::checkedAdd(w[0], int64_t(1));
    if (!ShapedType::isDynamic(w[0]) &&
        (!expected || !areCompatibleDims(index[0], *expected))) {
      emitError() << "expects offsets to have R + 1 = " << w[0] << " + 1"
                  << " entries, got " << formatDim(index[0]);
      return failure();
    }
  } else if (failed(verifySameDim(index[0], "the length of types", x[0],
                                  "the rows of x", emitError))) {
    return failure();
  }
  return Shape{x[0], w[2]};
}

LogicalResult accel::verifySegmentOffsets(ArrayRef<int64_t> offsets,
                                          int64_t numRows,
                                          EmitErrorFn emitError) {
  if (offsets.empty())
    return emitError() << "expects at least one offset";
  if (offsets.front() != 0)
    return emitError() << "expects offsets[0] to be 0, got "
                       << offsets.front();
  for (size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] < offsets[i - 1])
      return emitError() << "expects non-decreasing offsets, got offsets["
                         << i - 1 << "] = " << offsets[i - 1] << " > offsets["
                         << i << "] = " << offsets[i];
  if (!ShapedType::isDynamic(numRows) && offsets.back() != numRows)
    return emitError() << "expects the last offset to equal the rows of x ("
                       << numRows << "), got " << offsets.back();
  return success();
}

FailureOr<Shape> accel::inferScatterReduceShape(ArrayRef<int64_t> msg,
                                                ArrayRef<int64_t> idx,
                                                int64_t numRows,
                                                EmitErrorFn emitError) {
  if (failed(verifyRank(msg, 2, "msg", emitError)) ||
      failed(verifyRank(idx, 1, "idx", emitError)) ||
      failed(verifySameDim(idx[0], "the length of idx", msg[0],
                           "the rows of msg", emitError)))
    return failure();
  return Shape{numRows, msg[1]};
}

FailureOr<Shape> accel::inferEdgeSoftmaxShape(ArrayRef<int64_t> score,
                                              ArrayRef<int64_t> dst,
                                              EmitErrorFn emitError) {
  if (failed(verifyRank(score, 2, "score", emitError)) ||
      failed(verifyRank(dst, 1, "dst", emitError)) ||
      failed(verifySameDim(dst[0], "the length of dst", score[0],
                           "the rows of score", emitError)))
    return failure();
  return Shape(score);
}

//===----------------------------------------------------------------------===//
// §5 Quantization
//===----------------------------------------------------------------------===//

FailureOr<QuantGranularity> accel::parseGranularity(StringRef spelling,
                                                    EmitErrorFn emitError) {
  if (std::optional<QuantGranularity> kind = symbolizeQuantGranularity(spelling))
    return *kind;
  emitError() << "expects granularity to be \"tensor\", \"channel\" or "
                 "\"group\", got \""
              << spelling << "\"";
  return failure();
}

FailureOr<Shape> accel::inferScaleShape(ArrayRef<int64_t> shape,
                                        QuantGranularity granularity,
                                        std::optional<int64_t> axis,
                                        std::optional<int64_t> groupSize,
                                        EmitErrorFn emitError) {
  StringRef name = stringifyQuantGranularity(granularity);
  bool needsAxis = granularity != QuantGranularity::Tensor;
  bool needsGroup = granularity == QuantGranularity::Group;
  if (needsAxis != axis.has_value()) {
    emitError() << "expects axis " << (needsAxis ? "with" : "only with")
                << " granularity \"" << (needsAxis ? name : "channel")
                << "\"" << (needsAxis ? "" : " or \"group\"");
    return failure();
  }
  if (needsGroup != groupSize.has_value()) {
    emitError() << "expects group_size " << (needsGroup ? "with" : "only with")
                << " granularity \"group\"";
    return failure();
  }
  if (!needsAxis)
    return Shape{};
  int64_t rank = shape.size();
  if (*axis < 0 || *axis >= rank) {
    emitError() << "expects axis in [0, " << rank << "), got " << *axis;
    return failure();
  }
  int64_t dim = shape[*axis];
  if (granularity == QuantGranularity::Channel)
    return Shape{dim};
  if (*groupSize <= 0) {
    emitError() << "expects a positive group_size, got " << *groupSize;
    return failure();
  }
  Shape result(shape);
  if (ShapedType::isDynamic(dim))
    return result; // Stays dynamic; checked at run time.
  if (dim % *groupSize != 0) {
    emitError() << "expects group_size (" << *groupSize
                << ") to divide dim " << *axis << " (" << dim << ")";
    return failure();
  }
  result[*axis] = dim / *groupSize;
  return result;
}

bool accel::isQuantizedElementType(Type type) {
  return type.isSignlessInteger(8) || type.isSignlessInteger(4) ||
         isa<Float8E4M3FNType, Float8E5M2Type>(type);
}

double accel::getQuantizedMaxValue(Type type) {
  if (type.isSignlessInteger(8))
    return 127.0;
  if (type.isSignlessInteger(4))
    return 7.0;
  // fp8: the format's largest finite value (448 for E4M3FN, 57344 for
  // E5M2), from APFloat's semantics rather than a second copy here.
  if (isa<Float8E4M3FNType, Float8E5M2Type>(type))
    return llvm::APFloat::getLargest(cast<FloatType>(type).getFloatSemantics())
        .convertToDouble();
  return 0.0;
}

bool accel::isSupportedQuantizedMatmulPair(Type a, Type b) {
  if (a.isSignlessInteger(8))
    return b.isSignlessInteger(8) || b.isSignlessInteger(4);
  if (isa<Float8E4M3FNType>(a))
    return isa<Float8E4M3FNType>(b);
  if (a.isF16() || a.isBF16())
    return b.isSignlessInteger(4);
  return false;
}

FailureOr<QuantizedMatmulShapes> accel::inferQuantizedMatmulShapes(
    ArrayRef<int64_t> a, ArrayRef<int64_t> aScale, ArrayRef<int64_t> b,
    ArrayRef<int64_t> bScale, bool transposeB, EmitErrorFn emitError) {
  if (failed(verifyMinRank(a, 2, "a", emitError)) ||
      failed(verifyRank(b, 2, "b", emitError)))
    return failure();
  FailureOr<Shape> result = inferMatmulShape(a, b, transposeB, emitError);
  if (failed(result))
    return failure();
  // a_scale: per tensor or per row of a.
  if (!aScale.empty() &&
      failed(verifyShapeMatches(aScale, a.drop_back(), "a_scale", emitError)))
    return failure();
  int64_t kDimOfB = transposeB ? 1 : 0;
  int64_t k = combineDims(a.back(), b[kDimOfB]);
  int64_t n = result->back();
  QuantizedMatmulShapes shapes{*result, k};
  if (bScale.empty())
    return shapes;
  if (bScale.size() == 1) {
    if (failed(verifyShapeMatches(bScale, {n}, "b_scale", emitError)))
      return failure();
    return shapes;
  }
  if (bScale.size() != 2) {
    emitError() << "expects b_scale of rank 0, 1 or 2, got rank "
                << bScale.size();
    return failure();
  }
  // Group-wise: b's shape with K replaced by the number of groups.
  int64_t nDimOfB = 1 - kDimOfB;
  int64_t groups = bScale[kDimOfB];
  if (!areCompatibleDims(bScale[nDimOfB], b[nDimOfB])) {
    emitError() << "expects b_scale of shape " << formatShape(b)
                << " with K replaced by K / group size, got "
                << formatShape(bScale);
    return failure();
  }
  if (ShapedType::isDynamic(groups) || ShapedType::isDynamic(k)) {
    shapes.bGroupSize = ShapedType::kDynamic;
    return shapes;
  }
  if (groups == 0) {
    emitError() << "expects at least one scale group of b, got 0";
    return failure();
  }
  if (k % groups != 0) {
    emitError() << "expects the " << groups
                << " scale groups of b to divide K (" << k << ")";
    return failure();
  }
  shapes.bGroupSize = k / groups;
  return shapes;
}
